/*
 * view_requests.c: the bilateral requests of requests.ini, each placed
 * (with its session's time and room) or not (with the scheduler's reason),
 * and the selected one's details below; P runs the scheduler (schedule.h)
 * and applies its plan as one undoable edit. Whether a request is placed is
 * read from the programme itself (its session, by the request's UID), so
 * undo, redo and edits elsewhere show here at once. Its tab has no count:
 * at 80 columns the tabs and "? help" just fit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/requests.h"
#include "dais/schedule.h"
#include "dais/strbuf.h"
#include "dais/textwidth.h"
#include "dais/uid.h"
#include "dais/xalloc.h"
#include "planner.h"

struct requests_view {
	struct listnav nav;
	struct request_list reqs;
	struct diag_list diags; /* what requests_load said */
	bool readable;          /* requests_load could read the file */
	char *domain;           /* of the programme's UIDs */
	/* The last scheduler run's reason per request (parallel to
	 * reqs.v, NULL: none), and its summary. */
	char **why_not;
	char *last_run;
	/*
	 * The sessions of requests (UIDs) last taken away by an undo: the
	 * edit that made them, P's run above all, was taken back, which is
	 * not calling the meetings off. Until the next save they count as
	 * unplaced here (P places them again); that save takes their
	 * placed lines out of requests.ini (requests_record_placed). A
	 * deletion, done or redone, takes a UID out of the list (that is a
	 * meeting called off), as does the session coming back. Kept over
	 * a reload of requests.ini.
	 */
	struct strlist taken_back;
};

static struct requests_view *
state_of(const struct planner *pl)
{
	return planner_view_state(pl, &requests_view);
}

static void
forget(struct requests_view *rv)
{
	size_t i;

	for (i = 0; rv->why_not != NULL && i < rv->reqs.n; i++)
		free(rv->why_not[i]);
	free(rv->why_not);
	rv->why_not = NULL;
	free(rv->last_run);
	rv->last_run = NULL;
	request_list_clear(&rv->reqs);
	diag_clear(&rv->diags);
	free(rv->domain);
	rv->domain = NULL;
}

/* Whether request r's placed line names a session that an undo took
 * away (rv->taken_back) and that is still gone. */
static bool
taken_back(const struct planner *pl, const struct requests_view *rv,
           const struct request *r)
{
	return r->placed != NULL && strlist_has(&rv->taken_back, r->placed) &&
	       editor_session(pl->ed, r->placed, DAIS_TIME_NONE) == NULL;
}

/* The requests whose sessions an undo took away are unplaced again. */
static void
forget_taken_back(struct planner *pl, struct requests_view *rv)
{
	size_t i;

	for (i = 0; i < rv->reqs.n; i++) {
		struct request *r = &rv->reqs.v[i];

		if (!taken_back(pl, rv, r))
			continue;
		free(r->placed);
		r->placed = NULL;
		r->state = REQUEST_OPEN;
	}
}

/* Reads DIR/requests.ini again, for the programme as it is now. */
static void
load(struct planner *pl, struct requests_view *rv)
{
	forget(rv);
	rv->readable = requests_load(pl->p, pl->p->dir, &rv->reqs, &rv->diags);
	rv->why_not = xcalloc(rv->reqs.n + 1, sizeof *rv->why_not);
	rv->domain = uid_domain_of(pl->p);
	forget_taken_back(pl, rv);
}

void
requests_note_edit(struct planner *pl, const struct edit_event *ev)
{
	struct requests_view *rv;
	bool undone = false;
	size_t i, k;

	/* an edit before the views are made (none is, today) */
	if (pl->view_state == NULL || (rv = state_of(pl)) == NULL)
		return;
	for (i = 0; i < ev->ndeltas; i++) {
		const struct edit_delta *d = &ev->deltas[i];
		const struct session *s = d->before ? d->before : d->after;

		/* Only what dais schedule names request-ID@DOMAIN. */
		if (s == NULL || s->uid == NULL ||
		    strncmp(s->uid, "request-", 8) != 0 ||
		    s->recurrence_id != DAIS_TIME_NONE)
			continue;
		for (k = 0; k < rv->taken_back.n; k++)
			if (strcmp(rv->taken_back.v[k], s->uid) == 0) {
				free(rv->taken_back.v[k]);
				rv->taken_back.v[k] =
				    rv->taken_back.v[--rv->taken_back.n];
				break;
			}
		if (d->after == NULL && ev->kind == EDIT_UNDONE) {
			strlist_add(&rv->taken_back, s->uid);
			undone = true;
		}
	}
	if (undone)
		forget_taken_back(pl, rv);
}

