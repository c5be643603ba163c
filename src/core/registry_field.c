/*
 * registry_field.c: the keys of participants.ini and venues.ini, each
 * with its parser and formatter (registry_field.h); the values' parsers
 * are in registry_text.c, an item's lifetime in registry_item.c, the
 * checks across keys and entries in registry_check.c. The sentences are
 * the loader's: the loader calls these, and so do the planner's forms.
 */
#include "dais/registry_field.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/suggest.h"
#include "dais/trim.h"
#include "dais/xalloc.h"

/* ---- The keys ---------------------------------------------------------- */

/* A text key: a pointer to the item's string. */
static char **
text_slot(struct registry_item *x, const char *key)
{
	if (x->kind == REGISTRY_PARTICIPANT) {
		if (strcmp(key, "name") == 0)
			return &x->person.name;
		if (strcmp(key, "name-local") == 0)
			return &x->person.name_local;
		if (strcmp(key, "title") == 0)
			return &x->person.title;
		if (strcmp(key, "email") == 0)
			return &x->person.email;
		if (strcmp(key, "phone") == 0)
			return &x->person.phone;
		if (strcmp(key, "delegation") == 0)
			return &x->person.delegation;
	} else if (x->kind == REGISTRY_ROOM) {
		if (strcmp(key, "name") == 0)
			return &x->room.name;
		if (strcmp(key, "building") == 0)
			return &x->room.building;
	} else if (x->kind == REGISTRY_BUILDING) {
		if (strcmp(key, "name") == 0)
			return &x->building.name;
	}
	abort(); /* a field table row without its slot */
}

static void
clear_text(struct registry_item *x, const char *key)
{
	char **slot = text_slot(x, key);

	free(*slot);
	*slot = NULL;
}

#define TEXT_FIELD(fn, key)                                                    \
	static bool parse_##fn(const struct programme *p,                      \
	                       struct registry_item *x, const char *section,   \
	                       const char *text, char **why,                   \
	                       struct strlist *warnings)                       \
	{                                                                      \
		char **slot = text_slot(x, key);                               \
		(void)p, (void)section, (void)why, (void)warnings;             \
		free(*slot);                                                   \
		*slot = *text != '\0' ? xstrdup(text) : NULL;                  \
		return true;                                                   \
	}                                                                      \
	static char *format_##fn(const struct programme *p,                    \
	                         const struct registry_item *x)                \
	{                                                                      \
		(void)p;                                                       \
		return xstrdup(*text_slot((struct registry_item *)x, key));    \
	}                                                                      \
	static void clear_##fn(struct registry_item *x)                        \
	{                                                                      \
		clear_text(x, key);                                            \
	}

#define ID_FIELD(fn, key)                                                      \
	static bool parse_##fn(const struct programme *p,                      \
	                       struct registry_item *x, const char *section,   \
	                       const char *text, char **why,                   \
	                       struct strlist *warnings)                       \
	{                                                                      \
		(void)p, (void)warnings;                                       \
		if (*text == '\0') {                                           \
			clear_text(x, key);                                    \
			return true;                                           \
		}                                                              \
		return registry_value_id(section, key, text,                   \
		                         text_slot(x, key), why);              \
	}                                                                      \
	static char *format_##fn(const struct programme *p,                    \
	                         const struct registry_item *x)                \
	{                                                                      \
		(void)p;                                                       \
		return xstrdup(*text_slot((struct registry_item *)x, key));    \
	}                                                                      \
	static void clear_##fn(struct registry_item *x)                        \
	{                                                                      \
		clear_text(x, key);                                            \
	}

TEXT_FIELD(p_name, "name")
TEXT_FIELD(p_local, "name-local")
TEXT_FIELD(p_title, "title")
TEXT_FIELD(p_phone, "phone")
ID_FIELD(p_delegation, "delegation")
TEXT_FIELD(r_name, "name")
ID_FIELD(r_building, "building")
TEXT_FIELD(b_name, "name")

