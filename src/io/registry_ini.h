/*
 * registry_ini.h: one INI file of the registries, read twice: by iniparser
 * for the values, and by a line scanner of our own for what iniparser does
 * not tell (the line of every section and key, cut values, duplicates).
 * registry_ini.c reads a file, registry_value.c turns its values into the
 * model's types. Private to the registry_*.c files and to the planner's
 * settings (tui/config.c), which read dais.ini through it too.
 */
#ifndef DAIS_REGISTRY_INI_H
#define DAIS_REGISTRY_INI_H

#include <iniparser/iniparser.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "dais/diag.h"
#include "dais/model.h"
#include "dais/strmap.h"

struct ini_key {
	char *name; /* folded to lower case, as iniparser folds it */
	int line;   /* of the last occurrence, whose value iniparser keeps */
	bool bad;   /* its value was refused by the scan (already reported) */
	/* iniparser's value, or NULL when it read none: a copy in the
	 * file's values block, or borrowed from a dictionary the file kept
	 * (registry_ini.c, ini_attach). */
	const char *val;
};

struct ini_section {
	char *name; /* folded */
	char *raw;  /* as written, blanks trimmed: ids are checked on this */
	int line;   /* of the first occurrence */
	int again;  /* the line of a second [same] header, or 0 */
	/* A slice of the file's key pool (capkeys 0) while the section's
	 * keys stand together in the file; its own array once a second
	 * [same] header adds keys after other sections' (registry_ini.c). */
	struct ini_key *keys;
	/* 32 bits: a file has at most INI_MAX_ENTRIES keys, and a
	 * section of 40 bytes instead of 48 takes 4 pages fewer at 2 000
	 * participants. */
	uint32_t nkeys, capkeys;
};

/* Where a [section] line starts in the text handed to iniparser, for
 * cutting it into runs of sections that iniparser reads one at a time
 * (registry_ini.c). */
struct ini_cut {
	/* 32 bits are plenty: a registry is at most 16 MiB. */
	uint32_t offset; /* of the line's first byte in feed */
	uint32_t line;   /* feed lines before it: each is one entry */
	uint32_t sec;    /* the section it starts (in secs) */
};

/* One value iniparser read: "section:key" and its value, borrowed from
 * one of the dictionaries. */
struct ini_entry {
	const char *key, *val;
	size_t run; /* which dictionary: a later one wins */
};

struct ini_file {
	char *path; /* dir/name, as diagnostics show it */
	struct diag_list *diags;
	/*
	 * What iniparser reads: the file's sections and keys, one logical
	 * line each, without its blank lines, comments and continuations,
	 * and with an unquoted value quoted (registry_ini.c, ini_feed_key,
	 * says why); feed_lines[i] is the file's line of feed line i + 1.
	 * Freed, with cuts, once iniparser has read the runs.
	 */
	char *feed;
	size_t feed_len, feed_cap;
	int *feed_lines;
	size_t nfeed_lines, capfeed_lines;
	/* iniparser's values, copied out of each run's dictionary before it
	 * is freed; every value is part of a line of the file, so a block of
	 * the file's size and a NUL a line holds them all. */
	char *values;
	size_t values_len, values_cap;
	/* iniparser's dictionaries, one per run of sections (iniparser 4.1
	 * scans its whole dictionary on every insertion, so one dictionary
	 * for the file makes loading it quadratic), kept only when their
	 * values could not be handed over in one walk (ini_attach). */
	dictionary **dicts;
	size_t ndicts;
	/* Every key of the dictionaries sorted, the last run's value of a
	 * key kept: only when the values could not be handed to the keys
	 * in one walk of the dictionaries (registry_ini.c, ini_attach). */
	struct ini_entry *entries;
	size_t nentries;
	/* A section or key name holds ':', iniparser's own separator:
	 * "a:b:c" could then be two keys' entry. */
	bool colon;
	struct ini_cut *cuts;
	size_t ncuts, capcuts;
	struct ini_section *secs; /* in file order, duplicates merged */
	size_t nsecs, capsecs;
	/* The sections' keys, one block sized by the file's lines, so that
	 * its slices never move (see ini_section.keys). */
	struct ini_key *key_pool;
	size_t nkey_pool, capkey_pool;
	struct strmap sec_by_name; /* folded name -> index in secs */
	/* The sections' and keys' names, one block (registry_ini.c); a
	 * key's name may be that of the same key in another section. */
	char *names;
	size_t names_len, names_cap;
	/* 1 + the section whose keys' names the next section's keys are
	 * compared with (the last one with keys), or 0. */
	size_t key_model;
	/* The bytes read (NUL-terminated), kept for the INI saver. */
	char *text;
	size_t len;
	/* Set once the file is refused: then only errors are worth telling,
	 * not warnings about lines read in the wrong section. */
	bool refused;
	unsigned flags; /* ini_open_flags' */
};

/*
 * Opens dir/name. `holds` says what the file should contain, for the
 * message when it is missing. Returns false, with an error in diags, when
 * the file cannot be read at all (missing, BOM, over-long line, syntax
 * error); then f holds no sections. ini_close() in every case.
 */
bool ini_open(struct ini_file *f, const char *dir, const char *name,
              const char *holds, struct diag_list *diags);
/* The same for a file named by its whole path (the planner's dais.ini). */
bool ini_open_path(struct ini_file *f, const char *path, const char *holds,
                   struct diag_list *diags);

/* A section given twice is the caller's error (requests.ini: a request's
 * id twice), which it reports from ini_section.again: the warnings that
 * iniparser merges the two, and that the keys the second repeats win, are
 * not said, as they would contradict it. */
#define INI_SECTION_TWICE_IS_CALLERS 1u

