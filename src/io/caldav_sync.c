/*
 * caldav_sync.c: `dais sync`: the working copy and the server compared
 * session by session against what both held when last in step (the state
 * file), then each difference carried to the side that lacks it, and a
 * session changed on both sides left for the user to choose
 * (caldav_sync.h). Local files are written first, then the state, then
 * the pushes, the state following each, so that a sync cut anywhere is
 * finished by the next.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "caldav_internal.h"
#include "dais/atomicfile.h"
#include "dais/caldav_sync.h"
#include "dais/filehash.h"
#include "dais/fileread.h"
#include "dais/load.h"
#include "dais/strbuf.h"
#include "dais/xalloc.h"
#include "ics_internal.h"
#include "save_internal.h"

/* The state is written after this many pushes, so a sync cut short loses
 * the record of at most these (the next sync finds them equal). */
#define STATE_EVERY 200

/* A session of the working copy. */
struct local {
	char *uid;
	int file;   /* index into conf.files */
	char *text; /* its VEVENTs, CRLF */
	uint64_t fp;
};

/* A session of the server. */
struct remote {
	char *uid;
	char *href;
	char *etag;
	char *data; /* the resource, when fetched */
	char *text; /* its VEVENTs, CRLF, when fetched */
	uint64_t fp;
	bool fetched;
};

enum action {
	ACT_NONE,
	ACT_RECORD,   /* both sides agree: remember it */
	ACT_FORGET,   /* gone on both sides */
	ACT_GET,      /* write the server's version here */
	ACT_DROP,     /* delete here */
	ACT_PUT,      /* send ours */
	ACT_DELETE,   /* delete on the server */
	ACT_CONFLICT, /* ask */
};

struct plan {
	const char *uid;
	struct local *l;
	struct remote *rm;
	struct sync_entry *st; /* while deciding; the state moves after */
	char *known_href;      /* the state's href, when it had one */
	enum action act;
	enum sync_conflict_kind kind;
};

struct ctx {
	const char *dir;
	struct programme *p;
	struct caldav_server srv;
	struct caldav *c;
	struct sync_state st;
	struct cal_text *files; /* one per conf.files; text NULL if none */
	bool *exists;
	struct local *loc;
	size_t nloc, caploc;
	struct remote *rem;
	size_t nrem, caprem;
	const struct sync_options *o;
	bool *used_choice;
	struct sync_report *r;
};

static int
cmp_local(const void *a, const void *b)
{
	return strcmp(((const struct local *)a)->uid,
	              ((const struct local *)b)->uid);
}

static int
cmp_remote(const void *a, const void *b)
{
	const struct remote *x = a, *y = b;

	if (x->uid == NULL || y->uid == NULL)
		return (x->uid == NULL) - (y->uid == NULL);
	return strcmp(x->uid, y->uid);
}

static struct local *
find_local(struct ctx *x, const char *uid)
{
	struct local key = {.uid = (char *)uid};

	if (x->nloc == 0)
		return NULL;
	return bsearch(&key, x->loc, x->nloc, sizeof key, cmp_local);
}

static struct remote *
find_remote(struct ctx *x, const char *uid)
{
	struct remote key = {.uid = (char *)uid};

	if (x->nrem == 0)
		return NULL;
	return bsearch(&key, x->rem, x->nrem, sizeof key, cmp_remote);
}

