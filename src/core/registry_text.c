/*
 * registry_text.c: a key's text in participants.ini and venues.ini read
 * into the model's types (whole numbers, ids, lists, language codes, times
 * of day, local date-times), each refusal a sentence naming section and
 * key.
 */
#include "dais/registry_field.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/suggest.h"
#include "dais/trim.h"
#include "dais/xalloc.h"

/* ---- Values ------------------------------------------------------------ */

bool
registry_is_slug(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return false;
	for (s++; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-'))
			return false;
	return true;
}

/* Decimal only: leading zeros are not octal, as they are in getint. */
static bool
parse_int(const char *v, long *out)
{
	size_t n = strlen(v);
	const char *p = trim_blanks(v, &n);
	const char *end = p + n;
	bool neg = false;
	long x = 0;

	if (p < end && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	if (p == end)
		return false;
	for (; p < end; p++) {
		if (*p < '0' || *p > '9')
			return false;
		if (x > 100000000L)
			x = 1000000000L; /* saturate: range check says it */
		else
			x = x * 10 + (*p - '0');
	}
	*out = neg ? -x : x;
	return true;
}

bool
registry_value_int(const char *section, const char *key, const char *text,
                   int min, int max, int *out, char **why)
{
	long x;

	if (!parse_int(text, &x)) {
		*why = xasprintf("%s = \"%s\" in [%s] is not a whole number: "
		                 "write it in decimal digits only",
		                 key, text, section);
		return false;
	}
	if (x < min || x > max) {
		*why = xasprintf("%s = %ld in [%s] is out of range: write a "
		                 "number from %d to %d",
		                 key, x, section, min, max);
		return false;
	}
	*out = (int)x;
	return true;
}

bool
registry_value_id(const char *section, const char *key, const char *text,
                  char **out, char **why)
{
	size_t n = strlen(text);
	const char *t = trim_blanks(text, &n);

	if (t != text || n != strlen(text) || !registry_is_slug(text)) {
		*why = xasprintf("%s = \"%s\" in [%s] is not an id: ids are "
		                 "lowercase letters, digits and '-', like "
		                 "\"kw-interior\"",
		                 key, text, section);
		return false;
	}
	free(*out);
	*out = xstrdup(text);
	return true;
}

void
registry_value_list(const char *section, const char *key, const char *text,
                    struct strlist *out, struct strlist *warnings)
{
	bool warned_empty = false;
	size_t n = strlen(text);
	const char *p;

	if (trim_blanks(text, &n) && n == 0)
		return;
	for (p = text;;) {
		size_t len = strcspn(p, ","), m = len;
		const char *item = trim_blanks(p, &m);
		char *copy, *w;

		if (m == 0 && !warned_empty) {
			w = xasprintf("%s in [%s] has an empty item (two "
			              "commas in a row, or one at an end): it "
			              "is ignored",
			              key, section);
			if (warnings != NULL)
				strlist_add(warnings, w);
			free(w);
			warned_empty = true;
		} else if (m > 0) {
			copy = xstrndup(item, m);
			if (strlist_has(out, copy)) {
				w = xasprintf("%s in [%s] lists \"%s\" twice",
				              key, section, copy);
				if (warnings != NULL)
					strlist_add(warnings, w);
				free(w);
			} else {
				strlist_add(out, copy);
			}
			free(copy);
		}
		p += len;
		if (*p == '\0')
			break;
		p++;
	}
}

/* "en", "ar", "zh-hans": two or three letters, then subtags. */
static bool
is_language(const char *s)
{
	size_t n = 0;

	while (s[n] >= 'a' && s[n] <= 'z')
		n++;
	if (n < 2 || n > 3)
		return false;
	for (s += n; *s == '-'; s += n) {
		s++;
		n = 0;
		while ((s[n] >= 'a' && s[n] <= 'z') ||
		       (s[n] >= '0' && s[n] <= '9'))
			n++;
		if (n < 1 || n > 8)
			return false;
	}
	return *s == '\0';
}

bool
registry_value_languages(const char *section, const char *key, const char *text,
                         struct strlist *out, char **why,
                         struct strlist *warnings)
{
	struct strlist all = {0};
	size_t i;

	/* Each item once (registry_value_list leaves a repeated one out). */
	registry_value_list(section, key, text, &all, warnings);
	for (i = 0; i < all.n; i++) {
		if (is_language(all.v[i]))
			continue;
		*why = xasprintf("%s in [%s]: \"%s\" is not a language code: "
		                 "write lowercase ISO 639-1 codes such as "
		                 "\"ar, en, ru\"",
		                 key, section, all.v[i]);
		strlist_clear(&all);
		return false;
	}
	/* Into an empty list (the loader's and the forms' case) the items
	 * go as they are, not copied one by one. */
	if (out->v == NULL) {
		*out = all;
		return true;
	}
	for (i = 0; i < all.n; i++)
		if (!strlist_has(out, all.v[i]))
			strlist_add(out, all.v[i]);
	strlist_clear(&all);
	return true;
}

/* "H:MM" or "HH:MM", 00:00 to 24:00. */
static bool
parse_clock(const char *v, size_t n, int *minutes)
{
	size_t h = 0;
	int hh = 0, mm;

	while (h < n && h < 3 && v[h] >= '0' && v[h] <= '9')
		hh = hh * 10 + (v[h++] - '0');
	if (h < 1 || h > 2 || n != h + 3 || v[h] != ':' || v[h + 1] < '0' ||
	    v[h + 1] > '9' || v[h + 2] < '0' || v[h + 2] > '9')
		return false;
	mm = (v[h + 1] - '0') * 10 + (v[h + 2] - '0');
	if (mm > 59 || hh > 24 || (hh == 24 && mm > 0))
		return false;
	*minutes = hh * 60 + mm;
	return true;
}

bool
registry_value_clock(const char *section, const char *key, const char *text,
                     int max_minutes, int *out, char **why)
{
	size_t n = strlen(text);
	const char *t = trim_blanks(text, &n);
	int m;

	if (!parse_clock(t, n, &m)) {
		*why = xasprintf("%s = \"%s\" in [%s] is not a time of day: "
		                 "write HH:MM on the 24-hour clock, such as "
		                 "\"08:00\"",
		                 key, text, section);
		return false;
	}
	if (m > max_minutes) {
		*why = xasprintf("%s = \"%s\" in [%s] is too late: the latest "
		                 "is %02d:%02d",
		                 key, text, section, max_minutes / 60,
		                 max_minutes % 60);
		return false;
	}
	*out = m;
	return true;
}

bool
registry_value_datetime(const char *section, const char *key, const char *text,
                        const struct dais_zone *zone, dais_time *out,
                        char **why)
{
	size_t n = strlen(text), sp = 0;
	const char *t = trim_blanks(text, &n);
	struct dais_date d;
	char date[11];
	int m;

	while (sp < n && t[sp] != ' ' && t[sp] != 'T')
		sp++;
	if (sp == 10) {
		memcpy(date, t, 10);
		date[10] = '\0';
	}
	if (n < 15 || sp != 10 || !date_parse(date, &d) ||
	    !parse_clock(t + 11, n - 11, &m) || m >= 24 * 60) {
		*why = xasprintf("%s = \"%s\" in [%s] is not a date and time: "
		                 "write \"YYYY-MM-DD HH:MM\" in %s time, such "
		                 "as \"2026-11-04 10:00\"",
		                 key, text, section, zone->name);
		return false;
	}
	*out = civil_to_time(zone, (struct dais_civil){d.year, d.month, d.day,
	                                               m / 60, m % 60, 0});
	return true;
}
