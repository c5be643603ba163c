/*
 * registry_value.c: the values of a registry INI file in the model's types
 * (whole numbers, ids, lists, language codes, times of day, local
 * date-times), and the check for keys no section knows. Every refusal is a
 * diagnostic naming file, line, section and key.
 */
#include <stdlib.h>
#include <string.h>

#include "dais/suggest.h"
#include "dais/xalloc.h"
#include "registry_ini.h"

const char *
ini_nearest(const char *word, const char *const *names)
{
	return suggest_nearest(word, names, 2);
}

void
ini_check_keys(const struct ini_file *f, const struct ini_section *s,
               const char *const *known, const char *prefix)
{
	size_t i, k;

	for (i = 0; i < s->nkeys; i++) {
		const char *name = s->keys[i].name, *near;
		bool ok = false;
		char *list;
		size_t len = 1;

		for (k = 0; known[k] != NULL && !ok; k++)
			ok = strcmp(known[k], name) == 0;
		if (ok || (prefix != NULL &&
		           strncmp(name, prefix, strlen(prefix)) == 0))
			continue;
		near = ini_nearest(name, known);
		if (near != NULL) {
			ini_warning(
			    f, s->keys[i].line,
			    "unknown key %s in [%s] is ignored: did you "
			    "mean %s?",
			    name, s->name, near);
			continue;
		}
		for (k = 0; known[k] != NULL; k++)
			len += strlen(known[k]) + 2;
		list = xmalloc(len);
		list[0] = '\0';
		for (k = 0; known[k] != NULL; k++) {
			if (k > 0)
				strcat(list, ", ");
			strcat(list, known[k]);
		}
		ini_warning(f, s->keys[i].line,
		            "unknown key %s in [%s] is ignored; the keys of "
		            "[%s] are %s%s",
		            name, s->name, s->name, list,
		            prefix != NULL ? " and walk.BUILDING" : "");
		free(list);
	}
}

/* ---- Typed values ------------------------------------------------------ */

