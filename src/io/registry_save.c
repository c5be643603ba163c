/*
 * registry_save.c: the registry entries changed in the planner written
 * into venues.ini and participants.ini through the lossless INI writer
 * (iniwrite.h): each changed key rewritten on its own line, a new entry
 * appended after the last of its kind, a removed one's section taken out;
 * everything else byte for byte as read. The same refusal to overwrite a
 * file changed on disk as the .ics saver, with the named differences and
 * the merge of iniwrite.h for the planner's dialog.
 */
#include <stdlib.h>
#include <string.h>

#include "dais/edit_registry.h"
#include "dais/filehash.h"
#include "dais/iniwrite.h"
#include "dais/registry.h"
#include "dais/xalloc.h"

static const char *const file_names[REGISTRY_NFILES] = {"venues.ini",
                                                        "participants.ini"};

const char *
registry_file(int file)
{
	return file_names[file];
}

/* The kinds of entry a file holds. */
static bool
file_holds(int file, enum registry_kind kind)
{
	return (file == REGISTRY_FILE_PEOPLE) == (kind == REGISTRY_PARTICIPANT);
}

bool
registry_file_dirty(const struct editor *ed, int file)
{
	int k;

	for (k = 0; k < REGISTRY_KIND_COUNT; k++)
		if (file_holds(file, (enum registry_kind)k) &&
		    editor_registry_dirty(ed, (enum registry_kind)k))
			return true;
	return false;
}

/* The section a new participant goes after: the last of its kind in the
 * registry before it (import-participants does the same). */
static const char *
after_of_kind(const struct programme *p, const struct ini_doc *doc,
              const struct registry_item *x)
{
	const char *last = NULL;
	size_t i;

	if (x->kind != REGISTRY_PARTICIPANT)
		return NULL;
	for (i = 0; i < p->npeople; i++)
		if (p->people[i].kind == x->person.kind &&
		    strcmp(p->people[i].id, x->person.id) != 0 &&
		    ini_doc_has_section(doc, p->people[i].id))
			last = p->people[i].id;
	return last;
}

static const char *
pair_value(const struct strlist *keys, const struct strlist *values,
           const char *key)
{
	size_t i;

	for (i = 0; i < keys->n; i++)
		if (strcmp(keys->v[i], key) == 0)
			return values->v[i];
	return NULL;
}

/* A walk's key: walk.TO in [building.FROM], or the other way round when
 * the file gives it so. */
static void
walk_place(const struct ini_doc *doc, const char *from, const char *to,
           char **section, char **key)
{
	char *other = xasprintf("building.%s", to), *okey;
	char *v;

	okey = xasprintf("walk.%s", from);
	v = ini_doc_get(doc, other, okey);
	if (v != NULL) {
		*section = other;
		*key = okey;
		free(v);
		return;
	}
	free(other);
	free(okey);
	*section = xasprintf("building.%s", from);
	*key = xasprintf("walk.%s", to);
}

/* One entry's change made on doc; false with *why. */
static bool
apply_change(const struct programme *p, struct ini_doc *doc,
             const struct registry_change *c, char **why)
{
	const struct registry_item *x = c->now != NULL ? c->now : c->saved;
	struct strlist ok = {0}, ov = {0}, nk = {0}, nv = {0};
	const struct registry_field *f;
	char *section, *key;
	size_t n, i;
	bool good = true;

	if (c->kind == REGISTRY_WALK) {
		walk_place(doc, x->walk.from, x->walk.to, &section, &key);
		if (c->now != NULL) {
			char *v = xasprintf("%d", c->now->walk.minutes);

			good = ini_doc_set(doc, section, key, v, why);
			free(v);
		} else {
			good = ini_doc_set(doc, section, key, NULL, why);
		}
		free(section);
		free(key);
		return good;
	}
	section = registry_section(x);
	if (c->now == NULL) {
		ini_doc_remove_section(doc, section);
		free(section);
		return true;
	}
	if (c->saved != NULL)
		registry_item_pairs(p, c->saved, &ok, &ov);
	else if (!ini_doc_has_section(doc, section))
		good = ini_doc_add_section(doc, section,
		                           after_of_kind(p, doc, c->now), why);
	registry_item_pairs(p, c->now, &nk, &nv);
	/* Only the keys whose value changed: one line each. */
	f = registry_fields(c->kind, &n);
	for (i = 0; i < n && good; i++) {
		const char *was = pair_value(&ok, &ov, f[i].key);
		const char *now = pair_value(&nk, &nv, f[i].key);

		if (was == NULL && now == NULL)
			continue;
		if (was != NULL && now != NULL && strcmp(was, now) == 0)
			continue;
		good = ini_doc_set(doc, section, f[i].key, now, why);
	}
	strlist_clear(&ok);
	strlist_clear(&ov);
	strlist_clear(&nk);
	strlist_clear(&nv);
	free(section);
	return good;
}

struct ini_doc *
registry_doc(const struct editor *ed, int file, char **why)
{
	const struct programme *p = editor_programme(ed);
	char *path = xasprintf("%s/%s", p->dir, file_names[file]);
	struct ini_doc *doc;
	int k;

	doc = p->registry_text[file] != NULL
	          ? ini_doc_from_text(path, p->registry_text[file],
	                              p->registry_len[file])
	          : ini_doc_load(path, why);
	free(path);
	if (doc == NULL)
		return NULL;
	/* Buildings before the rooms and walks that name them. */
	for (k = REGISTRY_KIND_COUNT; k-- > 0;) {
		struct registry_change *ch;
		size_t n, i;

		if (!file_holds(file, (enum registry_kind)k))
			continue;
		n = editor_registry_changes(ed, (enum registry_kind)k, &ch);
		for (i = 0; i < n; i++)
			if (!apply_change(p, doc, &ch[i], why)) {
				free(ch);
				ini_doc_free(doc);
				return NULL;
			}
		free(ch);
	}
	return doc;
}

void
registry_saved(struct editor *ed, struct programme *p, int file,
               const struct ini_doc *doc)
{
	int k;

	free(p->registry_text[file]);
	p->registry_text[file] = ini_doc_text(doc, &p->registry_len[file]);
	for (k = 0; k < REGISTRY_KIND_COUNT; k++)
		if (file_holds(file, (enum registry_kind)k))
			editor_mark_registry_saved(ed, (enum registry_kind)k);
}

enum registry_save_result
registry_save_file(struct editor *ed, struct programme *p, int file, char **why)
{
	struct ini_doc *doc;
	enum ini_save_result r;

	if (!registry_file_dirty(ed, file))
		return REGISTRY_UNCHANGED;
	doc = registry_doc(ed, file, why);
	if (doc == NULL)
		return REGISTRY_SAVE_FAILED;
	r = ini_doc_save(doc, why);
	if (r == INI_SAVED)
		registry_saved(ed, p, file, doc);
	ini_doc_free(doc);
	return r == INI_SAVED             ? REGISTRY_SAVED
	       : r == INI_CHANGED_ON_DISK ? REGISTRY_CHANGED_ON_DISK
	                                  : REGISTRY_SAVE_FAILED;
}