/* The working copy's sessions, by UID. */
static bool
read_local(struct ctx *x)
{
	const struct strlist *files = &x->p->conf.files;
	struct cal_text *ct;
	char *path, *text, *why = NULL;
	size_t i, j, len;

	x->files = xcalloc(files->n + 1, sizeof *x->files);
	x->exists = xcalloc(files->n + 1, sizeof *x->exists);
	for (i = 0; i < files->n; i++) {
		path = xasprintf("%s/%s", x->dir, files->v[i]);
		text = fileread_all(path, 0, &len, &why);
		if (text == NULL && errno != ENOENT) {
			x->r->why = xasprintf("%s: %s", path, why);
			free(why);
			free(path);
			return false;
		}
		free(why);
		why = NULL;
		free(path);
		if (text == NULL)
			continue;
		x->exists[i] = true;
		ct = &x->files[i];
		if (!cal_text_parse(ct, text, len)) {
			x->r->why = xasprintf("%s/%s is not an iCalendar file "
			                      "(dais check says why): nothing "
			                      "was synced",
			                      x->dir, files->v[i]);
			return false;
		}
		for (j = 0; j < ct->split.nblocks; j++) {
			const struct ics_text_block *blk = &ct->split.blocks[j];
			struct local *l;
			if (!blk->vevent || blk->uid == NULL)
				continue;
			/* a series' overrides follow in the same file */
			if (x->nloc > 0 &&
			    strcmp(x->loc[x->nloc - 1].uid, blk->uid) == 0)
				continue;
			XGROW(x->loc, x->nloc, x->caploc);
			l = &x->loc[x->nloc++];
			l->uid = xstrdup(blk->uid);
			l->file = (int)i;
			l->text = cal_text_session(ct, l->uid);
			l->fp = cal_fingerprint(l->text);
		}
	}
	if (x->nloc > 1)
		qsort(x->loc, x->nloc, sizeof *x->loc, cmp_local);
	/* overrides not next to their series: one entry per UID */
	for (i = j = 0; i < x->nloc; i++) {
		if (j > 0 && strcmp(x->loc[j - 1].uid, x->loc[i].uid) == 0) {
			free(x->loc[i].uid);
			free(x->loc[i].text);
			continue;
		}
		x->loc[j++] = x->loc[i];
	}
	x->nloc = j;
	return true;
}

static void
add_bad(struct sync_report *r, const char *href, char *why)
{
	r->bad = xreallocarray(r->bad, r->nbad + 1, sizeof *r->bad);
	r->bad[r->nbad].href = xstrdup(href);
	r->bad[r->nbad].why = why;
	r->nbad++;
}

/*
 * A fetched resource into its UID and VEVENTs, checked as the loader
 * checks a file. False with *why when dais cannot take it.
 */
static bool
take_resource(struct ctx *x, struct remote *rm, char **why)
{
	struct cal_text ct;
	struct diag_list diags = {0};
	struct programme *s;
	size_t i;
	bool ok;

	if (!cal_text_parse(&ct, xstrdup(rm->data), strlen(rm->data))) {
		cal_text_free(&ct);
		*why = xstrdup("not an iCalendar object (no VCALENDAR, or a "
		               "component not closed)");
		return false;
	}
	for (i = 0; i < ct.split.nblocks; i++) {
		const struct ics_text_block *blk = &ct.split.blocks[i];
		if (!blk->vevent)
			continue;
		if (blk->uid == NULL) {
			*why = xstrdup("a VEVENT without UID");
			break;
		}
		if (rm->uid == NULL)
			rm->uid = xstrdup(blk->uid);
		else if (strcmp(rm->uid, blk->uid) != 0) {
			*why = xasprintf("holds two sessions (%s and %s): a "
			                 "calendar object resource is one "
			                 "session (RFC 4791)",
			                 rm->uid, blk->uid);
			break;
		}
	}
	if (*why == NULL && rm->uid == NULL)
		*why = xstrdup("holds no VEVENT: dais keeps sessions only");
	if (*why == NULL) {
		s = save_scratch_programme(x->p);
		ok = ics_load_buffer(s, 0, rm->data, strlen(rm->data), rm->href,
		                     &diags);
		for (i = 0; i < diags.n && *why == NULL; i++)
			if (diags.v[i].level == DIAG_ERROR)
				*why = diag_format(&diags.v[i]);
		if (!ok && *why == NULL)
			*why = xstrdup("not an iCalendar object");
		diag_clear(&diags);
		free(diags.v);
		programme_free(s);
	}
	if (*why == NULL) {
		rm->text = cal_text_session(&ct, rm->uid);
		rm->fp = cal_fingerprint(rm->text);
	}
	cal_text_free(&ct);
	return *why == NULL;
}

static struct remote *
add_remote(struct ctx *x, const char *href, const char *etag)
{
	struct remote *rm;

	XGROW(x->rem, x->nrem, x->caprem);
	rm = &x->rem[x->nrem++];
	memset(rm, 0, sizeof *rm);
	rm->href = xstrdup(href);
	rm->etag = xstrdup(etag);
	return rm;
}

/*
 * The server's sessions: the listing (complete, or the changes since the
 * token on top of the state), with every resource whose ETag is not the
 * one the state knows fetched and checked.
 */