/* The session request r became, or NULL. */
static const struct session *
session_of(const struct planner *pl, const struct requests_view *rv,
           const struct request *r)
{
	char *uid;
	const struct session *s;

	if (r->placed != NULL)
		return editor_session(pl->ed, r->placed, DAIS_TIME_NONE);
	uid = request_uid(r, rv->domain);
	s = editor_session(pl->ed, uid, DAIS_TIME_NONE);
	free(uid);
	return s;
}

/* "Wed 4 Nov 13:00-13:45 Bilateral Meeting Room 1" (owned). */
static char *
where_text(const struct planner *pl, const struct session *s)
{
	int day = programme_day_of(pl->p, s->start);
	char d[DAIS_TIMEBUF], span[DAIS_TIMEBUF];

	return xasprintf("%s %s %s",
	                 day >= 0 ? planner_day_label(pl, day, d) : "(no day)",
	                 planner_span(pl, s, span), planner_room_name(pl, s));
}

/* What became of request i, in a sentence (owned); *placed says whether
 * it is placed. */
static char *
status_text(const struct planner *pl, const struct requests_view *rv, size_t i,
            bool *placed)
{
	const struct request *r = &rv->reqs.v[i];
	const struct session *s = session_of(pl, rv, r);
	char *where, *text;

	*placed = s != NULL;
	if (s != NULL) {
		where = where_text(pl, s);
		text = xasprintf("%s%s", where,
		                 s->status == SESSION_CANCELLED
		                     ? " (its session is cancelled)"
		                     : "");
		free(where);
		return text;
	}
	if (r->placed != NULL)
		return xasprintf("not placed: requests.ini says session %s, "
		                 "which is not in the programme (called off: "
		                 "P leaves it be; remove the placed line to "
		                 "place it again)",
		                 r->placed);
	if (rv->why_not[i] != NULL)
		return xasprintf("not placed: %s", rv->why_not[i]);
	if (r->state == REQUEST_UNPLACED && r->reason != NULL)
		return xasprintf("not placed: %s", r->reason);
	return xstrdup("not placed yet");
}

static const struct request *
current(const struct planner *pl)
{
	struct requests_view *rv = state_of(pl);

	if (rv->nav.cur < 0 || (size_t)rv->nav.cur >= rv->reqs.n)
		return NULL;
	return &rv->reqs.v[rv->nav.cur];
}

static size_t
count_placed(const struct planner *pl, const struct requests_view *rv)
{
	size_t i, n = 0;

	for (i = 0; i < rv->reqs.n; i++)
		n += session_of(pl, rv, &rv->reqs.v[i]) != NULL;
	return n;
}

/* The parties by name: "Minister of Interior — Kuwait, ..." (owned). */
static char *
parties_text(const struct planner *pl, const struct request *r)
{
	struct strlist names = {0};
	char *text;
	size_t i;

	for (i = 0; i < r->parties.n; i++) {
		const struct participant *who =
		    programme_find_participant(pl->p, r->parties.v[i]);

		strlist_add(&names, who != NULL && who->name != NULL
		                        ? who->name
		                        : r->parties.v[i]);
	}
	text = strlist_join(&names, ", ");
	strlist_clear(&names);
	return text;
}

/* The window and the rooms: "45 min between Wed 4 Nov 08:00 and ..." */
static char *
terms_text(const struct planner *pl, const struct request *r)
{
	const struct dais_zone *z = &pl->p->conf.zone;
	int d0 = programme_day_of(pl->p, r->earliest);
	int d1 = programme_day_of(pl->p, r->latest);
	char a[DAIS_TIMEBUF], b[DAIS_TIMEBUF], c[DAIS_TIMEBUF], d[DAIS_TIMEBUF],
	    *rooms, *text;

	rooms = r->rooms.n > 0
	            ? strlist_join(&r->rooms, ", ")
	            : xasprintf("rooms for %s",
	                        r->kind ? r->kind : REQUEST_SESSION_KIND);
	text = xasprintf("%d min, priority %d, between %s %s and %s %s; %s",
	                 r->minutes, r->priority,
	                 d0 >= 0 ? planner_day_label(pl, d0, a) : "?",
	                 time_fmt_hm(b, z, r->earliest),
	                 d1 >= 0 ? planner_day_label(pl, d1, c) : "?",
	                 time_fmt_hm(d, z, r->latest), rooms);
	free(rooms);
	return text;
}

