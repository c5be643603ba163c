/*
 * registry_field.c: the keys of participants.ini and venues.ini, each
 * with its parser and formatter (registry_field.h), and the checks across
 * keys and entries. The sentences are the loader's: the loader calls
 * these, and so do the planner's forms.
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
	struct strlist all = {0}, good = {0};
	size_t i;

	registry_value_list(section, key, text, &all, warnings);
	for (i = 0; i < all.n; i++) {
		if (is_language(all.v[i])) {
			if (!strlist_has(&good, all.v[i]))
				strlist_add(&good, all.v[i]);
			continue;
		}
		*why = xasprintf("%s in [%s]: \"%s\" is not a language code: "
		                 "write lowercase ISO 639-1 codes such as "
		                 "\"ar, en, ru\"",
		                 key, section, all.v[i]);
		strlist_clear(&all);
		strlist_clear(&good);
		return false;
	}
	for (i = 0; i < good.n; i++)
		if (!strlist_has(out, good.v[i]))
			strlist_add(out, good.v[i]);
	strlist_clear(&all);
	strlist_clear(&good);
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

/* ---- Items ------------------------------------------------------------- */

static const char *const kind_names[REGISTRY_KIND_COUNT] = {
    "participant", "room", "building", "walk"};

const char *
registry_kind_name(enum registry_kind kind)
{
	return kind < REGISTRY_KIND_COUNT ? kind_names[kind] : "entry";
}

void
registry_item_init(struct registry_item *x, enum registry_kind kind)
{
	memset(x, 0, sizeof *x);
	x->kind = kind;
	x->person.arrival = x->person.departure = DAIS_TIME_NONE;
}

void
registry_item_free(struct registry_item *x)
{
	free(x->person.id);
	free(x->person.name);
	free(x->person.name_local);
	free(x->person.title);
	free(x->person.delegation);
	strlist_clear(&x->person.languages);
	free(x->person.email);
	free(x->person.phone);
	free(x->room.id);
	free(x->room.name);
	free(x->room.building);
	strlist_clear(&x->room.languages);
	strlist_clear(&x->room.kinds);
	free(x->building.id);
	free(x->building.name);
	free(x->walk.from);
	free(x->walk.to);
	registry_item_init(x, x->kind);
}

void
registry_item_copy(struct registry_item *dst, const struct registry_item *src)
{
	const struct participant *a = &src->person;
	struct participant *b = &dst->person;

	*dst = *src;
	b->id = xstrdup(a->id);
	b->name = xstrdup(a->name);
	b->name_local = xstrdup(a->name_local);
	b->title = xstrdup(a->title);
	b->delegation = xstrdup(a->delegation);
	memset(&b->languages, 0, sizeof b->languages);
	strlist_copy(&b->languages, &a->languages);
	b->email = xstrdup(a->email);
	b->phone = xstrdup(a->phone);
	dst->room.id = xstrdup(src->room.id);
	dst->room.name = xstrdup(src->room.name);
	dst->room.building = xstrdup(src->room.building);
	memset(&dst->room.languages, 0, sizeof dst->room.languages);
	strlist_copy(&dst->room.languages, &src->room.languages);
	memset(&dst->room.kinds, 0, sizeof dst->room.kinds);
	strlist_copy(&dst->room.kinds, &src->room.kinds);
	dst->building.id = xstrdup(src->building.id);
	dst->building.name = xstrdup(src->building.name);
	dst->walk.from = xstrdup(src->walk.from);
	dst->walk.to = xstrdup(src->walk.to);
}

static bool
same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

bool
registry_item_equal(const struct registry_item *a,
                    const struct registry_item *b)
{
	const struct participant *x = &a->person, *y = &b->person;

	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case REGISTRY_PARTICIPANT:
		return same_text(x->id, y->id) && same_text(x->name, y->name) &&
		       same_text(x->name_local, y->name_local) &&
		       same_text(x->title, y->title) &&
		       same_text(x->delegation, y->delegation) &&
		       x->kind == y->kind &&
		       strlist_equal(&x->languages, &y->languages) &&
		       x->arrival == y->arrival &&
		       x->departure == y->departure &&
		       x->delegates == y->delegates &&
		       x->precedence == y->precedence &&
		       same_text(x->email, y->email) &&
		       same_text(x->phone, y->phone);
	case REGISTRY_ROOM:
		return same_text(a->room.id, b->room.id) &&
		       same_text(a->room.name, b->room.name) &&
		       same_text(a->room.building, b->room.building) &&
		       a->room.capacity == b->room.capacity &&
		       strlist_equal(&a->room.languages, &b->room.languages) &&
		       strlist_equal(&a->room.kinds, &b->room.kinds);
	case REGISTRY_BUILDING:
		return same_text(a->building.id, b->building.id) &&
		       same_text(a->building.name, b->building.name);
	case REGISTRY_WALK:
		return same_text(a->walk.from, b->walk.from) &&
		       same_text(a->walk.to, b->walk.to) &&
		       a->walk.minutes == b->walk.minutes;
	case REGISTRY_KIND_COUNT:
		break;
	}
	return false;
}