static bool
read_remote(struct ctx *x)
{
	struct caldav_listing l;
	struct caldav_item *items;
	struct sync_entry *e;
	struct remote *rm;
	size_t i, j, nitems = 0;
	char *why = NULL;

	if (!caldav_list(x->c, x->st.token, &l, &x->r->why))
		return false;
	/* changes only: the rest is as the state knew it, found by href */
	if (!l.complete)
		for (i = 0; i < x->st.n; i++)
			add_remote(x, x->st.v[i].href, x->st.v[i].etag)->uid =
			    xstrdup(x->st.v[i].uid);
	for (i = 0; i < l.n; i++) {
		rm = NULL;
		if (!l.complete) {
			e = sync_state_find_href(&x->st, l.v[i].href);
			if (e != NULL)
				rm = &x->rem[e - x->st.v];
		}
		if (l.v[i].removed) {
			if (rm != NULL) {
				free(rm->etag);
				rm->etag = NULL; /* marked gone below */
			}
			continue;
		}
		if (rm == NULL)
			rm = add_remote(x, l.v[i].href, l.v[i].etag);
		free(rm->etag);
		rm->etag = xstrdup(l.v[i].etag);
		e = sync_state_find_href(&x->st, rm->href);
		if (rm->uid == NULL && e != NULL && e->etag != NULL &&
		    rm->etag != NULL && strcmp(e->etag, rm->etag) == 0)
			rm->uid = xstrdup(e->uid);
		else if (e == NULL || e->etag == NULL || rm->etag == NULL ||
		         strcmp(e->etag, rm->etag) != 0) {
			free(rm->uid);
			rm->uid = NULL;
			rm->fetched = true;
		}
	}
	/* drop the removed ones */
	for (i = j = 0; i < x->nrem; i++) {
		if (x->rem[i].etag == NULL && !x->rem[i].fetched) {
			free(x->rem[i].href);
			free(x->rem[i].uid);
			continue;
		}
		x->rem[j++] = x->rem[i];
	}
	x->nrem = j;
	/* fetch what changed */
	items = xcalloc(x->nrem + 1, sizeof *items);
	for (i = 0; i < x->nrem; i++)
		if (x->rem[i].fetched)
			items[nitems++].href = x->rem[i].href;
	if (!caldav_fetch(x->c, items, nitems, &x->r->why)) {
		for (i = 0; i < nitems; i++) {
			free(items[i].data);
			free(items[i].etag);
		}
		free(items);
		free(l.sync_token);
		l.sync_token = NULL;
		caldav_listing_free(&l);
		return false;
	}
	for (i = j = 0; i < x->nrem; i++) {
		rm = &x->rem[i];
		if (!rm->fetched)
			continue;
		rm->data = items[j].data;
		if (items[j].etag != NULL) {
			free(rm->etag);
			rm->etag = items[j].etag;
		}
		j++;
	}
	free(items);
	/* check what was fetched; a bad one is left alone on the server */
	for (i = j = 0; i < x->nrem; i++) {
		rm = &x->rem[i];
		why = NULL;
		if (rm->fetched && rm->data == NULL) {
			/* gone between the listing and the fetch */
		} else if (rm->fetched && !take_resource(x, rm, &why)) {
			add_bad(x->r, rm->href, why);
			/* what the state knew of it stands, so a session
			 * it held is neither deleted nor overwritten */
			e = sync_state_find_href(&x->st, rm->href);
			if (e != NULL) {
				free(rm->uid);
				rm->uid = xstrdup(e->uid);
				free(rm->etag);
				rm->etag = xstrdup(e->etag);
				rm->fetched = false;
				free(rm->data);
				rm->data = NULL;
				x->rem[j++] = *rm;
				continue;
			}
		} else {
			x->rem[j++] = *rm;
			continue;
		}
		free(rm->href);
		free(rm->etag);
		free(rm->uid);
		free(rm->data);
		free(rm->text);
	}
	x->nrem = j;
	if (x->nrem > 1)
		qsort(x->rem, x->nrem, sizeof *x->rem, cmp_remote);
	/* two resources with one UID: the second is refused */
	for (i = 1; i < x->nrem; i++)
		if (x->rem[i].uid != NULL && x->rem[i - 1].uid != NULL &&
		    strcmp(x->rem[i].uid, x->rem[i - 1].uid) == 0)
			add_bad(
			    x->r, x->rem[i].href,
			    xasprintf("holds session %s, which %s holds "
			              "too: delete one of them on the server",
			              x->rem[i].uid, x->rem[i - 1].href));
	free(x->st.token);
	x->st.token = l.sync_token; /* kept only if all goes well */
	l.sync_token = NULL;
	caldav_listing_free(&l);
	return true;
}