/* ini_open with flags (INI_SECTION_TWICE_IS_CALLERS). */
bool ini_open_flags(struct ini_file *f, const char *dir, const char *name,
                    const char *holds, unsigned flags, struct diag_list *diags);
void ini_close(struct ini_file *f);

const struct ini_section *ini_section(const struct ini_file *f,
                                      const char *name);
/* Whether two names are the same: keys are looked up by name often (a
 * section's keys against its known keys, for each section), and most
 * names compared differ in their first byte, or are the same pointer
 * (registry_ini.c shares a key's name between sections). */
static inline bool
ini_same_name(const char *a, const char *b)
{
	return a == b || (a[0] == b[0] && strcmp(a, b) == 0);
}
const struct ini_key *ini_key(const struct ini_section *s, const char *name);

/*
 * The value of key in s (iniparser's string, borrowed), or NULL when the key
 * is absent or its value was refused. *line (may be NULL) is the key's line,
 * or the section's when the key is absent.
 */
const char *ini_value(const struct ini_file *f, const struct ini_section *s,
                      const char *key, int *line);

void ini_error(const struct ini_file *f, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ini_warning(const struct ini_file *f, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Warns about every key of s that is not in known (NULL-terminated) and
 * does not start with prefix (NULL for none), suggesting a near name.
 */
void ini_check_keys(const struct ini_file *f, const struct ini_section *s,
                    const char *const *known, const char *prefix);

/*
 * Typed getters. Each returns true when the key is absent (leaving *out as
 * it was) or valid (setting *out); false, with an error in diags naming
 * file, line, section and key, when the value is present but wrong.
 */
/* A required key: an error naming the section's line when absent or
 * empty. */
bool ini_require(const struct ini_file *f, const struct ini_section *s,
                 const char *key);
/* The same for s's key k named key, found already (NULL: absent). */
bool ini_require_key(const struct ini_file *f, const struct ini_section *s,
                     const char *key, const struct ini_key *k);
/* Text; an empty value counts as absent. *out is a new string. */
bool ini_get_text(const struct ini_file *f, const struct ini_section *s,
                  const char *key, char **out);
/* A decimal integer in [min, max] ("010" is ten, not octal eight). */
bool ini_get_int(const struct ini_file *f, const struct ini_section *s,
                 const char *key, int min, int max, int *out);
/* An id (a slug): a reference to a room, building or participant. */
bool ini_get_id(const struct ini_file *f, const struct ini_section *s,
                const char *key, char **out);
/* A comma list; items trimmed, empty and repeated items warned about. */
bool ini_get_list(const struct ini_file *f, const struct ini_section *s,
                  const char *key, struct strlist *out);
/* A comma list of lowercase language codes ("ar, en, ru"). */
bool ini_get_languages(const struct ini_file *f, const struct ini_section *s,
                       const char *key, struct strlist *out);
/* A time of day "HH:MM", in minutes since midnight, at most max_minutes. */
bool ini_get_clock(const struct ini_file *f, const struct ini_section *s,
                   const char *key, int max_minutes, int *out);
/* A local date-time "YYYY-MM-DD HH:MM" in zone, as an instant. */
bool ini_get_datetime(const struct ini_file *f, const struct ini_section *s,
                      const char *key, const struct dais_zone *zone,
                      dais_time *out);

/* Key `key` of an entry x (registry_field.h) from s, through the field's
 * own parser: the planner's forms judge the value with the same one. */
struct registry_item;
bool ini_get_field(const struct ini_file *f, const struct ini_section *s,
                   const struct programme *p, struct registry_item *x,
                   const char *key);

/* The most fields an entry of registry_field.h has. */
#define INI_FIELDS_MAX 32
struct registry_field;
/*
 * What ini_field_keys found for the keys of the section before, by their
 * place: a key named by the same pointer at the same place (the scan
 * shares a name with the key at the same place of the section before) is
 * the same field, found without comparing names. Zero-initialise one for
 * the sections of a file, all matched against the same fields.
 */
struct ini_field_memo {
	const char *name[INI_FIELDS_MAX];
	unsigned char field[INI_FIELDS_MAX]; /* n: no field */
};
/*
 * keys[i] is s's key for fields[i] (n of them, at most INI_FIELDS_MAX),
 * or NULL: the section's keys walked once instead of one lookup a field.
 * Returns how many of s's keys are fields: when all are, a check of its
 * keys against the fields' names has nothing to say.
 */
size_t ini_field_keys(const struct ini_section *s,
                      const struct registry_field *fields, size_t n,
                      const struct ini_key **keys, struct ini_field_memo *memo);
/*
 * For a registry that reads some fields apart: at[i] is the place in
 * fields (n of them) of the field whose key is want[i], nwant of them,
 * or n when the table has none. Returns whether every field's key is in
 * known (NULL-terminated): then a section whose keys are all fields has
 * no unknown key to warn about.
 */
bool ini_fields_find(const struct registry_field *fields, size_t n,
                     const char *const *known, const char *const *want,
                     size_t nwant, size_t *at);
/* ini_get_field for the field fld, whose key in s is k (NULL: absent). */
bool ini_get_field_of(const struct ini_file *f, const struct ini_section *s,
                      const struct programme *p, struct registry_item *x,
                      const struct registry_field *fld,
                      const struct ini_key *k);

/* venues.ini and participants.ini into p; false when unreadable. */
bool registry_load_venues(struct programme *p, const char *dir,
                          struct diag_list *diags);
bool registry_load_people(struct programme *p, const char *dir,
                          struct diag_list *diags);

/* [a-z0-9][a-z0-9-]* */
bool ini_is_slug(const char *s);
/* The closest of names (NULL-terminated) within two edits, or NULL. */
const char *ini_nearest(const char *word, const char *const *names);

#endif