/* "Its parties already meet in 'Bilateral meeting: Kuwait and Egypt'
 * (Thu 5 Nov 10:15-10:45)." (owned), as dais schedule says it; NULL when
 * they do not (request_meeting_already). Placed or not, the request is
 * placed all the same: it asks for the meeting. */
static char *
meets_text(const struct planner *pl, const struct requests_view *rv,
           const struct request *r)
{
	const struct session *own = session_of(pl, rv, r), *s;
	char *uid = own != NULL ? NULL : request_uid(r, rv->domain);
	long at =
	    request_meeting_already(pl->p, r, own != NULL ? own->uid : uid);
	char d[DAIS_TIMEBUF], span[DAIS_TIMEBUF];
	int day;

	free(uid);
	if (at < 0)
		return NULL;
	s = &pl->p->sessions[at];
	day = programme_day_of(pl->p, s->start);
	return xasprintf("Its parties already meet in '%s' (%s %s).", s->title,
	                 day >= 0 ? planner_day_label(pl, day, d) : "(no day)",
	                 planner_span(pl, s, span));
}

static void
draw_problems(struct planner *pl, struct requests_view *rv, struct canvas *c,
              int x, int y, int w, int h)
{
	size_t i;
	int row = y + 2;

	canvas_put_fit(c, y, x, w,
	               "requests.ini was not loaded: fix what is below, "
	               "then reopen the programme.",
	               STYLE_ERROR, 0);
	for (i = 0; i < rv->diags.n && row < y + h; i++) {
		char *line = diag_format(&rv->diags.v[i]);
		size_t n, k;
		char **wrapped = text_wrap(line, w, &n);

		for (k = 0; k < n; k++) {
			if (row < y + h)
				canvas_put_fit(c, row++, x, w, wrapped[k],
				               STYLE_NORMAL, 0);
			free(wrapped[k]);
		}
		free(wrapped);
		free(line);
	}
	(void)pl;
}

/* Its session's title once placed (a session keeps the title it was
 * made with; the organiser may have changed it), else the one it gets. */
static char *
title_of(const struct planner *pl, const struct requests_view *rv,
         const struct request *r)
{
	const struct session *s = session_of(pl, rv, r);

	return s != NULL && s->title != NULL ? xstrdup(s->title)
	                                     : request_title(pl->p, r);
}

/*
 * The status column's width out of both columns' `both`: the widest
 * placed status (day, time and room: "Wed 4 Nov 08:45-09:45 Garden
 * Pavilion Room C"), at most three fifths; the title, which tells the
 * requests apart, gets the rest. A reason not to place is cut: the lines
 * below the list give it whole.
 */
static int
status_width(const struct planner *pl, const struct requests_view *rv, int both)
{
	int widest = 0;
	size_t i;

	for (i = 0; i < rv->reqs.n; i++) {
		bool is_placed;
		char *status = status_text(pl, rv, i, &is_placed);

		if (is_placed && text_width(status) > widest)
			widest = text_width(status);
		free(status);
	}
	if (widest == 0) /* none placed: the reasons, cut */
		return both / 2;
	return widest < both * 3 / 5 ? widest : both * 3 / 5;
}