static enum sync_choice
choice_for(struct ctx *x, const char *uid)
{
	size_t i;

	for (i = 0; i < x->o->nchoices; i++)
		if (strcmp(x->o->choices[i].uid, uid) == 0) {
			x->used_choice[i] = true;
			return x->o->choices[i].choice;
		}
	return x->o->others;
}

static bool
is_unsaved(const struct ctx *x, const char *uid)
{
	size_t i;

	for (i = 0; i < x->o->nunsaved; i++)
		if (strcmp(x->o->unsaved[i], uid) == 0)
			return true;
	return false;
}

/* What to do with one session. */
static void
decide(struct ctx *x, struct plan *pl)
{
	struct local *l = pl->l;
	struct remote *rm = pl->rm;
	struct sync_entry *e = pl->st;
	bool here, there;
	enum sync_choice ch;

	here = e == NULL ? l != NULL : (l == NULL || l->fp != e->fingerprint);
	there = e == NULL ? rm != NULL
	                  : (rm == NULL || rm->etag == NULL ||
	                     e->etag == NULL || strcmp(rm->etag, e->etag) != 0);
	if (rm != NULL && !rm->fetched && there && e != NULL &&
	    rm->etag != NULL) {
		/* an ETag the state does not know but no new data: only
		 * happens for a resource refused as bad: leave it */
		there = false;
	}
	if (!here && !there) {
		pl->act = ACT_NONE;
		return;
	}
	/* the planner's unsaved edits are a change here too; ours on disk
	 * would not be the user's version, so nothing is decided for them
	 * but taking the server's */
	if (there && is_unsaved(x, pl->uid)) {
		if (l != NULL && rm != NULL && rm->text != NULL &&
		    l->fp == rm->fp && here) {
			pl->act = ACT_RECORD;
			return;
		}
		pl->kind = l == NULL    ? SYNC_DELETED_HERE
		           : rm == NULL ? SYNC_DELETED_THERE
		                        : SYNC_BOTH_CHANGED;
		ch = choice_for(x, pl->uid);
		pl->act = ch != SYNC_THEIRS ? ACT_CONFLICT
		          : rm != NULL      ? ACT_GET
		                            : ACT_DROP;
		return;
	}
	if (here && !there) {
		pl->act = l != NULL ? ACT_PUT
		                    : (rm != NULL ? ACT_DELETE : ACT_FORGET);
		return;
	}
	if (!here && there) {
		pl->act =
		    rm != NULL ? ACT_GET : (l != NULL ? ACT_DROP : ACT_FORGET);
		return;
	}
	/* both moved: the same result on both sides is no conflict */
	if (l == NULL && rm == NULL) {
		pl->act = ACT_FORGET;
		return;
	}
	if (l != NULL && rm != NULL && rm->text != NULL && l->fp == rm->fp) {
		pl->act = ACT_RECORD;
		return;
	}
	pl->kind = l == NULL    ? SYNC_DELETED_HERE
	           : rm == NULL ? SYNC_DELETED_THERE
	                        : SYNC_BOTH_CHANGED;
	ch = choice_for(x, pl->uid);
	if (ch == SYNC_MINE)
		pl->act = l != NULL ? ACT_PUT : ACT_DELETE;
	else if (ch == SYNC_THEIRS)
		pl->act = rm != NULL ? ACT_GET : ACT_DROP;
	else
		pl->act = ACT_CONFLICT;
}

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
plan_in_file(const struct plan *pl, int file, int new_file)
{
	if (pl->act == ACT_GET)
		return (pl->l != NULL ? pl->l->file : new_file) == file;
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
          size_t n, int file, int new_file)
{
	struct cal_text rt;
	struct strbuf zone = {0};
	char **seen = NULL;
	size_t nseen = 0, cap = 0, i, j, k;

	for (i = 0; i < n; i++) {
		if (v[i].act != ACT_GET || !plan_in_file(&v[i], file, new_file))
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
splice(struct ctx *x, const struct plan *v, size_t n, int file, size_t *len)
{
	const struct cal_text *ct = &x->files[file];
	int new_file = file_index_new(x);
	struct strbuf b = {0};
	bool crlf = ct->text == NULL || ct->crlf, *done;
	const struct plan *pl;
	size_t end_cal = ct->split.calendar_end;
	size_t i,
	    at = 0,
	    first = ct->split.nblocks > 0 ? ct->split.blocks[0].start : end_cal;

	done = xcalloc(n + 1, sizeof *done);
	if (ct->text == NULL)
		sb_lines(&b,
		         "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
		         "PRODID:-//dais//sync//EN\r\n",
		         crlf);
	else
		strbuf_add(&b, ct->text, first);
	at = first;
	add_zones(&b, ct, v, n, file, new_file);
	for (i = 0; i < ct->split.nblocks; i++) {
		const struct ics_text_block *blk = &ct->split.blocks[i];
		strbuf_add(&b, ct->text + at, blk->start - at);
		at = blk->end;
		pl = blk->vevent && blk->uid ? plan_of_uid(v, n, blk->uid)
		                             : NULL;
		if (pl == NULL || !plan_in_file(pl, file, new_file)) {
			strbuf_add(&b, ct->text + blk->start,
			           blk->end - blk->start);
			continue;
		}
		if (pl->act == ACT_GET && !done[pl - v]) {
			sb_lines(&b, pl->rm->text, crlf);
			done[pl - v] = true;
		}
	}
	if (ct->text != NULL)
		strbuf_add(&b, ct->text + at, end_cal - at);
	for (i = 0; i < n; i++)
		if (v[i].act == ACT_GET && !done[i] &&
		    plan_in_file(&v[i], file, new_file))
			sb_lines(&b, v[i].rm->text, crlf);
	if (ct->text != NULL)
		strbuf_add(&b, ct->text + end_cal, ct->len - end_cal);
	else
		sb_lines(&b, "END:VCALENDAR\r\n", crlf);
	free(done);
	*len = b.n;
	return b.v;
}

/* Writes the server's version of a conflicting session aside. */
static char *
write_aside(struct ctx *x, const struct plan *pl)
{
	char *d = xasprintf("%s/%s", x->dir, SYNC_CONFLICT_DIR), *name, *path;
	char *why = NULL;
	size_t i;

	if (pl->rm == NULL || pl->rm->data == NULL) {
		free(d);
		return NULL;
	}
	if (mkdir(d, 0777) != 0 && errno != EEXIST) {
		free(d);
		return NULL;
	}
	name = xstrdup(pl->uid);
	for (i = 0; name[i]; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		      (name[i] >= 'A' && name[i] <= 'Z') ||
		      (name[i] >= '0' && name[i] <= '9') ||
		      strchr("@.-_", name[i]) != NULL) ||
		    (i == 0 && name[i] == '.'))
			name[i] = '_';
	path = xasprintf("%s/%s.ics", d, name);
	free(name);
	free(d);
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

static void
add_conflict(struct ctx *x, const struct plan *pl, enum sync_conflict_kind k)
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

static bool
save_state(struct ctx *x)
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

/* The server's versions into the working copy, one file at a time. */
static bool
apply_local(struct ctx *x, struct plan *v, size_t n)
{
	const struct strlist *files = &x->p->conf.files;
	int new_file = file_index_new(x);
	char *text, *path, *why = NULL;
	size_t f, i, len;
	bool any;

	for (f = 0; f < files->n; f++) {
		for (i = 0, any = false; i < n && !any; i++)
			any = plan_in_file(&v[i], (int)f, new_file);
		if (!any)
			continue;
		text = splice(x, v, n, (int)f, &len);
		path = xasprintf("%s/%s", x->dir, files->v[f]);
		if (!atomicfile_write(path, text, len, &why)) {
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
			if (!plan_in_file(&v[i], (int)f, new_file))
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
static bool
push(struct ctx *x, struct plan *v, size_t n)
{
	const struct cal_text *ct;
	enum caldav_result res;
	struct plan *pl;
	char *href, *body, *etag, *why = NULL;
	const char *if_match;
	size_t i, since = 0;

	for (i = 0; i < n; i++) {
		pl = &v[i];
		if (pl->act != ACT_PUT && pl->act != ACT_DELETE)
			continue;
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
			save_state(x);
			return false;
		}
		if (res == CALDAV_CHANGED) {
			add_conflict(x, pl, SYNC_CHANGED_MEANWHILE);
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
			if (!save_state(x))
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
static void
skip_own_echo(struct ctx *x)
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

static int
cmp_plan(const void *a, const void *b)
{
	return strcmp(((const struct plan *)a)->uid,
	              ((const struct plan *)b)->uid);
}

/* Every UID of either side or of the state, once, sorted. */
static struct plan *
make_plans(struct ctx *x, size_t *n)
{
	struct plan *v = xcalloc(x->nloc + x->nrem + x->st.n + 1, sizeof *v);
	size_t i, k = 0, j;

	for (i = 0; i < x->nloc; i++)
		v[k++].uid = x->loc[i].uid;
	for (i = 0; i < x->nrem; i++)
		if (x->rem[i].uid != NULL)
			v[k++].uid = x->rem[i].uid;
	for (i = 0; i < x->st.n; i++)
		v[k++].uid = x->st.v[i].uid;
	if (k > 1)
		qsort(v, k, sizeof *v, cmp_plan);
	for (i = j = 0; i < k; i++)
		if (j == 0 || strcmp(v[j - 1].uid, v[i].uid) != 0)
			v[j++] = v[i];
	*n = j;
	return v;
}

bool
caldav_sync(const char *dir, const struct sync_options *o,
            struct sync_report *r, struct diag_list *diags)
{
	struct ctx x = {.dir = dir, .o = o, .r = r};
	struct plan *plans = NULL;
	size_t nplans = 0, i;
	bool present, ok = false, made;
	char *old_token = NULL;
	char **uids;

	memset(r, 0, sizeof *r);
	x.used_choice = xcalloc(o->nchoices + 1, sizeof *x.used_choice);
	x.p = programme_load(dir, diags);
	if (diag_count(diags, DIAG_ERROR) > 0) {
		r->why = xasprintf("%s: the programme has errors (above): fix "
		                   "them before syncing, so that nothing "
		                   "broken reaches the rest of the team",
		                   dir);
		goto out;
	}
	if (!caldav_server_read(dir, &x.srv, &present, diags)) {
		if (!present)
			r->why = xasprintf(
			    "%s/conference.ini has no [server] section: add "
			    "one with the calendar collection's url and your "
			    "user name (dais-programme(5))",
			    dir);
		else
			r->why = xasprintf("%s/conference.ini: its [server] "
			                   "section is wrong (above)",
			                   dir);
		goto out;
	}
	r->url = xstrdup(x.srv.url);
	x.c = caldav_open(&x.srv, &r->why);
	if (x.c == NULL)
		goto out;
	caldav_set_patience(x.c, o->connect_timeout, o->stall_timeout);
	caldav_set_cancel(x.c, o->cancel);
	if (!sync_state_read(dir, &x.st, &r->why))
		goto out;
	if (x.st.url != NULL && strcmp(x.st.url, x.srv.url) != 0) {
		/* bound to another collection now: start from scratch */
		sync_state_free(&x.st);
	}
	if (x.st.url == NULL)
		x.st.url = xstrdup(x.srv.url);
	if (!read_local(&x))
		goto out;
	if (o->create &&
	    !caldav_make_collection(x.c, x.srv.url,
	                            x.p->conf.name ? x.p->conf.name : dir,
	                            &made, &r->why))
		goto out;
	old_token = xstrdup(x.st.token);
	if (!read_remote(&x))
		goto out;
	plans = make_plans(&x, &nplans);
	for (i = 0; i < nplans; i++) {
		plans[i].l = find_local(&x, plans[i].uid);
		plans[i].rm = find_remote(&x, plans[i].uid);
		plans[i].st = sync_state_find(&x.st, plans[i].uid);
		decide(&x, &plans[i]);
		if (plans[i].st != NULL)
			plans[i].known_href = xstrdup(plans[i].st->href);
	}
	for (i = 0; i < nplans; i++) {
		if (plans[i].act == ACT_CONFLICT)
			add_conflict(&x, &plans[i], plans[i].kind);
		else if (plans[i].act == ACT_RECORD)
			sync_state_set(&x.st, plans[i].uid, plans[i].rm->href,
			               plans[i].rm->etag, plans[i].l->fp);
		else if (plans[i].act == ACT_FORGET)
			sync_state_remove(&x.st, plans[i].uid);
		plans[i].st = NULL; /* entries move as others come and go */
	}
	if (r->nconflicts > 0 || r->nbad > 0) {
		/* the same changes must be listed again next time */
		free(x.st.token);
		x.st.token = old_token;
		old_token = NULL;
	}
	if (!apply_local(&x, plans, nplans)) {
		save_state(&x);
		goto out;
	}
	if (!save_state(&x))
		goto out;
	if (!push(&x, plans, nplans))
		goto out;
	if (r->put_new + r->put_changed + r->put_deleted > 0)
		skip_own_echo(&x);
	ok = save_state(&x);
	r->complete = ok;
out:
	uids = NULL;
	for (i = 0; i < o->nchoices; i++)
		if (!x.used_choice[i]) {
			uids = xreallocarray(r->unused_choices, r->nunused + 1,
			                     sizeof *uids);
			r->unused_choices = uids;
			uids[r->nunused++] = xstrdup(o->choices[i].uid);
		}
	r->when = time(NULL);
	if (x.c != NULL)
		r->stats = *caldav_stats(x.c);
	for (i = 0; i < nplans; i++)
		free(plans[i].known_href);
	free(plans);
	free(old_token);
	for (i = 0; i < x.nloc; i++) {
		free(x.loc[i].uid);
		free(x.loc[i].text);
	}
	free(x.loc);
	for (i = 0; i < x.nrem; i++) {
		free(x.rem[i].uid);
		free(x.rem[i].href);
		free(x.rem[i].etag);
		free(x.rem[i].data);
		free(x.rem[i].text);
	}
	free(x.rem);
	if (x.files != NULL)
		for (i = 0; i < x.p->conf.files.n; i++)
			cal_text_free(&x.files[i]);
	free(x.files);
	free(x.exists);
	free(x.used_choice);
	sync_state_free(&x.st);
	caldav_close(x.c);
	caldav_server_clear(&x.srv);
	programme_free(x.p);
	return ok;
}

void
sync_report_free(struct sync_report *r)
{
	size_t i;

	for (i = 0; i < r->nconflicts; i++) {
		free(r->conflicts[i].uid);
		free(r->conflicts[i].title);
		free(r->conflicts[i].aside);
		session_destroy(r->conflicts[i].theirs);
	}
	for (i = 0; i < r->ngot; i++)
		free(r->got_uids[i]);
	free(r->got_uids);
	free(r->conflicts);
	for (i = 0; i < r->nbad; i++) {
		free(r->bad[i].href);
		free(r->bad[i].why);
	}
	free(r->bad);
	for (i = 0; i < r->nunused; i++)
		free(r->unused_choices[i]);
	free(r->unused_choices);
	free(r->url);
	free(r->why);
	memset(r, 0, sizeof *r);
}

char *
sync_report_status(const struct sync_report *r)
{
	size_t others = r->got_new + r->got_changed + r->got_deleted;
	size_t sent = r->put_new + r->put_changed + r->put_deleted;
	char when[16] = "?", *line, *more;
	struct tm tm;

	if (localtime_r(&r->when, &tm) != NULL)
		strftime(when, sizeof when, "%H:%M", &tm);
	if (!r->complete)
		return xasprintf("sync failed at %s: %s", when,
		                 r->why ? r->why : "cut short");
	line = xasprintf("synced %s: %zu session%s changed by others", when,
	                 others, others == 1 ? "" : "s");
	if (sent > 0) {
		more = xasprintf("%s, %zu of yours sent", line, sent);
		free(line);
		line = more;
	}
	if (r->nconflicts > 0) {
		more = xasprintf("%s, %zu conflict%s", line, r->nconflicts,
		                 r->nconflicts == 1 ? "" : "s");
		free(line);
		line = more;
	}
	if (r->nbad > 0) {
		more = xasprintf("%s, %zu resource%s refused", line, r->nbad,
		                 r->nbad == 1 ? "" : "s");
		free(line);
		line = more;
	}
	return line;
}
