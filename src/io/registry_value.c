/*
 * registry_value.c: the values of a registry INI file in the model's types
 * (whole numbers, ids, lists, language codes, times of day, local
 * date-times), and the check for keys no section knows. Every refusal is a
 * diagnostic naming file, line, section and key.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/registry_field.h"
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
	size_t i, k, next = 0;

	for (i = 0; i < s->nkeys; i++) {
		const char *name = s->keys[i].name, *near;
		bool ok = false;
		char *list;
		size_t len = 1;

		/* Keys mostly come in the list's order: the one after the
		 * last found first. */
		if (known[next] != NULL && ini_same_name(known[next], name)) {
			next++;
			continue;
		}
		for (k = 0; known[k] != NULL && !ok; k++)
			if (ini_same_name(known[k], name)) {
				ok = true;
				next = k + 1;
			}
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

/*
 * Each getter reads the key's text and hands it to the value parser of
 * registry_field.h, which the planner's forms call too: one judgement of
 * a value, one sentence, with the file and line added here.
 */

bool
ini_is_slug(const char *s)
{
	return registry_is_slug(s);
}

/* The refusal or warnings of a value parser, at the key's line. */
static void
ini_tell(const struct ini_file *f, int line, char *why,
         struct strlist *warnings)
{
	size_t i;

	/* Mostly nothing: a valid value leaves both empty. */
	if (warnings != NULL && warnings->v != NULL) {
		for (i = 0; i < warnings->n; i++)
			ini_warning(f, line, "%s", warnings->v[i]);
		strlist_clear(warnings);
	}
	if (why != NULL) {
		ini_error(f, line, "%s", why);
		free(why);
	}
}

bool
ini_require(const struct ini_file *f, const struct ini_section *s,
            const char *key)
{
	return ini_require_key(f, s, key, ini_key(s, key));
}

