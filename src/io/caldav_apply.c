/*
 * caldav_apply.c: a sync's decisions carried out: the server's versions
 * spliced into the working copy's files (every other byte kept), a
 * conflict's server version written aside, ours pushed with If-Match, and
 * the state written after each step so a sync cut short is finished by
 * the next.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "caldav_internal.h"
#include "caldav_sync_internal.h"
#include "dais/atomicfile.h"
#include "dais/caldav_sync.h"
#include "dais/filehash.h"
#include "dais/fileread.h"
#include "dais/load.h"
#include "dais/sources.h"
#include "dais/strbuf.h"
#include "dais/xalloc.h"
#include "ics_internal.h"
#include "save_internal.h"

/* The state is written after this many pushes, so a sync cut short loses
 * the record of at most these (the next sync finds them equal). */
#define STATE_EVERY 200

/* The index of the new-sessions file in conf.files (0 when unset). */
static int
file_index_new(const struct ctx *x)
{
	const struct strlist *f = &x->p->conf.files;
	size_t i;

	for (i = 0; x->p->conf.new_sessions_file != NULL && i < f->n; i++)
		if (strcmp(f->v[i], x->p->conf.new_sessions_file) == 0)
			return (int)i;
	return 0;
}

/*
 * Where each session new from the server goes: the new-sessions file,
 * or, when new-sessions is a directory (a vdir), a file of its own named
 * as the planner names a new session's (programme_session_file_name),
 * listed in conf.files from now on. x->files and x->exists grow with it.
 */
static void
place_new_sessions(struct ctx *x, struct plan *v, size_t n)
{
	struct programme *p = x->p;
	size_t i, before = p->conf.files.n, after;

	for (i = 0; i < n; i++) {
		char *name;

		if (v[i].act != ACT_GET || v[i].l != NULL)
			continue;
		if (p->conf.new_sessions_dir == NULL) {
			v[i].to_file = file_index_new(x);
			continue;
		}
		name = programme_session_file_name(&p->conf, v[i].uid);
		v[i].to_file = (int)programme_add_file(p, name);
		free(name);
	}
	after = p->conf.files.n;
	if (after == before)
		return;
	x->files = xreallocarray(x->files, after + 1, sizeof *x->files);
	x->exists = xreallocarray(x->exists, after + 1, sizeof *x->exists);
	memset(x->files + before + 1, 0, (after - before) * sizeof *x->files);
	memset(x->exists + before + 1, 0, (after - before) * sizeof *x->exists);
}

/* Appends CRLF text, with LF line endings when the file has them. */
static void
sb_lines(struct strbuf *b, const char *crlf_text, bool crlf)
{
	const char *s = crlf_text, *cr;

	if (crlf) {
		strbuf_add(b, s, strlen(s));
		return;
	}
	while ((cr = strstr(s, "\r\n")) != NULL) {
		strbuf_add(b, s, (size_t)(cr - s));
		strbuf_add(b, "\n", 1);
		s = cr + 2;
	}
	strbuf_add(b, s, strlen(s));
}

/* The plan entries of one file that write it, with their VTIMEZONEs. */
static bool
plan_in_file(const struct plan *pl, int file)
{
	if (pl->act == ACT_GET)
		return (pl->l != NULL ? pl->l->file : pl->to_file) == file;
	if (pl->act == ACT_DROP)
		return pl->l != NULL && pl->l->file == file;
	return false;
}