static void
requests_draw(struct planner *pl, struct canvas *c, int x, int y, int w, int h)
{
	struct requests_view *rv = state_of(pl);
	int listh = h - 8, r, idw = 16, statusw, titlew;
	size_t placed, i;
	const struct request *cur;
	char *head;

	if (!rv->readable || diag_count(&rv->diags, DIAG_ERROR) > 0) {
		draw_problems(pl, rv, c, x, y, w, h);
		return;
	}
	if (!rv->reqs.exists) {
		head = xasprintf("No %s in %s: write one to ask for bilateral "
		                 "meetings (dais-programme(5), REQUESTS.INI).",
		                 REQUESTS_FILE, pl->p->dir);
		canvas_put_fit(c, y, x, w, head, STYLE_DIM, 0);
		free(head);
		return;
	}
	placed = count_placed(pl, rv);
	head = xasprintf("%zu bilateral request%s: %zu placed, %zu not%s%s",
	                 rv->reqs.n, rv->reqs.n == 1 ? "" : "s", placed,
	                 rv->reqs.n - placed, rv->last_run ? ". " : "",
	                 rv->last_run ? rv->last_run : "");
	canvas_put_fit(c, y, x, w, head, STYLE_TITLE, 0);
	free(head);
	statusw = status_width(pl, rv, w - 7 - idw);
	titlew = w - 7 - idw - statusw;
	rv->nav.n = (int)rv->reqs.n;
	listnav_fix(&rv->nav, listh);
	for (r = 0; r < listh && rv->nav.top + r < rv->nav.n; r++) {
		int k = rv->nav.top + r, row = y + 1 + r;
		const struct request *q = &rv->reqs.v[k];
		int mods = k == rv->nav.cur ? MOD_REVERSE : 0;
		bool is_placed;
		char *status = status_text(pl, rv, (size_t)k, &is_placed);
		char *title = title_of(pl, rv, q), pri[8];

		snprintf(pri, sizeof pri, "P%d", q->priority);
		canvas_fill(c, row, x, w, 1, STYLE_NORMAL, mods);
		canvas_put(c, row, x, 1, is_placed ? "+" : "-",
		           is_placed ? STYLE_NORMAL : STYLE_WARNING, mods);
		canvas_put(c, row, x + 2, 2, pri, STYLE_DIM, mods);
		canvas_put_fit(c, row, x + 5, idw, q->id, STYLE_DIM, mods);
		canvas_put_fit(c, row, x + 6 + idw, titlew, title, STYLE_NORMAL,
		               mods);
		canvas_put_fit(c, row, x + 7 + idw + titlew, statusw, status,
		               is_placed ? STYLE_NORMAL : STYLE_DIM, mods);
		free(status);
		free(title);
	}
	cur = current(pl);
	if (cur != NULL) {
		int row = y + 1 + listh, end = y + h;
		bool is_placed;
		char *lines[6], *status;
		char *title = title_of(pl, rv, cur);
		char *meets = meets_text(pl, rv, cur);

		lines[0] = xasprintf("[%s] %s", cur->id, title);
		free(title);
		lines[1] = parties_text(pl, cur);
		lines[2] = terms_text(pl, cur);
		status = status_text(pl, rv, (size_t)rv->nav.cur, &is_placed);
		lines[3] = is_placed ? xasprintf("Placed: %s", status)
		                     : xasprintf("N%s", status + 1);
		free(status);
		lines[4] = meets != NULL ? meets : xstrdup("");
		lines[5] = cur->note != NULL ? xasprintf("Note: %s", cur->note)
		                             : xstrdup("");
		canvas_put_fit(c, row++, x, w, "", STYLE_RULE, 0);
		for (i = 0; i < 6; i++) {
			size_t n, k;
			char **wrapped;

			if (*lines[i] == '\0') { /* no such line: no gap */
				free(lines[i]);
				continue;
			}
			wrapped = text_wrap(lines[i], w, &n);

			for (k = 0; k < n; k++) {
				if (row < end)
					canvas_put_fit(
					    c, row++, x, w, wrapped[k],
					    (i == 3 && !is_placed) || i == 4
					        ? STYLE_WARNING
					        : STYLE_NORMAL,
					    0);
				free(wrapped[k]);
			}
			free(wrapped);
			free(lines[i]);
		}
	}
}

/* The seconds the planner lets the solver take: the best plan found by
 * then is applied, with its gap to the bound said. */
#define PLANNER_SCHEDULE_SECONDS 10.0

/* The last run in a sentence, for the view's head (owned). */
static char *
run_summary(const struct schedule_result *r)
{
	char bound[96];

	if (r->optimal)
		snprintf(bound, sizeof bound, "the best possible");
	else if (r->bound_simple)
		/* the relaxation was cut by the time limit: not an LP bound */
		snprintf(bound, sizeof bound,
		         "bound %.0f (no LP in time), within %.0f of the best",
		         r->lp_bound, r->gap);
	else
		snprintf(bound, sizeof bound,
		         "LP bound %.0f, within %.0f of the best", r->lp_bound,
		         r->gap);
	return xasprintf("Last run placed %zu of %zu (priority %d of %d, %s) "
	                 "in %.2f s",
	                 r->placed, r->asked, r->priority_placed,
	                 r->priority_asked, bound, r->seconds);
}

/*
 * P: places the requests not placed yet (the integer program of
 * schedule.h, as `dais schedule`), then applies the plan as one edit, so
 * one u removes every session it made. requests.ini is written at the
 * save that writes the sessions (requests_record_placed), not here: until
 * then a placed request is known by its session's UID.
 */