static bool
parse_p_email(const struct programme *p, struct registry_item *x,
              const char *section, const char *text, char **why,
              struct strlist *warnings)
{
	(void)p, (void)why;
	free(x->person.email);
	x->person.email = *text != '\0' ? xstrdup(text) : NULL;
	if (*text != '\0' && strchr(text, '@') == NULL && warnings != NULL) {
		char *w = xasprintf("email = \"%s\" in [%s] has no '@': is it "
		                    "an e-mail address?",
		                    text, section);

		strlist_add(warnings, w);
		free(w);
	}
	return true;
}

static char *
format_p_email(const struct programme *p, const struct registry_item *x)
{
	(void)p;
	return xstrdup(x->person.email);
}

static void
clear_p_email(struct registry_item *x)
{
	free(x->person.email);
	x->person.email = NULL;
}

static bool
parse_p_kind(const struct programme *p, struct registry_item *x,
             const char *section, const char *text, char **why,
             struct strlist *warnings)
{
	const char *names[PARTICIPANT_KIND_COUNT + 1], *near;
	char list[200] = "";
	int k;

	(void)p, (void)warnings;
	if (participant_kind_parse(text, &x->person.kind))
		return true;
	for (k = 0; k < PARTICIPANT_KIND_COUNT; k++) {
		names[k] = participant_kind_name((enum participant_kind)k);
		if (k > 0)
			strcat(list,
			       k + 1 < PARTICIPANT_KIND_COUNT ? ", " : " or ");
		strcat(list, names[k]);
	}
	names[PARTICIPANT_KIND_COUNT] = NULL;
	near = suggest_nearest(text, names, 2);
	if (near != NULL)
		*why = xasprintf("kind = \"%s\" in [%s] is not a kind of "
		                 "participant: did you mean \"%s\"?",
		                 text, section, near);
	else
		*why = xasprintf("kind = \"%s\" in [%s] is not a kind of "
		                 "participant: write %s",
		                 text, section, list);
	return false;
}

static char *
format_p_kind(const struct programme *p, const struct registry_item *x)
{
	(void)p;
	return xstrdup(participant_kind_name(x->person.kind));
}

static void
clear_p_kind(struct registry_item *x)
{
	x->person.kind = PARTICIPANT_MINISTER;
}

static char *
format_list(const struct strlist *l)
{
	return l->n > 0 ? strlist_join(l, ", ") : NULL;
}

/* languages = "ar, en": interpretation booths (a room) or what the
 * participant speaks, each a language code. */
#define LANGUAGES_FIELD(fn, member)                                            \
	static bool parse_##fn(const struct programme *p,                      \
	                       struct registry_item *x, const char *section,   \
	                       const char *text, char **why,                   \
	                       struct strlist *warnings)                       \
	{                                                                      \
		struct strlist l = {0};                                        \
		(void)p;                                                       \
		if (!registry_value_languages(section, "languages", text, &l,  \
		                              why, warnings))                  \
			return false;                                          \
		strlist_clear(&x->member);                                     \
		x->member = l;                                                 \
		return true;                                                   \
	}                                                                      \
	static char *format_##fn(const struct programme *p,                    \
	                         const struct registry_item *x)                \
	{                                                                      \
		(void)p;                                                       \
		return format_list(&x->member);                                \
	}                                                                      \
	static void clear_##fn(struct registry_item *x)                        \
	{                                                                      \
		strlist_clear(&x->member);                                     \
	}

LANGUAGES_FIELD(p_languages, person.languages)
LANGUAGES_FIELD(r_languages, room.languages)

static char *
format_time(const struct programme *p, dais_time t)
{
	struct dais_civil c;

	if (t == DAIS_TIME_NONE)
		return NULL;
	c = time_to_civil(&p->conf.zone, t);
	return xasprintf("%04d-%02d-%02d %02d:%02d", c.year, c.month, c.day,
	                 c.hour, c.minute);
}