static const struct plan *
plan_of_uid(const struct plan *v, size_t n, const char *uid)
{
	size_t lo = 0, hi = n, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(v[mid].uid, uid);
		if (c == 0)
			return &v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The VTIMEZONEs the server sent with the sessions coming into the file
 * that the file does not have yet. */
static void
add_zones(struct strbuf *b, const struct cal_text *ct, const struct plan *v,
          size_t n, int file)
{
	struct cal_text rt;
	struct strbuf zone = {0};
	char **seen = NULL;
	size_t nseen = 0, cap = 0, i, j, k;

	for (i = 0; i < n; i++) {
		if (v[i].act != ACT_GET || !plan_in_file(&v[i], file))
			continue;
		if (!cal_text_parse(&rt, xstrdup(v[i].rm->data),
		                    strlen(v[i].rm->data))) {
			cal_text_free(&rt);
			continue;
		}
		for (j = 0; j < rt.split.nblocks; j++) {
			const struct ics_text_block *zb = &rt.split.blocks[j];
			if (!zb->vtimezone || zb->tzid == NULL ||
			    (ct->text != NULL &&
			     cal_text_zone(ct, zb->tzid) >= 0))
				continue;
			for (k = 0; k < nseen; k++)
				if (strcmp(seen[k], zb->tzid) == 0)
					break;
			if (k < nseen)
				continue;
			XGROW(seen, nseen, cap);
			seen[nseen++] = xstrdup(zb->tzid);
			strbuf_reset(&zone);
			cal_add_crlf(&zone, rt.text + zb->start,
			             rt.text + zb->end);
			if (zone.n > 0)
				sb_lines(b, zone.v,
				         ct->text == NULL || ct->crlf);
		}
		cal_text_free(&rt);
	}
	for (k = 0; k < nseen; k++)
		free(seen[k]);
	free(seen);
	strbuf_free(&zone);
}

/*
 * The new text of one file: each session coming from the server in place
 * of its VEVENTs (new ones before END:VCALENDAR), each deleted one out,
 * everything else byte for byte.
 */
static char *
splice(struct ctx *x, const struct plan *v, size_t n, int file, size_t *len,
       size_t *events)
{
	const struct cal_text *ct = &x->files[file];
	struct strbuf b = {0};
	bool crlf = ct->text == NULL || ct->crlf, *done;
	const struct plan *pl;
	size_t end_cal = ct->split.calendar_end;
	size_t i,
	    at = 0,
	    first = ct->split.nblocks > 0 ? ct->split.blocks[0].start : end_cal;

	*events = 0;
	done = xcalloc(n + 1, sizeof *done);
	if (ct->text == NULL)
		sb_lines(&b,
		         "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
		         "PRODID:-//dais//sync//EN\r\n",
		         crlf);
	else
		strbuf_add(&b, ct->text, first);
	at = first;
	add_zones(&b, ct, v, n, file);
	for (i = 0; i < ct->split.nblocks; i++) {
		const struct ics_text_block *blk = &ct->split.blocks[i];
		strbuf_add(&b, ct->text + at, blk->start - at);
		at = blk->end;
		pl = blk->vevent && blk->uid ? plan_of_uid(v, n, blk->uid)
		                             : NULL;
		if (pl == NULL || !plan_in_file(pl, file)) {
			strbuf_add(&b, ct->text + blk->start,
			           blk->end - blk->start);
			*events += blk->vevent;
			continue;
		}
		if (pl->act == ACT_GET && !done[pl - v]) {
			sb_lines(&b, pl->rm->text, crlf);
			done[pl - v] = true;
			(*events)++;
		}
	}
	if (ct->text != NULL)
		strbuf_add(&b, ct->text + at, end_cal - at);
	for (i = 0; i < n; i++)
		if (v[i].act == ACT_GET && !done[i] &&
		    plan_in_file(&v[i], file)) {
			sb_lines(&b, v[i].rm->text, crlf);
			(*events)++;
		}
	if (ct->text != NULL)
		strbuf_add(&b, ct->text + end_cal, ct->len - end_cal);
	else
		sb_lines(&b, "END:VCALENDAR\r\n", crlf);
	free(done);
	*len = b.n;
	return b.v;
}

char *
sync_aside_path(const char *dir, const char *uid)
{
	char *name = xstrdup(uid), *path;
	size_t i;

	for (i = 0; name[i]; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		      (name[i] >= 'A' && name[i] <= 'Z') ||
		      (name[i] >= '0' && name[i] <= '9') ||
		      strchr("@.-_", name[i]) != NULL) ||
		    (i == 0 && name[i] == '.'))
			name[i] = '_';
	path = xasprintf("%s/%s/%s.ics", dir, SYNC_CONFLICT_DIR, name);
	free(name);
	return path;
}

/* Writes the server's version of a conflicting session aside. */
static char *
write_aside(struct ctx *x, const struct plan *pl)
{
	char *d = xasprintf("%s/%s", x->dir, SYNC_CONFLICT_DIR), *path;
	char *why = NULL;

	if (pl->rm == NULL || pl->rm->data == NULL) {
		free(d);
		return NULL;
	}
	if (mkdir(d, 0777) != 0 && errno != EEXIST) {
		free(d);
		return NULL;
	}
	free(d);
	path = sync_aside_path(x->dir, pl->uid);
	if (!atomicfile_write(path, pl->rm->data, strlen(pl->rm->data), &why)) {
		free(why);
		free(path);
		return NULL;
	}
	return path;
}

