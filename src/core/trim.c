/*
 * trim.c: the blank trimming of trim.h, shared by the INI reader and writer
 * and by the checks of typed fields.
 */
#include "dais/trim.h"

#include <string.h>

#include "dais/xalloc.h"

const char *
trim_blanks(const char *s, size_t *n)
{
	while (*n > 0 && trim_is_blank((unsigned char)s[0])) {
		s++;
		(*n)--;
	}
	while (*n > 0 && trim_is_blank((unsigned char)s[*n - 1]))
		(*n)--;
	return s;
}

char *
trim_spaces_dup(const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}