static void
run_scheduler(struct planner *pl)
{
	struct requests_view *rv = state_of(pl);
	struct schedule_options o;
	struct schedule_result r;
	const char *refused = NULL;
	char *why = NULL, *summary;
	size_t i;

	if (!rv->readable || diag_count(&rv->diags, DIAG_ERROR) > 0) {
		planner_message(pl, true,
		                "requests.ini has errors (listed here): fix "
		                "them, then reopen the programme.");
		return;
	}
	if (rv->reqs.n == 0) {
		planner_message(pl, true, "No requests to place.");
		return;
	}
	memset(&o, 0, sizeof o);
	memset(&r, 0, sizeof r);
	o.domain = rv->domain;
	o.time_limit = PLANNER_SCHEDULE_SECONDS;
	/* The solve holds the planner for up to the time limit: say so on
	 * screen first, not a frozen, silent planner. */
	planner_message_now(pl,
	                    "Placing the bilateral requests (%zu in "
	                    "requests.ini; at most %.0f s)...",
	                    rv->reqs.n, PLANNER_SCHEDULE_SECONDS);
	if (!schedule_plan(pl->p, &rv->reqs, &o, &r, &why)) {
		planner_message(pl, true, "The scheduler failed: %s", why);
		free(why);
		return;
	}
	for (i = 0; i < rv->reqs.n && i < r.noutcome; i++) {
		free(rv->why_not[i]);
		rv->why_not[i] = r.outcome[i].state == REQUEST_UNPLACED &&
		                         r.outcome[i].reason != NULL
		                     ? xstrdup(r.outcome[i].reason)
		                     : NULL;
	}
	summary = run_summary(&r);
	free(rv->last_run);
	rv->last_run = summary;
	if (r.n == 0 && r.remove.n == 0) {
		planner_message(pl, false,
		                "Nothing more can be placed: %zu of %zu "
		                "requests asked, none fits (the list says "
		                "why).",
		                r.asked, rv->reqs.n);
	} else if (!schedule_apply(pl->ed, &r, &refused)) {
		planner_message(pl, true, "The plan could not be applied: %s",
		                refused != NULL ? refused : "refused.");
	} else {
		char key[16];

		planner_message(
		    pl, false, "%s; %s undoes it.", summary,
		    keymap_first_key(&pl->cfg->keys, ACT_UNDO, key));
	}
	schedule_result_clear(&r);
}

static bool
requests_action(struct planner *pl, enum action a)
{
	struct requests_view *rv = state_of(pl);
	const struct request *cur;
	const struct session *s;
	int page = pl->h > 12 ? pl->h - 10 : 1;

	rv->nav.n = (int)rv->reqs.n;
	if (listnav_action(&rv->nav, a, page))
		return true;
	if (a == ACT_SCHEDULE) {
		run_scheduler(pl);
		return true;
	}
	if (a != ACT_SELECT)
		return false;
	cur = current(pl);
	s = cur != NULL ? session_of(pl, rv, cur) : NULL;
	if (s == NULL) {
		planner_message(pl, true, "%s",
		                cur == NULL
		                    ? "No request here."
		                    : "Not placed: no session to go to.");
		return true;
	}
	planner_jump(pl, s);
	return true;
}