/* The server's version of a session read as the loader reads it; NULL
 * when there is none or it does not load. */
static struct session *
theirs_session(struct ctx *x, const struct remote *rm)
{
	struct diag_list diags = {0};
	struct programme *s;
	struct session *out = NULL;

	if (rm == NULL || rm->data == NULL)
		return NULL;
	s = save_scratch_programme(x->p);
	if (ics_load_buffer(s, 0, rm->data, strlen(rm->data), rm->href,
	                    &diags) &&
	    s->nsessions > 0) {
		out = xcalloc(1, sizeof *out);
		session_copy(out, &s->sessions[0]);
	}
	diag_clear(&diags);
	free(diags.v);
	programme_free(s);
	return out;
}

void
sync_add_conflict(struct ctx *x, const struct plan *pl,
                  enum sync_conflict_kind k)
{
	struct sync_report *r = x->r;
	struct sync_conflict *c;
	const char *text = pl->l ? pl->l->text : pl->rm ? pl->rm->text : NULL;

	r->conflicts = xreallocarray(r->conflicts, r->nconflicts + 1,
	                             sizeof *r->conflicts);
	c = &r->conflicts[r->nconflicts++];
	c->uid = xstrdup(pl->uid);
	c->title = text ? cal_value(text, "SUMMARY") : NULL;
	c->kind = k;
	c->aside = k == SYNC_CHANGED_MEANWHILE ? NULL : write_aside(x, pl);
	c->theirs =
	    k == SYNC_CHANGED_MEANWHILE ? NULL : theirs_session(x, pl->rm);
}

bool
sync_save_state(struct ctx *x)
{
	char *why = NULL;

	if (sync_state_write(x->dir, &x->st, &why))
		return true;
	free(x->r->why);
	x->r->why = xasprintf("%s: the working copy's files are whole; sync "
	                      "again when the file can be written",
	                      why);
	free(why);
	return false;
}

/*
 * Writes one file's new text; a file of a directory or glob entry (a
 * vdir's) whose last session went is removed instead, as a save removes
 * it, unless it changed since the sync read it.
 */
static bool
write_file(struct ctx *x, size_t f, const char *path, const char *text,
           size_t len, size_t events, char **why)
{
	const struct cal_text *ct = &x->files[f];
	bool changed = false;

	if (events > 0 || ct->text == NULL ||
	    !sources_is_member(&x->p->conf, x->p->conf.files.v[f]))
		return atomicfile_write(path, text, len, why);
	return atomicfile_remove_over(path, filehash_bytes(ct->text, ct->len),
	                              &changed, why);
}

/* The server's versions into the working copy, one file at a time. */
bool
sync_apply_local(struct ctx *x, struct plan *v, size_t n)
{
	const struct strlist *files = &x->p->conf.files;
	char *text, *path, *why = NULL;
	size_t f, i, len, events;
	bool any;

	place_new_sessions(x, v, n);
	for (f = 0; f < files->n; f++) {
		for (i = 0, any = false; i < n && !any; i++)
			any = plan_in_file(&v[i], (int)f);
		if (!any)
			continue;
		text = splice(x, v, n, (int)f, &len, &events);
		path = xasprintf("%s/%s", x->dir, files->v[f]);
		if (!write_file(x, f, path, text, len, events, &why)) {
			x->r->why = xasprintf("%s: nothing else was changed; "
			                      "sync again when it can be "
			                      "written",
			                      why);
			free(why);
			free(path);
			free(text);
			return false;
		}
		free(path);
		free(text);
		x->r->files_changed = true;
		for (i = 0; i < n; i++) {
			if (!plan_in_file(&v[i], (int)f))
				continue;
			x->r->got_uids =
			    xreallocarray(x->r->got_uids, x->r->ngot + 1,
			                  sizeof *x->r->got_uids);
			x->r->got_uids[x->r->ngot++] = xstrdup(v[i].uid);
			if (v[i].act == ACT_GET) {
				if (v[i].l != NULL)
					x->r->got_changed++;
				else
					x->r->got_new++;
				sync_state_set(&x->st, v[i].uid, v[i].rm->href,
				               v[i].rm->etag, v[i].rm->fp);
			} else {
				x->r->got_deleted++;
				sync_state_remove(&x->st, v[i].uid);
			}
		}
	}
	return true;
}