#define TIME_FIELD(fn, key, member)                                            \
	static bool parse_##fn(const struct programme *p,                      \
	                       struct registry_item *x, const char *section,   \
	                       const char *text, char **why,                   \
	                       struct strlist *warnings)                       \
	{                                                                      \
		(void)warnings;                                                \
		if (*text == '\0') {                                           \
			x->person.member = DAIS_TIME_NONE;                     \
			return true;                                           \
		}                                                              \
		return registry_value_datetime(section, key, text,             \
		                               &p->conf.zone,                  \
		                               &x->person.member, why);        \
	}                                                                      \
	static char *format_##fn(const struct programme *p,                    \
	                         const struct registry_item *x)                \
	{                                                                      \
		return format_time(p, x->person.member);                       \
	}                                                                      \
	static void clear_##fn(struct registry_item *x)                        \
	{                                                                      \
		x->person.member = DAIS_TIME_NONE;                             \
	}

#define INT_FIELD(fn, key, member, max)                                        \
	static bool parse_##fn(const struct programme *p,                      \
	                       struct registry_item *x, const char *section,   \
	                       const char *text, char **why,                   \
	                       struct strlist *warnings)                       \
	{                                                                      \
		(void)p, (void)warnings;                                       \
		return registry_value_int(section, key, text, 0, max,          \
		                          &x->member, why);                    \
	}                                                                      \
	static char *format_##fn(const struct programme *p,                    \
	                         const struct registry_item *x)                \
	{                                                                      \
		(void)p;                                                       \
		return x->member != 0 ? xasprintf("%d", x->member) : NULL;     \
	}                                                                      \
	static void clear_##fn(struct registry_item *x)                        \
	{                                                                      \
		x->member = 0;                                                 \
	}

TIME_FIELD(p_arrival, "arrival", arrival)
TIME_FIELD(p_departure, "departure", departure)
INT_FIELD(p_delegates, "delegates", person.delegates, 100000)
INT_FIELD(p_precedence, "precedence", person.precedence, 1000000)
INT_FIELD(r_capacity, "capacity", room.capacity, 1000000)

/* kinds = "BILATERAL, SIDE-SESSION": what the room serves, each one of
 * the conference's kinds, in upper case. */
static bool
parse_r_kinds(const struct programme *p, struct registry_item *x,
              const char *section, const char *text, char **why,
              struct strlist *warnings)
{
	struct strlist l = {0}, out = {0};
	size_t i, j;

	registry_value_list(section, "kinds", text, &l, warnings);
	for (i = 0; i < l.n; i++) {
		char *k = l.v[i];

		for (j = 0; k[j] != '\0'; j++)
			if (k[j] >= 'a' && k[j] <= 'z')
				k[j] = (char)(k[j] - 'a' + 'A');
		for (j = 0; j < p->conf.kinds.n; j++)
			if (strcasecmp(p->conf.kinds.v[j], k) == 0)
				break;
		if (p->conf.kinds.n > 0 && j == p->conf.kinds.n) {
			char *all = strlist_join(&p->conf.kinds, ", ");

			*why =
			    xasprintf("kinds in [%s]: \"%s\" is not a "
			              "session kind of conference.ini (%s): "
			              "use one of them, or add it to kinds in "
			              "[conference]",
			              section, k, all);
			free(all);
			strlist_clear(&l);
			strlist_clear(&out);
			return false;
		}
		if (!strlist_has(&out, k))
			strlist_add(&out, k);
	}
	strlist_clear(&l);
	strlist_clear(&x->room.kinds);
	x->room.kinds = out;
	return true;
}

static char *
format_r_kinds(const struct programme *p, const struct registry_item *x)
{
	(void)p;
	return format_list(&x->room.kinds);
}

static void
clear_r_kinds(struct registry_item *x)
{
	strlist_clear(&x->room.kinds);
}

#define ROW(key, label, req, fn)                                               \
	{                                                                      \
		key, label, req, parse_##fn, format_##fn, clear_##fn           \
	}

