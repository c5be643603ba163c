/*
 * caldav_sync.c: `dais sync`: the working copy and the server compared
 * session by session against what both held when last in step (the state
 * file), then each difference carried to the side that lacks it, and a
 * session changed on both sides left for the user to choose
 * (caldav_sync.h). Local files are written first, then the state, then
 * the pushes, the state following each, so that a sync cut anywhere is
 * finished by the next. Here: what to do with each session, and the
 * order of it all; reading the two sides is caldav_sides.c's, writing
 * them caldav_apply.c's.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "caldav_internal.h"
#include "caldav_sync_internal.h"
#include "dais/atomicfile.h"
#include "dais/caldav_sync.h"
#include "dais/filehash.h"
#include "dais/fileread.h"
#include "dais/load.h"
#include "dais/requests.h"
#include "dais/strbuf.h"
#include "dais/xalloc.h"
#include "ics_internal.h"
#include "save_internal.h"

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

/*
 * The placement travels with the sessions: a request whose session this
 * copy holds after the sync, or that the sync deleted here because it was
 * deleted on the server, is placed (requests_mark_synced), so that an
 * organiser's `dais schedule` or P does not place again a meeting another
 * organiser called off. A session deleted here and pushed is left out: a
 * replan that left its request out has removed the placed line itself.
 */
static void
mark_requests(struct ctx *x, const struct plan *plans, size_t n,
              struct diag_list *diags)
{
	const char **uids = xcalloc(n + 1, sizeof *uids);
	size_t i, k = 0;
	char *why = NULL;

	for (i = 0; i < n; i++) {
		enum action a = plans[i].act;

		if (a == ACT_GET || a == ACT_DROP ||
		    (plans[i].l != NULL && a != ACT_DELETE))
			uids[k++] = plans[i].uid;
	}
	if (k > 0 && !requests_mark_synced(x->dir, uids, k,
	                                   &x->r->requests_marked, &why)) {
		char *path = xasprintf("%s/%s", x->dir, REQUESTS_FILE);

		diag_add(diags, DIAG_WARNING, path, 0, NULL,
		         "the requests whose sessions this sync brought or "
		         "deleted could not be marked placed (%s): until they "
		         "are, dais schedule may place again a meeting another "
		         "organiser called off; fix the file and sync again "
		         "(a deletion is not brought twice: give its request "
		         "placed = UID by hand)",
		         why);
		free(path);
		free(why);
	}
	free(uids);
}

/* Whether uid is among the sessions this sync left unsettled: in
 * conflict (asked, or changed meanwhile), or not taken by the server. */
static bool
still_unsettled(const struct sync_report *r, const char *uid, const char *path)
{
	size_t i;

	for (i = 0; i < r->nconflicts; i++)
		if (strcmp(r->conflicts[i].uid, uid) == 0 ||
		    (r->conflicts[i].aside != NULL &&
		     strcmp(r->conflicts[i].aside, path) == 0))
			return true;
	for (i = 0; i < r->nunsent; i++)
		if (strcmp(r->unsent[i].href, uid) == 0)
			return true;
	return false;
}

/*
 * After a sync that ran to its end: the server's side of a conflict,
 * written to sync-conflicts/ by an earlier sync, is removed once its
 * session is no longer in conflict (the user chose, or the two sides
 * agree now), so that what is left there is what is still to settle.
 */
static void
remove_settled_asides(struct ctx *x, const struct plan *plans, size_t n)
{
	char *d = xasprintf("%s/%s", x->dir, SYNC_CONFLICT_DIR), *path;
	struct stat sb;
	size_t i;

	if (stat(d, &sb) != 0) {
		free(d);
		return;
	}
	for (i = 0; i < n; i++) {
		path = sync_aside_path(x->dir, plans[i].uid);
		if (!still_unsettled(x->r, plans[i].uid, path) &&
		    unlink(path) == 0)
			strlist_add(&x->r->asides_removed, path);
		free(path);
	}
	/* the directory goes too once nothing is left in it */
	(void)rmdir(d);
	free(d);
}

bool
caldav_sync(const char *dir, const struct sync_options *o,
            struct sync_report *r, struct diag_list *diags)
{
	struct ctx x = {.dir = dir, .o = o, .r = r};
	struct plan *plans = NULL;
	size_t nplans = 0, i;
	bool present, ok = false;
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
	if (!sync_read_local(&x))
		goto out;
	if (o->create &&
	    !caldav_make_collection(
	        x.c, x.srv.url, x.p->conf.name ? x.p->conf.name : dir,
	        &r->calendar_made, &r->collections_made, &r->why))
		goto out;
	old_token = xstrdup(x.st.token);
	if (!sync_read_remote(&x))
		goto out;
	plans = make_plans(&x, &nplans);
	for (i = 0; i < nplans; i++) {
		plans[i].l = sync_find_local(&x, plans[i].uid);
		plans[i].rm = sync_find_remote(&x, plans[i].uid);
		plans[i].st = sync_state_find(&x.st, plans[i].uid);
		decide(&x, &plans[i]);
		if (plans[i].st != NULL)
			plans[i].known_href = xstrdup(plans[i].st->href);
	}
	for (i = 0; i < nplans; i++) {
		if (plans[i].act == ACT_CONFLICT)
			sync_add_conflict(&x, &plans[i], plans[i].kind);
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
	if (!sync_apply_local(&x, plans, nplans)) {
		sync_save_state(&x);
		goto out;
	}
	if (!sync_save_state(&x))
		goto out;
	mark_requests(&x, plans, nplans, diags);
	if (!sync_push(&x, plans, nplans))
		goto out;
	if (r->put_new + r->put_changed + r->put_deleted > 0)
		sync_skip_own_echo(&x);
	ok = sync_save_state(&x);
	r->complete = ok;
	if (ok)
		remove_settled_asides(&x, plans, nplans);
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
	for (i = 0; i < r->nunsent; i++) {
		free(r->unsent[i].href);
		free(r->unsent[i].why);
	}
	free(r->unsent);
	for (i = 0; i < r->nunused; i++)
		free(r->unused_choices[i]);
	free(r->unused_choices);
	strlist_clear(&r->requests_marked);
	strlist_clear(&r->collections_made);
	strlist_clear(&r->asides_removed);
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
	if (!r->complete) {
		more = caldav_shown(r->why ? r->why : "cut short");
		line = xasprintf("sync failed at %s: %s", when, more);
		free(more);
		return line;
	}
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
	if (r->nunsent > 0) {
		more = xasprintf("%s, %zu of yours refused by the server (not "
		                 "sent)",
		                 line, r->nunsent);
		free(line);
		line = more;
	}
	if (r->nbad > 0) {
		more = xasprintf("%s, %zu resource%s refused", line, r->nbad,
		                 r->nbad == 1 ? "" : "s");
		free(line);
		line = more;
	}
	if (r->asides_removed.n > 0) {
		more = xasprintf("%s, %zu conflict%s settled (%s/ file "
		                 "removed)",
		                 line, r->asides_removed.n,
		                 r->asides_removed.n == 1 ? "" : "s",
		                 SYNC_CONFLICT_DIR);
		free(line);
		line = more;
	}
	return line;
}
