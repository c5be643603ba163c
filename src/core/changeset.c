/*
 * changeset.c: the editor's unsaved changes grouped by the file each
 * belongs in (changeset.h), built in one pass over editor_changes.
 */
#include "dais/changeset.h"

#include <stdlib.h>
#include <string.h>

#include "dais/xalloc.h"

/* conf.new_sessions_file's index into conf.files; 0 when not listed. */
static int
new_sessions_file(const struct programme *p)
{
	size_t i;

	for (i = 0; p->conf.new_sessions_file != NULL && i < p->conf.files.n;
	     i++)
		if (strcmp(p->conf.files.v[i], p->conf.new_sessions_file) == 0)
			return (int)i;
	return 0;
}

int
changeset_file_of(const struct programme *p, const struct session *s)
{
	if (s->source >= 0 && (size_t)s->source < p->conf.files.n)
		return s->source;
	return new_sessions_file(p);
}

size_t
changeset_build(const struct editor *ed, struct changeset *cs)
{
	const struct programme *p = editor_programme(ed);
	struct edit_change *ch = NULL;
	size_t n = editor_changes(ed, &ch), i;

	memset(cs, 0, sizeof *cs);
	cs->nfiles = p->conf.files.n;
	cs->files = xcalloc(cs->nfiles ? cs->nfiles : 1, sizeof *cs->files);
	/* editor_changes is sorted by UID then recurrence id: so is each
	 * file's part of it. */
	for (i = 0; i < n; i++) {
		struct changeset_entry e;
		struct changeset_file *f;
		const struct session *where;

		e.uid = ch[i].uid;
		e.recurrence_id = ch[i].recurrence_id;
		e.kind = ch[i].kind;
		e.significant = ch[i].significant;
		e.saved = ch[i].saved;
		e.now = ch[i].kind == EDIT_CHANGE_DELETED
		            ? NULL
		            : editor_session(ed, e.uid, e.recurrence_id);
		where = e.saved != NULL ? e.saved : e.now;
		f = &cs->files[where != NULL ? changeset_file_of(p, where)
		                             : new_sessions_file(p)];
		XGROW(f->v, f->n, f->cap);
		f->v[f->n++] = e;
		cs->n++;
	}
	free(ch);
	return cs->n;
}

void
changeset_free(struct changeset *cs)
{
	size_t i;

	for (i = 0; i < cs->nfiles; i++)
		free(cs->files[i].v);
	free(cs->files);
	memset(cs, 0, sizeof *cs);
}

static int
entry_cmp(const char *uid, dais_time rid, const struct changeset_entry *e)
{
	int c = strcmp(uid, e->uid);

	if (c != 0)
		return c;
	return rid < e->recurrence_id ? -1 : rid > e->recurrence_id;
}

const struct changeset_entry *
changeset_find(const struct changeset *cs, const char *uid,
               dais_time recurrence_id)
{
	size_t i;

	for (i = 0; i < cs->nfiles; i++) {
		const struct changeset_file *f = &cs->files[i];
		size_t lo = 0, hi = f->n;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c = entry_cmp(uid, recurrence_id, &f->v[mid]);

			if (c == 0)
				return &f->v[mid];
			if (c < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
	}
	return NULL;
}