bool
ini_require_key(const struct ini_file *f, const struct ini_section *s,
                const char *key, const struct ini_key *k)
{
	if (k == NULL) {
		ini_error(f, s->line, "[%s] has no %s: add a line %s = \"...\"",
		          s->name, key, key);
		return false;
	}
	if (k->bad)
		return false;
	if (k->val == NULL || *k->val == '\0') {
		ini_error(f, k->line, "%s in [%s] is empty: give it a value",
		          key, s->name);
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

/* Absent (or refused by the scan, which said so): *out stays. */
static bool
ini_absent(const struct ini_section *s, const char *key)
{
	return ini_key(s, key) == NULL || !ini_key(s, key)->bad;
}

bool
ini_get_int(const struct ini_file *f, const struct ini_section *s,
            const char *key, int min, int max, int *out)
{
	int line;
	const char *v = ini_value(f, s, key, &line);
	char *why = NULL;
	bool ok;

	if (v == NULL)
		return ini_absent(s, key);
	ok = registry_value_int(s->name, key, v, min, max, out, &why);
	ini_tell(f, line, why, NULL);
	return ok;
}

bool
ini_get_id(const struct ini_file *f, const struct ini_section *s,
           const char *key, char **out)
{
	int line;
	const char *v = ini_value(f, s, key, &line);
	char *why = NULL;
	bool ok;

	if (v == NULL || *v == '\0')
		return ini_absent(s, key);
	ok = registry_value_id(s->name, key, v, out, &why);
	ini_tell(f, line, why, NULL);
	return ok;
}

bool
ini_get_list(const struct ini_file *f, const struct ini_section *s,
             const char *key, struct strlist *out)
{
	int line;
	const char *v = ini_value(f, s, key, &line);
	struct strlist warnings = {0};

	if (v == NULL)
		return ini_absent(s, key);
	registry_value_list(s->name, key, v, out, &warnings);
	ini_tell(f, line, NULL, &warnings);
	return true;
}

bool
ini_get_languages(const struct ini_file *f, const struct ini_section *s,
                  const char *key, struct strlist *out)
{
	int line;
	const char *v = ini_value(f, s, key, &line);
	struct strlist warnings = {0};
	char *why = NULL;
	bool ok;

	if (v == NULL)
		return ini_absent(s, key);
	ok = registry_value_languages(s->name, key, v, out, &why, &warnings);
	ini_tell(f, line, why, &warnings);
	return ok;
}

bool
ini_get_clock(const struct ini_file *f, const struct ini_section *s,
              const char *key, int max_minutes, int *out)
{
	int line;
	const char *v = ini_value(f, s, key, &line);
	char *why = NULL;
	bool ok;

	if (v == NULL)
		return ini_absent(s, key);
	ok = registry_value_clock(s->name, key, v, max_minutes, out, &why);
	ini_tell(f, line, why, NULL);
	return ok;
}

bool
ini_get_datetime(const struct ini_file *f, const struct ini_section *s,
                 const char *key, const struct dais_zone *zone, dais_time *out)
{
	int line;
	const char *v = ini_value(f, s, key, &line);
	char *why = NULL;
	bool ok;

	if (v == NULL || *v == '\0')
		return ini_absent(s, key);
	ok = registry_value_datetime(s->name, key, v, zone, out, &why);
	ini_tell(f, line, why, NULL);
	return ok;
}

size_t
ini_field_keys(const struct ini_section *s, const struct registry_field *fields,
               size_t n, const struct ini_key **keys,
               struct ini_field_memo *memo)
{
	size_t i, j, next = 0, found = 0;

	if (n > INI_FIELDS_MAX) {
		fprintf(stderr, "dais: an entry has more than %d fields\n",
		        INI_FIELDS_MAX);
		abort();
	}
	for (j = 0; j < n; j++)
		keys[j] = NULL;
	for (i = 0; i < s->nkeys; i++) {
		const char *name = s->keys[i].name;
		bool memo_ok = memo != NULL && i < INI_FIELDS_MAX;

		if (memo_ok && memo->name[i] == name) {
			j = memo->field[i];
		} else if (next < n && ini_same_name(fields[next].key, name)) {
			/* Keys mostly come in the table's order: the next
			 * field first. */
			j = next;
		} else {
			for (j = 0; j < n; j++)
				if (ini_same_name(fields[j].key, name))
					break;
		}
		if (memo_ok) {
			memo->name[i] = name;
			memo->field[i] = (unsigned char)j;
		}
		if (j < n) {
			keys[j] = &s->keys[i];
			next = j + 1;
			found++;
		}
	}
	return found;
}

bool
ini_fields_find(const struct registry_field *fields, size_t n,
                const char *const *known, const char *const *want, size_t nwant,
                size_t *at)
{
	bool all_known = true;
	size_t i, k;

	for (i = 0; i < nwant; i++)
		at[i] = n;
	for (k = 0; k < n; k++) {
		for (i = 0; i < nwant; i++)
			if (strcmp(want[i], fields[k].key) == 0)
				at[i] = k;
		for (i = 0;
		     known[i] != NULL && strcmp(known[i], fields[k].key) != 0;
		     i++)
			;
		all_known &= known[i] != NULL;
	}
	return all_known;
}

bool
ini_get_field_of(const struct ini_file *f, const struct ini_section *s,
                 const struct programme *p, struct registry_item *x,
                 const struct registry_field *fld, const struct ini_key *k)
{
	struct strlist warnings = {0};
	char *why = NULL;
	bool ok;

	/* As ini_value and ini_absent would say. */
	if (k == NULL)
		return true;
	if (k->bad || k->val == NULL)
		return !k->bad;
	ok = fld->parse(p, x, s->name, k->val, &why, &warnings);
	ini_tell(f, k->line, why, &warnings);
	return ok;
}

bool
ini_get_field(const struct ini_file *f, const struct ini_section *s,
              const struct programme *p, struct registry_item *x,
              const char *key)
{
	return ini_get_field_of(f, s, p, x, registry_field(x->kind, key),
	                        ini_key(s, key));
}
