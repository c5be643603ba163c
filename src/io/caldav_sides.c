/*
 * caldav_sides.c: the two sides a sync compares, each cut into sessions
 * by UID: the working copy's .ics files, and the server's resources (the
 * listing, with every resource whose ETag moved fetched and checked as
 * the loader checks a file; a bad one reported by href, left alone).
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
#include "dais/strbuf.h"
#include "dais/xalloc.h"
#include "ics_internal.h"
#include "save_internal.h"

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

struct local *
sync_find_local(struct ctx *x, const char *uid)
{
	struct local key = {.uid = (char *)uid};

	if (x->nloc == 0)
		return NULL;
	return bsearch(&key, x->loc, x->nloc, sizeof key, cmp_local);
}

struct remote *
sync_find_remote(struct ctx *x, const char *uid)
{
	struct remote key = {.uid = (char *)uid};

	if (x->nrem == 0)
		return NULL;
	return bsearch(&key, x->rem, x->nrem, sizeof key, cmp_remote);
}

/* The working copy's sessions, by UID. */
bool
sync_read_local(struct ctx *x)
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
bool
sync_read_remote(struct ctx *x)
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
