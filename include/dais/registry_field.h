/*
 * registry_field.h: the keys of participants.ini and venues.ini described
 * once. Each key has a parser from the text a person writes (in the file
 * or in the planner's form) into the model, with the loader's own
 * sentences when the text is wrong, and a formatter back to that text.
 * The loader (io/registry_*.c), the planner's forms, the INI saver and
 * the recovery journal all walk these tables, so a value is judged and
 * written the same way wherever it comes from.
 */
#ifndef DAIS_REGISTRY_FIELD_H
#define DAIS_REGISTRY_FIELD_H

#include <stdbool.h>

#include "dais/model.h"

/* ---- Values: one key's text, as the loader reads it ------------------ */

/*
 * Each returns true and sets *out when `text` is valid; otherwise false
 * with *why (a new string the caller frees) saying, as the loader says
 * it, "key = "text" in [section] is ...: write ...". Warnings about a
 * value that is used anyway go to *warnings (may be NULL).
 */
/* A decimal integer in [min, max] ("010" is ten, not octal eight). */
bool registry_value_int(const char *section, const char *key, const char *text,
                        int min, int max, int *out, char **why);
/* An id (a slug), no blanks around it. *out is a new string. */
bool registry_value_id(const char *section, const char *key, const char *text,
                       char **out, char **why);
/* A comma list; items trimmed; empty and repeated items are warned about
 * and left out. Appends to *out. Never fails. */
void registry_value_list(const char *section, const char *key, const char *text,
                         struct strlist *out, struct strlist *warnings);
/* A comma list of lowercase language codes ("ar, en, ru"), each once. */
bool registry_value_languages(const char *section, const char *key,
                              const char *text, struct strlist *out, char **why,
                              struct strlist *warnings);
/* A time of day "HH:MM", in minutes since midnight, at most max_minutes. */
bool registry_value_clock(const char *section, const char *key,
                          const char *text, int max_minutes, int *out,
                          char **why);
/* A local date-time "YYYY-MM-DD HH:MM" in zone, as an instant. */
bool registry_value_datetime(const char *section, const char *key,
                             const char *text, const struct dais_zone *zone,
                             dais_time *out, char **why);
/* [a-z0-9][a-z0-9-]* */
bool registry_is_slug(const char *s);

/* ---- The items: a participant, a room, a building, a walk ------------ */

enum registry_kind {
	REGISTRY_PARTICIPANT, /* [ID] in participants.ini */
	REGISTRY_ROOM,        /* [room.ID] in venues.ini */
	REGISTRY_BUILDING,    /* [building.ID] */
	REGISTRY_WALK,        /* walk.TO = minutes in [building.FROM] */
	REGISTRY_KIND_COUNT
};

/* One entry of a registry; only the member of its kind is used. */
struct registry_item {
	enum registry_kind kind;
	struct participant person;
	struct room room;
	struct building building;
	struct walk walk; /* from < to (strcmp): a walk is named once */
};

/* "participant", "room", "building", "walk". */
const char *registry_kind_name(enum registry_kind kind);

void registry_item_init(struct registry_item *x, enum registry_kind kind);
void registry_item_free(struct registry_item *x);
void registry_item_copy(struct registry_item *dst,
                        const struct registry_item *src);
bool registry_item_equal(const struct registry_item *a,
                         const struct registry_item *b);
/* The item's id: a participant's, room's or building's; "from/to" for a
 * walk. Borrowed from x for all but a walk, which is in buf. */
const char *registry_item_id(const struct registry_item *x, char *buf,
                             size_t n);
/* Its display name (a walk: NULL). */
const char *registry_item_name(const struct registry_item *x);
/* The INI file an item of kind is written in: "participants.ini" or
 * "venues.ini" (static). */
const char *registry_file_name(enum registry_kind kind);
/* Its section there: "kw-interior", "room.plenary", "building.jacc" (a
 * walk: its from building's); a new string. */
char *registry_section(const struct registry_item *x);

/*
 * The item of `kind` with `id` in p, copied into *out (registry_item_free
 * it); false when there is none.
 */
bool registry_item_get(const struct programme *p, enum registry_kind kind,
                       const char *id, struct registry_item *out);

/* ---- The keys --------------------------------------------------------- */

struct registry_field {
	const char *key;   /* as in the file: "name-local" */
	const char *label; /* as in the form: "Local name" */
	bool required;     /* the loader refuses an entry without it */
	/*
	 * Sets the key from text as the file holds it: false with *why (a
	 * new string) when it is wrong, the item unchanged. An empty text
	 * clears the key, as if absent, except a number's, which the
	 * loader refuses (a form clears it instead of asking).
	 * `section` names the entry in messages. p gives the zone and the
	 * session kinds.
	 */
	bool (*parse)(const struct programme *p, struct registry_item *x,
	              const char *section, const char *text, char **why,
	              struct strlist *warnings);
	/* The key's text as the file holds it, or NULL when the key is
	 * absent (not set, or its default). A new string. */
	char *(*format)(const struct programme *p,
	                const struct registry_item *x);
	/* Clears the key (absent from the file). */
	void (*clear)(struct registry_item *x);
};

/* The keys of a kind, in the order the form shows them and new entries
 * are written; *n gets their count. A walk has none (its one value is
 * its minutes). */
const struct registry_field *registry_fields(enum registry_kind kind,
                                             size_t *n);
/* The field of kind named key, or NULL. */
const struct registry_field *registry_field(enum registry_kind kind,
                                            const char *key);

/*
 * The item's keys as the file holds them, in table order, each key with a
 * value (absent keys left out; a walk: "minutes"): appended to keys and
 * values. What the INI saver and the recovery journal write.
 */
void registry_item_pairs(const struct programme *p,
                         const struct registry_item *x, struct strlist *keys,
                         struct strlist *values);
/*
 * The item of kind named id (a walk: "from/to") with those keys, each
 * through its field's parser: false with *why (a new string) at the first
 * one refused. out is initialised in every case (registry_item_free it).
 */
bool registry_item_from_pairs(const struct programme *p,
                              enum registry_kind kind, const char *id,
                              const struct strlist *keys,
                              const struct strlist *values,
                              struct registry_item *out, char **why);

/*
 * Whether x can stand in p beside the other entries: what the loader
 * checks across keys and entries (a required key present, departure
 * after arrival, a delegation that is a group, a building that exists).
 * False with *why (a new string) in
 * the loader's words.
 */
bool registry_item_check(const struct programme *p,
                         const struct registry_item *x, char **why);
/* Its parts, which the loader calls entry by entry: departure after
 * arrival; a delegation that is another entry and a group; a room's
 * building one of p's ([section] names the room in the sentence). */
bool registry_times_check(const struct programme *p,
                          const struct participant *x, char **why);
bool registry_delegation_check(const struct programme *p,
                               const struct participant *x, char **why);
bool registry_building_check(const struct programme *p, const char *section,
                             const char *building, char **why);

#endif