static const struct registry_field person_fields[] = {
    ROW("name", "Name", true, p_name),
    ROW("name-local", "Local name", false, p_local),
    ROW("title", "Title", false, p_title),
    ROW("kind", "Kind", true, p_kind),
    ROW("delegation", "Delegation", false, p_delegation),
    ROW("languages", "Languages", false, p_languages),
    ROW("arrival", "Arrival", false, p_arrival),
    ROW("departure", "Departure", false, p_departure),
    ROW("delegates", "Delegates", false, p_delegates),
    ROW("precedence", "Precedence", false, p_precedence),
    ROW("email", "E-mail", false, p_email),
    ROW("phone", "Phone", false, p_phone),
};

static const struct registry_field room_fields[] = {
    ROW("name", "Name", true, r_name),
    ROW("building", "Building", false, r_building),
    ROW("capacity", "Capacity", false, r_capacity),
    ROW("kinds", "Kinds", false, r_kinds),
    ROW("languages", "Booths", false, r_languages),
};

static const struct registry_field building_fields[] = {
    ROW("name", "Name", false, b_name),
};

const struct registry_field *
registry_fields(enum registry_kind kind, size_t *n)
{
	switch (kind) {
	case REGISTRY_PARTICIPANT:
		*n = sizeof person_fields / sizeof *person_fields;
		return person_fields;
	case REGISTRY_ROOM:
		*n = sizeof room_fields / sizeof *room_fields;
		return room_fields;
	case REGISTRY_BUILDING:
		*n = sizeof building_fields / sizeof *building_fields;
		return building_fields;
	default:
		*n = 0;
		return NULL;
	}
}

const struct registry_field *
registry_field(enum registry_kind kind, const char *key)
{
	size_t n, i;
	const struct registry_field *f = registry_fields(kind, &n);

	for (i = 0; i < n; i++)
		if (strcmp(f[i].key, key) == 0)
			return &f[i];
	return NULL;
}

void
registry_item_pairs(const struct programme *p, const struct registry_item *x,
                    struct strlist *keys, struct strlist *values)
{
	size_t n, i;
	const struct registry_field *f = registry_fields(x->kind, &n);

	if (x->kind == REGISTRY_WALK) {
		char *v = xasprintf("%d", x->walk.minutes);

		strlist_add(keys, "minutes");
		strlist_add(values, v);
		free(v);
		return;
	}
	for (i = 0; i < n; i++) {
		char *v = f[i].format(p, x);

		if (v != NULL) {
			strlist_add(keys, f[i].key);
			strlist_add(values, v);
		}
		free(v);
	}
}

bool
registry_item_from_pairs(const struct programme *p, enum registry_kind kind,
                         const char *id, const struct strlist *keys,
                         const struct strlist *values,
                         struct registry_item *out, char **why)
{
	const struct registry_field *f;
	char *section;
	size_t i;
	bool ok = true;

	registry_item_init(out, kind);
	switch (kind) {
	case REGISTRY_PARTICIPANT:
		out->person.id = xstrdup(id);
		break;
	case REGISTRY_ROOM:
		out->room.id = xstrdup(id);
		break;
	case REGISTRY_BUILDING:
		out->building.id = xstrdup(id);
		break;
	case REGISTRY_WALK: {
		const char *slash = strchr(id, '/');

		if (slash == NULL) {
			*why = xasprintf("\"%s\" names no walk: write "
			                 "FROM/TO",
			                 id);
			return false;
		}
		out->walk.from = xstrndup(id, (size_t)(slash - id));
		out->walk.to = xstrdup(slash + 1);
		for (i = 0; i < keys->n; i++)
			if (strcmp(keys->v[i], "minutes") == 0 &&
			    !registry_value_int("walk", "minutes", values->v[i],
			                        0, 240, &out->walk.minutes,
			                        why))
				return false;
		return true;
	}
	case REGISTRY_KIND_COUNT:
		*why = xstrdup("no such kind of entry");
		return false;
	}
	section = registry_section(out);
	for (i = 0; i < keys->n && ok; i++) {
		f = registry_field(kind, keys->v[i]);
		if (f == NULL) {
			*why = xasprintf("[%s] has no key %s", section,
			                 keys->v[i]);
			ok = false;
		} else {
			ok = f->parse(p, out, section, values->v[i], why, NULL);
		}
	}
	free(section);
	return ok;
}
