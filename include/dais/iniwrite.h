/*
 * iniwrite.h: writing the registries (conference.ini, venues.ini,
 * participants.ini) without loss. A file is held as the lines it was read
 * as; a change rewrites only the line of its key, so comments, blank
 * lines, order, quoting and keys dais does not know stay as people wrote
 * them. Values are quoted so that iniparser reads back exactly the value
 * given. Saving is atomic and refuses to overwrite a file that changed on
 * disk since it was read.
 *
 * An editor drives it as a list of key changes per section:
 * ini_doc_set(doc, "kw-interior", "arrival", "2026-11-04 14:00"), then
 * ini_doc_save().
 */
#ifndef DAIS_INIWRITE_H
#define DAIS_INIWRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dais/model.h"

struct ini_doc;

/*
 * Reads path. A missing file gives an empty document that save creates
 * (and refuses to save if somebody made the file meanwhile). NULL with
 * *why (owned by the caller) when the file exists but cannot be read.
 * The document remembers the fingerprint of the bytes it read.
 */
struct ini_doc *ini_doc_load(const char *path, char **why);
/* A document over `text` as if read from path (tests, new files); its
 * fingerprint is that of text. */
struct ini_doc *ini_doc_from_text(const char *path, const char *text,
                                  size_t len);
void ini_doc_free(struct ini_doc *d);

/* The fingerprint (filehash.h) of the bytes read, or 0 for no file. */
uint64_t ini_doc_fingerprint(const struct ini_doc *d);
/*
 * Says which bytes save must find on disk: those of an earlier read (a
 * planner that loaded the registry at start-up and built the document at
 * save time passes the fingerprint it took then). 0: no file.
 */
void ini_doc_expect(struct ini_doc *d, uint64_t fingerprint);

/* Whether [section] exists (names compared as iniparser folds them). */
bool ini_doc_has_section(const struct ini_doc *d, const char *section);
/* The sections in file order, each once, folded (appended to *out). */
void ini_doc_sections(const struct ini_doc *d, struct strlist *out);
/*
 * The section (folded; borrowed until the next change) whose header or
 * keys hold 1-based line `line`, as diagnostics name lines; NULL for a
 * line before any section or past the end.
 */
const char *ini_doc_section_at(const struct ini_doc *d, int line);
/*
 * The value iniparser would read for key in section (a new string), or
 * NULL when the key is absent.
 */
char *ini_doc_get(const struct ini_doc *d, const char *section,
                  const char *key);

/*
 * Sets key in section to value; value NULL removes the key. A key present
 * is rewritten on its own line (the last one, which iniparser reads),
 * keeping its indentation, spacing, quote style when it can hold the new
 * value, and any comment after the value. A new key goes after the
 * section's last key. A missing section is added as ini_doc_add_section
 * would with after NULL. False, with *why (owned by the caller), when the
 * value cannot be written so that iniparser reads it back (a line break,
 * both kinds of quote, a line over iniparser's 1 023 bytes) or the names
 * are not ones iniparser can hold; the document is then unchanged.
 */
bool ini_doc_set(struct ini_doc *d, const char *section, const char *key,
                 const char *value, char **why);
/*
 * Adds an empty [section] unless it exists: after the section named
 * `after` when given and present, else after the last section sharing the
 * new name's prefix up to its first '.' ("room.press" after the last
 * "room.*"), else at the end; a blank line before it.
 */
bool ini_doc_add_section(struct ini_doc *d, const char *section,
                         const char *after, char **why);
/*
 * Removes [section] with its keys and the comment lines directly above
 * its header (no blank line between). False when it does not exist.
 */
bool ini_doc_remove_section(struct ini_doc *d, const char *section);

/* Whether any change was made since load or the last save. */
bool ini_doc_changed(const struct ini_doc *d);
/* The document's text (a new string, *len its length). */
char *ini_doc_text(const struct ini_doc *d, size_t *len);

/*
 * How value would be written after "key = " (a new string): plain for a
 * decimal integer, else in double quotes, or single quotes when it holds
 * a double quote. NULL with *why when iniparser could not read it back.
 */
char *ini_quote(const char *value, char **why);

enum ini_save_result {
	INI_SAVED,
	/* The file on disk is not what was read (changed, made, deleted):
	 * nothing written; *why names the file and what to do. */
	INI_CHANGED_ON_DISK,
	/* Writing failed; the file on disk is untouched. */
	INI_SAVE_FAILED,
};

/*
 * Writes the document over its file atomically (atomicfile.h) when the
 * file still holds the bytes expected (see ini_doc_expect). On INI_SAVED
 * the document's fingerprint becomes that of the bytes written. *why
 * (owned by the caller) starts with the path.
 */
enum ini_save_result ini_doc_save(struct ini_doc *d, char **why);

/*
 * For a file changed on disk since it was read: adds to *out "[section]
 * key" for each key whose value differs between what was read and what
 * is there now, and "[section]" for a section only one of them has.
 * False with *why when the file cannot be read now.
 */
bool ini_doc_disk_differences(const struct ini_doc *d, struct strlist *out,
                              char **why);
/*
 * Makes the document the file as it is on disk now with this document's
 * unsaved changes made again on it (a new section placed as asked then),
 * when none of them touches a key or section changed on disk too; then
 * save writes it. False, the document unchanged, with *why naming each
 * key changed on both sides ("[qa-interior] arrival"), or why the file
 * cannot be read.
 */
bool ini_doc_merge(struct ini_doc *d, char **why);

#endif
