/*
 * trim.h: blanks around a value, the one place that says what a blank is.
 * INI values (iniparser's isspace) drop any ASCII white space; a field
 * typed into a form or a session's title drops spaces and tabs only.
 */
#ifndef DAIS_TRIM_H
#define DAIS_TRIM_H

#include <stdbool.h>
#include <stddef.h>

/* ' ', '\t', '\r', '\n', '\v' or '\f' (isspace in the C locale). Inline:
 * the INI scan asks it of nearly every byte of a registry. */
static inline bool
trim_is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	       c == '\f';
}

/* The n bytes at s without blanks at either end: the start returned, *n
 * shortened. Nothing is copied. */
const char *trim_blanks(const char *s, size_t *n);

/* A new copy of s without spaces and tabs at either end (the caller frees). */
char *trim_spaces_dup(const char *s);

#endif