/* Ours to the server, the state following. */
bool
sync_push(struct ctx *x, struct plan *v, size_t n)
{
	const struct cal_text *ct;
	enum caldav_result res;
	struct plan *pl;
	char *href, *body, *etag, *why = NULL;
	const char *if_match;
	size_t i, since = 0, taken = 0;

	for (i = 0; i < n; i++) {
		pl = &v[i];
		if (pl->act != ACT_PUT && pl->act != ACT_DELETE)
			continue;
		/* Refused three times and taken never: the collection, not
		 * the sessions, is the trouble (no write access, say). */
		if (x->r->nunsent == 3 && taken == 0) {
			x->r->why = xstrdup(x->r->unsent[0].why);
			sync_save_state(x);
			return false;
		}
		if_match = pl->rm ? pl->rm->etag : NULL;
		href = pl->rm           ? xstrdup(pl->rm->href)
		       : pl->known_href ? xstrdup(pl->known_href)
		                        : caldav_href_for(x->c, pl->uid);
		if (pl->act == ACT_PUT) {
			ct = &x->files[pl->l->file];
			body = cal_resource(ct, pl->l->text);
			res = caldav_put(x->c, href, body, strlen(body),
			                 if_match, &etag, &why);
			free(body);
		} else {
			etag = NULL;
			res = caldav_delete(x->c, href, if_match, &why);
		}
		if (res == CALDAV_FAILED) {
			x->r->why = why;
			free(href);
			sync_save_state(x);
			return false;
		}
		if (res == CALDAV_REFUSED) {
			/* This one only: the others still go (its state is
			 * untouched, so the next sync tries it again). */
			x->r->unsent =
			    xreallocarray(x->r->unsent, x->r->nunsent + 1,
			                  sizeof *x->r->unsent);
			x->r->unsent[x->r->nunsent].href = xstrdup(pl->uid);
			x->r->unsent[x->r->nunsent++].why = why;
			why = NULL;
			free(href);
			continue;
		}
		taken++;
		if (res == CALDAV_CHANGED) {
			sync_add_conflict(x, pl, SYNC_CHANGED_MEANWHILE);
		} else if (pl->act == ACT_PUT) {
			if (pl->rm != NULL || pl->known_href != NULL)
				x->r->put_changed++;
			else
				x->r->put_new++;
			/* without an ETag the next sync fetches it and finds
			 * it equal */
			sync_state_set(&x->st, pl->uid, href, etag, pl->l->fp);
		} else {
			x->r->put_deleted++;
			sync_state_remove(&x->st, pl->uid);
		}
		free(etag);
		free(href);
		if (++since == STATE_EVERY) {
			since = 0;
			if (!sync_save_state(x))
				return false;
		}
	}
	return true;
}

/*
 * The token was taken before the pushes, so the next sync would list this
 * one's own pushes again. When the changes since it are exactly those
 * pushes (same ETags as the state, deletions the state no longer has), the
 * token is moved past them; a change by somebody else in between keeps
 * the old token, and the next sync lists it. One REPORT; a failure is no
 * harm (the old token stays).
 */
void
sync_skip_own_echo(struct ctx *x)
{
	struct caldav_listing l;
	const struct sync_entry *e;
	bool own = true;
	char *why = NULL;
	size_t i;

	if (x->st.token == NULL || x->r->nconflicts > 0 || x->r->nbad > 0)
		return;
	if (!caldav_list(x->c, x->st.token, &l, &why)) {
		free(why);
		return;
	}
	for (i = 0; own && i < l.n; i++) {
		e = sync_state_find_href(&x->st, l.v[i].href);
		own = l.v[i].removed ? e == NULL
		                     : (e != NULL && e->etag != NULL &&
		                        l.v[i].etag != NULL &&
		                        strcmp(e->etag, l.v[i].etag) == 0);
	}
	if (own && !l.complete && l.sync_token != NULL) {
		free(x->st.token);
		x->st.token = l.sync_token;
		l.sync_token = NULL;
	}
	caldav_listing_free(&l);
}