const char *
registry_item_id(const struct registry_item *x, char *buf, size_t n)
{
	switch (x->kind) {
	case REGISTRY_PARTICIPANT:
		return x->person.id;
	case REGISTRY_ROOM:
		return x->room.id;
	case REGISTRY_BUILDING:
		return x->building.id;
	case REGISTRY_WALK:
		snprintf(buf, n, "%s/%s", x->walk.from ? x->walk.from : "",
		         x->walk.to ? x->walk.to : "");
		return buf;
	case REGISTRY_KIND_COUNT:
		break;
	}
	return NULL;
}

const char *
registry_item_name(const struct registry_item *x)
{
	switch (x->kind) {
	case REGISTRY_PARTICIPANT:
		return x->person.name;
	case REGISTRY_ROOM:
		return x->room.name;
	case REGISTRY_BUILDING:
		return x->building.name;
	default:
		return NULL;
	}
}

const char *
registry_file_name(enum registry_kind kind)
{
	return kind == REGISTRY_PARTICIPANT ? "participants.ini" : "venues.ini";
}

char *
registry_section(const struct registry_item *x)
{
	switch (x->kind) {
	case REGISTRY_PARTICIPANT:
		return xstrdup(x->person.id);
	case REGISTRY_ROOM:
		return xasprintf("room.%s", x->room.id);
	case REGISTRY_BUILDING:
		return xasprintf("building.%s", x->building.id);
	case REGISTRY_WALK:
		return xasprintf("building.%s", x->walk.from);
	case REGISTRY_KIND_COUNT:
		break;
	}
	return NULL;
}

static void
copy_participant(struct participant *dst, const struct participant *src)
{
	struct registry_item a, b;

	registry_item_init(&a, REGISTRY_PARTICIPANT);
	a.person = *src;
	registry_item_copy(&b, &a);
	*dst = b.person;
}

bool
registry_item_get(const struct programme *p, enum registry_kind kind,
                  const char *id, struct registry_item *out)
{
	struct registry_item a;
	size_t i;

	registry_item_init(out, kind);
	if (id == NULL)
		return false;
	registry_item_init(&a, kind);
	switch (kind) {
	case REGISTRY_PARTICIPANT: {
		const struct participant *x = programme_find_participant(p, id);

		if (x == NULL)
			return false;
		copy_participant(&out->person, x);
		return true;
	}
	case REGISTRY_ROOM: {
		const struct room *r = programme_find_room(p, id);

		if (r == NULL)
			return false;
		a.room = *r;
		registry_item_copy(out, &a);
		return true;
	}
	case REGISTRY_BUILDING:
		for (i = 0; i < p->nbuildings; i++)
			if (strcmp(p->buildings[i].id, id) == 0) {
				a.building = p->buildings[i];
				registry_item_copy(out, &a);
				return true;
			}
		return false;
	case REGISTRY_WALK:
		for (i = 0; i < p->nwalks; i++) {
			char buf[256];

			a.walk = p->walks[i];
			if (strcmp(registry_item_id(&a, buf, sizeof buf), id) ==
			    0) {
				registry_item_copy(out, &a);
				return true;
			}
			/* Read the other way round from the file. */
			a.walk.from = p->walks[i].to;
			a.walk.to = p->walks[i].from;
			if (strcmp(registry_item_id(&a, buf, sizeof buf), id) ==
			    0) {
				registry_item_copy(out, &a);
				return true;
			}
		}
		return false;
	case REGISTRY_KIND_COUNT:
		break;
	}
	return false;
}

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

/* ---- Across keys and entries ------------------------------------------- */

bool
registry_times_check(const struct programme *p, const struct participant *x,
                     char **why)
{
	struct dais_civil a, d;

	if (x->arrival == DAIS_TIME_NONE || x->departure == DAIS_TIME_NONE ||
	    x->departure > x->arrival)
		return true;
	a = time_to_civil(&p->conf.zone, x->arrival);
	d = time_to_civil(&p->conf.zone, x->departure);
	*why = xasprintf("departure %04d-%02d-%02d %02d:%02d in [%s] is not "
	                 "after arrival %04d-%02d-%02d %02d:%02d: swap them, "
	                 "or fix the dates",
	                 d.year, d.month, d.day, d.hour, d.minute, x->id,
	                 a.year, a.month, a.day, a.hour, a.minute);
	return false;
}