char *
requests_record_placed(struct planner *pl, bool *failed)
{
	struct requests_view *rv = state_of(pl);
	struct request_list l = {0};
	struct diag_list diags = {0};
	char *own_domain = NULL, *why = NULL, *said = NULL;
	const char *domain;
	size_t i, marked = 0, unmarked = 0;

	*failed = false;
	/* Read afresh: the view may never have been opened (a journal
	 * restored after a crash can hold P's sessions), and the file may
	 * have been edited by hand since. A file with errors is left alone;
	 * the view lists them. */
	if (!requests_load(pl->p, pl->p->dir, &l, &diags) || !l.exists ||
	    diag_count(&diags, DIAG_ERROR) > 0)
		goto out;
	/* uid_domain_of reads every session: the view's, when it has one */
	domain = rv != NULL ? rv->domain : (own_domain = uid_domain_of(pl->p));
	for (i = 0; i < l.n; i++) {
		struct request *r = &l.v[i];
		char *uid;

		/* Its session taken away by an undo: not called off, the
		 * placing taken back, line and all. */
		if (rv != NULL && taken_back(pl, rv, r)) {
			free(r->placed);
			r->placed = NULL;
			r->state = REQUEST_OPEN;
			unmarked++;
			continue;
		}
		if (r->placed != NULL)
			continue;
		uid = request_uid(r, domain);
		if (editor_session(pl->ed, uid, DAIS_TIME_NONE) == NULL) {
			free(uid);
			continue;
		}
		r->placed = uid;
		r->state = REQUEST_PLACED;
		marked++;
	}
	free(own_domain);
	if (marked == 0 && unmarked == 0)
		goto out;
	if (!requests_save_placed(&l, &why)) {
		*failed = true;
		said = xasprintf("but requests.ini could not be marked (%s): "
		                 "the next save or 'dais schedule' marks the "
		                 "placed requests",
		                 why);
		free(why);
		goto out;
	}
	if (unmarked == 0)
		said = xasprintf("requests.ini marks %zu request%s placed",
		                 marked, marked == 1 ? "" : "s");
	else if (marked == 0)
		said = xasprintf("requests.ini no longer marks %zu request%s "
		                 "placed (undone)",
		                 unmarked, unmarked == 1 ? "" : "s");
	else
		said = xasprintf("requests.ini marks %zu request%s placed and "
		                 "no longer %zu (undone)",
		                 marked, marked == 1 ? "" : "s", unmarked);
	/* The lines are out: the undone sessions are forgotten. */
	for (i = 0; rv != NULL && i < rv->taken_back.n;)
		if (editor_session(pl->ed, rv->taken_back.v[i],
		                   DAIS_TIME_NONE) == NULL) {
			free(rv->taken_back.v[i]);
			rv->taken_back.v[i] =
			    rv->taken_back.v[--rv->taken_back.n];
		} else
			i++;
	/* The view shows the same lines without reading the file again
	 * (which would forget the last run's reasons). */
	for (i = 0; rv != NULL && i < l.n; i++) {
		struct request *q = request_find(&rv->reqs, l.v[i].id);

		if (q == NULL || q->placed != NULL || l.v[i].placed == NULL)
			continue;
		q->placed = xstrdup(l.v[i].placed);
		q->state = REQUEST_PLACED;
	}
	if (rv != NULL)
		rv->reqs.file_hash = l.file_hash;
out:
	request_list_clear(&l);
	diag_clear(&diags);
	free(diags.v);
	return said;
}

char *
requests_naming(struct planner *pl, const char *id, const char *name)
{
	struct request_list l = {0};
	struct diag_list diags = {0};
	struct strbuf b = {0};
	size_t i, n = 0;

	/* Read afresh: the file may have been edited by hand since. */
	requests_load(pl->p, pl->p->dir, &l, &diags);
	for (i = 0; i < l.n; i++) {
		const struct request *r = &l.v[i];

		if (!strlist_has(&r->parties, id))
			continue;
		if (n < 4)
			strbuf_addf(&b, "%s%s (line %d)", n > 0 ? ", " : "",
			            r->id, r->line);
		n++;
	}
	if (n > 4)
		strbuf_addf(&b, " and %zu more", n - 4);
	if (n > 0) {
		char *list = strbuf_take(&b);

		strbuf_addf(&b,
		            "Not removed: %s is a party of %zu bilateral "
		            "request%s in %s: %s. Take %s out of %s parties "
		            "there (or remove the request%s), then remove the "
		            "participant.",
		            name != NULL && *name ? name : id, n,
		            n == 1 ? "" : "s", l.path, list, id,
		            n == 1 ? "its" : "their", n == 1 ? "" : "s");
		free(list);
	}
	request_list_clear(&l);
	diag_clear(&diags);
	free(diags.v);
	return n > 0 ? strbuf_take(&b) : NULL;
}

static void *
requests_new(struct planner *pl)
{
	struct requests_view *rv = xcalloc(1, sizeof *rv);

	load(pl, rv);
	return rv;
}

static void
requests_free(void *state)
{
	struct requests_view *rv = state;

	forget(rv);
	strlist_clear(&rv->taken_back);
	free(rv);
}

static void
requests_reload(struct planner *pl)
{
	struct requests_view *rv = state_of(pl);

	load(pl, rv);
	rv->nav.cur = rv->nav.top = 0;
}

const struct view_ops requests_view = {
    .name = "Requests",
    .context = CTX_REQUESTS,
    .show_action = ACT_VIEW_REQUESTS,
    .new = requests_new,
    .free = requests_free,
    .draw = requests_draw,
    .action = requests_action,
    .reload = requests_reload,
};