bool
ini_is_slug(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return false;
	for (s++; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-'))
			return false;
	return true;
}

bool
ini_require(const struct ini_file *f, const struct ini_section *s,
            const char *key)
{
	const struct ini_key *k = ini_key(s, key);
	const char *v;
	int line;

	if (k == NULL) {
		ini_error(f, s->line, "[%s] has no %s: add a line %s = \"...\"",
		          s->name, key, key);
		return false;
	}
	if (k->bad)
		return false;
	v = ini_value(f, s, key, &line);
	if (v == NULL || *v == '\0') {
		ini_error(f, line, "%s in [%s] is empty: give it a value", key,
		          s->name);
		return false;
	}
	return true;
}

bool
ini_get_text(const struct ini_file *f, const struct ini_section *s,
             const char *key, char **out)
{
	const char *v = ini_value(f, s, key, NULL);

	if (v != NULL && *v != '\0') {
		free(*out);
		*out = xstrdup(v);
	}
	return ini_key(s, key) == NULL || !ini_key(s, key)->bad;
}

/* Decimal only: leading zeros are not octal, as they are in getint. */
static bool
ini_parse_int(const char *v, long *out)
{
	size_t n = strlen(v);
	const char *p = ini_trim(v, &n);
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
ini_get_int(const struct ini_file *f, const struct ini_section *s,
            const char *key, int min, int max, int *out)
{
	int line;
	const char *v = ini_value(f, s, key, &line);
	long x;

	if (v == NULL)
		return ini_key(s, key) == NULL || !ini_key(s, key)->bad;
	if (!ini_parse_int(v, &x)) {
		ini_error(f, line,
		          "%s = \"%s\" in [%s] is not a whole number: write it "
		          "in decimal digits only",
		          key, v, s->name);
		return false;
	}
	if (x < min || x > max) {
		ini_error(f, line,
		          "%s = %ld in [%s] is out of range: write a number "
		          "from %d to %d",
		          key, x, s->name, min, max);
		return false;
	}
	*out = (int)x;
	return true;
}

bool
ini_get_id(const struct ini_file *f, const struct ini_section *s,
           const char *key, char **out)
{
	int line;
	const char *v = ini_value(f, s, key, &line);
	size_t n;
	const char *t;

	if (v == NULL || *v == '\0')
		return ini_key(s, key) == NULL || !ini_key(s, key)->bad;
	n = strlen(v);
	t = ini_trim(v, &n);
	if (t != v || n != strlen(v) || !ini_is_slug(v)) {
		ini_error(f, line,
		          "%s = \"%s\" in [%s] is not an id: ids are lowercase "
		          "letters, digits and '-', like \"kw-interior\"",
		          key, v, s->name);
		return false;
	}
	free(*out);
	*out = xstrdup(v);
	return true;
}

bool
ini_get_list(const struct ini_file *f, const struct ini_section *s,
             const char *key, struct strlist *out)
{
	int line;
	const char *v = ini_value(f, s, key, &line), *p;
	bool warned_empty = false;
	size_t n;

	if (v == NULL)
		return ini_key(s, key) == NULL || !ini_key(s, key)->bad;
	n = strlen(v);
	if (ini_trim(v, &n) && n == 0)
		return true;
	for (p = v;;) {
		size_t len = strcspn(p, ","), m = len;
		const char *item = ini_trim(p, &m);
		char *copy;

		if (m == 0 && !warned_empty) {
			ini_warning(
			    f, line,
			    "%s in [%s] has an empty item (two commas "
			    "in a row, or one at an end): it is ignored",
			    key, s->name);
			warned_empty = true;
		} else if (m > 0) {
			copy = xstrndup(item, m);
			if (strlist_has(out, copy))
				ini_warning(f, line,
				            "%s in [%s] lists \"%s\" twice",
				            key, s->name, copy);
			else
				strlist_add(out, copy);
			free(copy);
		}
		p += len;
		if (*p == '\0')
			break;
		p++;
	}
	return true;
}

/* "en", "ar", "zh-hans": two or three letters, then subtags. */
static bool
ini_is_language(const char *s)
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
ini_get_languages(const struct ini_file *f, const struct ini_section *s,
                  const char *key, struct strlist *out)
{
	struct strlist all = {0};
	bool ok;
	size_t i;
	int line;

	ok = ini_get_list(f, s, key, &all);
	ini_value(f, s, key, &line);
	for (i = 0; i < all.n; i++) {
		if (ini_is_language(all.v[i])) {
			if (!strlist_has(out, all.v[i]))
				strlist_add(out, all.v[i]);
			continue;
		}
		ini_error(f, line,
		          "%s in [%s]: \"%s\" is not a language code: write "
		          "lowercase ISO 639-1 codes such as \"ar, en, ru\"",
		          key, s->name, all.v[i]);
		ok = false;
	}
	strlist_clear(&all);
	return ok;
}

/* "H:MM" or "HH:MM", 00:00 to 24:00. */
static bool
ini_parse_clock(const char *v, size_t n, int *minutes)
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
ini_get_clock(const struct ini_file *f, const struct ini_section *s,
              const char *key, int max_minutes, int *out)
{
	int line, m;
	const char *v = ini_value(f, s, key, &line);
	size_t n;
	const char *t;

	if (v == NULL)
		return ini_key(s, key) == NULL || !ini_key(s, key)->bad;
	n = strlen(v);
	t = ini_trim(v, &n);
	if (!ini_parse_clock(t, n, &m)) {
		ini_error(f, line,
		          "%s = \"%s\" in [%s] is not a time of day: write "
		          "HH:MM on the 24-hour clock, such as \"08:00\"",
		          key, v, s->name);
		return false;
	}
	if (m > max_minutes) {
		ini_error(f, line,
		          "%s = \"%s\" in [%s] is too late: the latest is "
		          "%02d:%02d",
		          key, v, s->name, max_minutes / 60, max_minutes % 60);
		return false;
	}
	*out = m;
	return true;
}

bool
ini_get_datetime(const struct ini_file *f, const struct ini_section *s,
                 const char *key, const struct dais_zone *zone, dais_time *out)
{
	int line, m;
	const char *v = ini_value(f, s, key, &line);
	struct dais_date d;
	size_t n, sp;
	const char *t;
	char date[11];

	if (v == NULL || *v == '\0')
		return ini_key(s, key) == NULL || !ini_key(s, key)->bad;
	n = strlen(v);
	t = ini_trim(v, &n);
	sp = 0;
	while (sp < n && t[sp] != ' ' && t[sp] != 'T')
		sp++;
	if (sp == 10) {
		memcpy(date, t, 10);
		date[10] = '\0';
	}
	if (n < 15 || sp != 10 || !date_parse(date, &d) ||
	    !ini_parse_clock(t + 11, n - 11, &m) || m >= 24 * 60) {
		ini_error(f, line,
		          "%s = \"%s\" in [%s] is not a date and time: write "
		          "\"YYYY-MM-DD HH:MM\" in %s time, such as "
		          "\"2026-11-04 10:00\"",
		          key, v, s->name, zone->name);
		return false;
	}
	*out = civil_to_time(zone, (struct dais_civil){d.year, d.month, d.day,
	                                               m / 60, m % 60, 0});
	return true;
}