bool
registry_delegation_check(const struct programme *p,
                          const struct participant *x, char **why)
{
	const struct participant *d;

	if (x->delegation == NULL)
		return true;
	d = programme_find_participant(p, x->delegation);
	if (strcmp(x->delegation, x->id) == 0)
		*why = xasprintf("delegation = \"%s\" in [%s] names the entry "
		                 "itself: leave delegation out of a "
		                 "delegation's own entry",
		                 x->delegation, x->id);
	else if (d == NULL)
		*why = xasprintf("delegation = \"%s\" in [%s]: there is no "
		                 "[%s]: add it (a delegation, organisation, UN "
		                 "entity or association), or fix the id",
		                 x->delegation, x->id, x->delegation);
	else if (!participant_is_group(d))
		*why = xasprintf("delegation = \"%s\" in [%s] names a %s, not "
		                 "a group: name the delegation, organisation, "
		                 "UN entity or association it belongs to",
		                 x->delegation, x->id,
		                 participant_kind_name(d->kind));
	else
		return true;
	return false;
}

bool
registry_building_check(const struct programme *p, const char *section,
                        const char *building, char **why)
{
	size_t i;

	if (building == NULL)
		return true;
	for (i = 0; i < p->nbuildings; i++)
		if (strcmp(p->buildings[i].id, building) == 0)
			return true;
	*why = xasprintf("building = \"%s\" in [%s]: there is no "
	                 "[building.%s]: add it, or fix the id",
	                 building, section, building);
	return false;
}

static bool
has_building(const struct programme *p, const char *id)
{
	size_t i;

	for (i = 0; i < p->nbuildings; i++)
		if (strcmp(p->buildings[i].id, id) == 0)
			return true;
	return false;
}

static bool
required(const struct registry_item *x, const char *section, char **why)
{
	size_t n, i;
	const struct registry_field *f = registry_fields(x->kind, &n);

	for (i = 0; i < n; i++) {
		char *v;

		if (!f[i].required)
			continue;
		v = f[i].format(NULL, x);
		if (v == NULL || *v == '\0') {
			free(v);
			*why = xasprintf("[%s] has no %s: add a line %s = "
			                 "\"...\"",
			                 section, f[i].key, f[i].key);
			return false;
		}
		free(v);
	}
	return true;
}

bool
registry_item_check(const struct programme *p, const struct registry_item *x,
                    char **why)
{
	char *section = registry_section(x);
	const char *id;
	char buf[256];
	bool ok = true;

	id = registry_item_id(x, buf, sizeof buf);
	if (x->kind == REGISTRY_WALK) {
		const char *from = x->walk.from, *to = x->walk.to;

		if (from == NULL || to == NULL || !registry_is_slug(to)) {
			*why =
			    xasprintf("walk.%s in [%s]: \"%s\" is not a "
			              "building id: write walk.ID = minutes, "
			              "such as walk.annex = 5",
			              to ? to : "", section, to ? to : "");
			ok = false;
		} else if (strcmp(from, to) == 0) {
			*why =
			    xasprintf("walk.%s in [%s] is a walk from the "
			              "building to itself: rooms in one "
			              "building are 0 minutes apart; remove it",
			              to, section);
			ok = false;
		} else if (!has_building(p, to) || !has_building(p, from)) {
			const char *missing = has_building(p, to) ? from : to;

			*why = xasprintf("walk.%s in [%s]: there is no "
			                 "[building.%s]: add it, or fix the id",
			                 to, section, missing);
			ok = false;
		} else if (x->walk.minutes < 0 || x->walk.minutes > 240) {
			*why =
			    xasprintf("walk.%s = %d in [%s] is out of range: "
			              "write a number from 0 to 240",
			              to, x->walk.minutes, section);
			ok = false;
		}
		free(section);
		return ok;
	}
	if (id == NULL || !registry_is_slug(id)) {
		if (x->kind == REGISTRY_PARTICIPANT)
			*why =
			    xasprintf("[%s] is not an id: a participant's id "
			              "is lowercase letters, digits and '-', "
			              "such as [kw-interior]",
			              id != NULL ? id : "");
		else
			*why = xasprintf(
			    "[%s]: \"%s\" is not an id: ids are "
			    "lowercase letters, digits and '-', such "
			    "as [%s.main-hall]",
			    section, id != NULL ? id : "",
			    x->kind == REGISTRY_ROOM ? "room" : "building");
		free(section);
		return false;
	}
	ok = required(x, section, why);
	if (ok && x->kind == REGISTRY_PARTICIPANT)
		ok = registry_times_check(p, &x->person, why) &&
		     registry_delegation_check(p, &x->person, why);
	if (ok && x->kind == REGISTRY_ROOM)
		ok = registry_building_check(p, section, x->room.building, why);
	free(section);
	return ok;
}
