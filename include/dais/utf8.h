/*
 * utf8.h: the one UTF-8 decoder and encoder of dais. Valid means RFC 3629:
 * no overlong forms, no surrogates, nothing past U+10FFFF.
 */
#ifndef DAIS_UTF8_H
#define DAIS_UTF8_H

#include <stddef.h>

#define UTF8_REPLACEMENT 0xfffdu

/*
 * Decodes the character at s (n bytes available) into *cp and returns its
 * length (1-4). An invalid or cut sequence returns 0 with *cp set to
 * U+FFFD; n == 0 returns 0 with *cp 0.
 */
size_t utf8_decode(const char *s, size_t n, unsigned int *cp);
/* The length of the longest valid UTF-8 prefix of the n bytes at s. */
size_t utf8_valid_prefix(const char *s, size_t n);
/*
 * Writes cp as UTF-8 to buf (room for 4 bytes; not NUL-terminated) and
 * returns the length; a surrogate or a value past U+10FFFF writes U+FFFD.
 */
size_t utf8_encode(unsigned int cp, char *buf);

#endif
