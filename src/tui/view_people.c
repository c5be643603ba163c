/*
 * view_people.c: every participant (ministers, officials, delegations,
 * organisations), filtered by kind and delegation, and the chosen one's
 * timeline across the conference days: a bar per day and their sessions,
 * from which a session can be opened or a new assignment made.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/textwidth.h"
#include "dais/xalloc.h"
#include "planner.h"

struct people_view {
	struct listnav list;     /* the participants */
	struct listnav timeline; /* the chosen one's sessions */
	bool focus_timeline;     /* the keys move in the timeline */
	int kind;                /* -1 all, else enum participant_kind */
	char *delegation;        /* NULL all */
	size_t *shown;           /* participant indexes after the filters */
	size_t nshown;
};

static struct people_view *
people_of(const struct planner *pl)
{
	return planner_view_state(pl, &people_view);
}

/* Who is in which session: for each participant of the registry, the
 * sessions they are assigned to, and for a group also those of its
 * members, in time order and each once. */
static void
build_index(struct planner *pl)
{
	const struct programme *p = pl->p;
	size_t np = p->npeople, i, j, total = 0, *count, *fill;

	free(pl->people_at);
	free(pl->people_list);
	count = xcalloc(np + 1, sizeof *count);
	/* Two passes: count, then fill; an assignment counts for its
	 * participant and for their delegation. */
	for (i = 0; i < p->nsessions; i++)
		for (j = 0; j < p->sessions[i].nassign; j++) {
			const struct participant *who =
			    programme_find_participant(
			        p, p->sessions[i].assign[j].participant_id);
			const struct participant *del;

			if (who == NULL)
				continue;
			count[who - p->people]++;
			del =
			    who->delegation != NULL
			        ? programme_find_participant(p, who->delegation)
			        : NULL;
			if (del != NULL && del != who)
				count[del - p->people]++;
		}
	pl->people_at = xcalloc(np + 2, sizeof *pl->people_at);
	for (i = 0; i < np; i++) {
		pl->people_at[i] = total;
		total += count[i];
	}
	pl->people_at[np] = total;
	pl->people_list = xcalloc(total + 1, sizeof *pl->people_list);
	fill = count; /* reused: how many of each are filled */
	memset(fill, 0, (np + 1) * sizeof *fill);
	for (i = 0; i < p->nsessions; i++)
		for (j = 0; j < p->sessions[i].nassign; j++) {
			const struct participant *who =
			    programme_find_participant(
			        p, p->sessions[i].assign[j].participant_id);
			const struct participant *del;
			size_t k;

			if (who == NULL)
				continue;
			k = (size_t)(who - p->people);
			pl->people_list[pl->people_at[k] + fill[k]++] = i;
			del =
			    who->delegation != NULL
			        ? programme_find_participant(p, who->delegation)
			        : NULL;
			if (del != NULL && del != who) {
				k = (size_t)(del - p->people);
				pl->people_list[pl->people_at[k] + fill[k]++] =
				    i;
			}
		}
	free(count);
	pl->people_stale = false;
}

size_t *
people_sessions(struct planner *pl, const char *id, size_t *n)
{
	const struct participant *me = programme_find_participant(pl->p, id);
	size_t i, k, *v;

	*n = 0;
	if (pl->people_stale || pl->people_at == NULL)
		build_index(pl);
	if (me == NULL)
		return xcalloc(1, sizeof *v);
	k = (size_t)(me - pl->p->people);
	v = xcalloc(pl->people_at[k + 1] - pl->people_at[k] + 1, sizeof *v);
	/* Sessions come in index order; drop repeats (two members in one
	 * session, or someone listed twice). */
	for (i = pl->people_at[k]; i < pl->people_at[k + 1]; i++)
		if (*n == 0 || v[*n - 1] != pl->people_list[i])
			v[(*n)++] = pl->people_list[i];
	return v;
}

char *
timeline_bar(struct planner *pl, const char *participant_id, int day, int width)
{
	const struct conference *cf = &pl->p->conf;
	int span = cf->day_end - cf->day_start, k;
	size_t n, i, *v = people_sessions(pl, participant_id, &n);
	char *bar;

	if (width < 1)
		width = 1;
	if (span <= 0)
		span = 1;
	bar = xmalloc((size_t)width + 1);
	for (k = 0; k < width; k++) {
		/* The minute in the middle of cell k. */
		int m = cf->day_start + (2 * k + 1) * span / (2 * width);
		int busy = 0;

		for (i = 0; i < n; i++) {
			const struct session *s = &pl->p->sessions[v[i]];
			int m0 = planner_minutes(pl, day, s->start);
			int m1 = planner_minutes(pl, day, s->end);

			if (s->status != SESSION_CANCELLED && m >= m0 && m < m1)
				busy++;
		}
		bar[k] = busy == 0 ? '.' : busy == 1 ? '#' : '!';
	}
	bar[width] = '\0';
	free(v);
	return bar;
}

static void
people_refilter(struct planner *pl)
{
	struct people_view *pv = people_of(pl);
	size_t i;

	free(pv->shown);
	pv->shown = xcalloc(pl->p->npeople + 1, sizeof(size_t));
	pv->nshown = 0;
	for (i = 0; i < pl->p->npeople; i++) {
		const struct participant *who = &pl->p->people[i];

		if (pv->kind >= 0 && (int)who->kind != pv->kind)
			continue;
		if (pv->delegation != NULL &&
		    strcmp(who->id, pv->delegation) != 0 &&
		    (who->delegation == NULL ||
		     strcmp(who->delegation, pv->delegation) != 0))
			continue;
		pv->shown[pv->nshown++] = i;
	}
	pv->list.n = (int)pv->nshown;
	listnav_fix(&pv->list, 1);
}

const struct participant *
people_current(const struct planner *pl)
{
	struct people_view *pv = people_of(pl);
	if (pv->nshown == 0 || pv->list.cur < 0 ||
	    (size_t)pv->list.cur >= pv->nshown)
		return NULL;
	return &pl->p->people[pv->shown[pv->list.cur]];
}

/*
 * The worst conflict that is this participant's own in session s (a double
 * booking, availability, a delegation over its number), or OFF: the
 * session's other conflicts (someone else's, the room's) are not theirs.
 */
static int
person_session_worst(const struct planner *pl, const char *id, size_t s)
{
	size_t i;
	int worst = SEVERITY_OFF;

	for (i = 0; i < pl->checked.list.n; i++) {
		const struct conflict *c = &pl->checked.list.v[i];

		if (c->participant_id != NULL &&
		    strcmp(c->participant_id, id) == 0 &&
		    (int)c->severity > worst && conflict_involves(c, s))
			worst = (int)c->severity;
	}
	return worst;
}

/* The worst conflict severity naming this participant, or OFF. */
static int
person_worst(const struct planner *pl, const char *id)
{
	size_t i;
	int worst = SEVERITY_OFF;

	for (i = 0; i < pl->checked.list.n; i++) {
		const struct conflict *c = &pl->checked.list.v[i];

		if (c->participant_id != NULL &&
		    strcmp(c->participant_id, id) == 0 &&
		    (int)c->severity > worst)
			worst = (int)c->severity;
	}
	return worst;
}

static void
put_mark(struct canvas *c, int y, int x, int worst, int mods)
{
	canvas_put(c, y, x, 1,
	           worst == SEVERITY_ERROR     ? "!"
	           : worst == SEVERITY_WARNING ? "*"
	                                       : " ",
	           worst == SEVERITY_ERROR     ? STYLE_ERROR
	           : worst == SEVERITY_WARNING ? STYLE_WARNING
	                                       : STYLE_NORMAL,
	           mods);
}

/* The delegation column: as wide as the longest delegation's name, up to
 * a fifth of the list, at least 10. */
static int
delegation_width(const struct planner *pl, int w)
{
	/* The names come first: most delegations' names are short
	 * ("Kuwait"), and a long one cut in the middle still reads
	 * ("Russian…ration"), where a minister's name cut to twenty cells
	 * lost its country ("Minister o…ajikistan"). */
	int most = 10, cap = w < 50 ? 10 : w / 5;
	size_t i;

	for (i = 0; i < pl->p->npeople; i++) {
		const struct participant *who = &pl->p->people[i];
		int n;

		if (who->kind != PARTICIPANT_DELEGATION)
			continue;
		n = text_width(who->name);
		if (n > most)
			most = n;
	}
	return most < cap ? most : cap;
}

static void
draw_list(struct planner *pl, struct canvas *c, int x, int y, int w, int h)
{
	struct people_view *pv = people_of(pl);
	int namew, localw, delw = delegation_width(pl, w), cntw = 3, r;
	char *head, key[3][16];
	const struct participant *filter =
	    pv->delegation != NULL
	        ? programme_find_participant(pl->p, pv->delegation)
	        : NULL;

	namew = (w - 2 - 1 - delw - 1 - cntw - 1) * 2 / 3;
	localw = w - 2 - namew - 1 - delw - 1 - cntw - 1;
	head = xasprintf(
	    "%zu of %zu: %s, %s   %s kind  %s delegation  %s assign",
	    pv->nshown, pl->p->npeople,
	    pv->kind < 0
	        ? "every kind"
	        : participant_kind_name((enum participant_kind)pv->kind),
	    filter != NULL           ? filter->name
	    : pv->delegation != NULL ? pv->delegation
	                             : "every delegation",
	    keymap_first_key(&pl->cfg->keys, ACT_FILTER_KIND, key[0]),
	    keymap_first_key(&pl->cfg->keys, ACT_FILTER_DELEGATION, key[1]),
	    keymap_first_key(&pl->cfg->keys, ACT_ASSIGN_TO_SESSION, key[2]));
	canvas_put_fit(c, y, x, w, head, STYLE_TITLE, 0);
	free(head);
	canvas_fill(c, y + 1, x, w, 1, STYLE_HEADER, 0);
	canvas_put_fit(c, y + 1, x + 2, namew, "Name", STYLE_HEADER, 0);
	canvas_put_fit(c, y + 1, x + 3 + namew, localw, "Local name",
	               STYLE_HEADER, 0);
	canvas_put_fit(c, y + 1, x + 4 + namew + localw, delw, "Deleg.",
	               STYLE_HEADER, 0);
	canvas_put_right(c, y + 1, x + 5 + namew + localw + delw, cntw, "#",
	                 STYLE_HEADER, 0);
	listnav_fix(&pv->list, h - 2);
	for (r = 0; r < h - 2 && pv->list.top + r < pv->list.n; r++) {
		int k = pv->list.top + r, row = y + 2 + r;
		const struct participant *who = &pl->p->people[pv->shown[k]];
		int mods =
		    k == pv->list.cur
		        ? (pv->focus_timeline ? MOD_UNDERLINE : MOD_REVERSE)
		        : 0;
		size_t n, *v = people_sessions(pl, who->id, &n);
		const struct participant *group;
		char cnt[16], *cut;

		free(v);
		snprintf(cnt, sizeof cnt, "%zu", n);
		canvas_fill(c, row, x, w, 1, STYLE_NORMAL, mods);
		put_mark(c, row, x, person_worst(pl, who->id), mods);
		/* Each column is cut and padded by display width, so names
		 * in any script keep the columns after them aligned. */
		/* Cut in the middle, so names that differ at their end
		 * ("International Centre for …") stay different. */
		cut = text_abbreviate(who->name, namew);
		canvas_put_fit(c, row, x + 2, namew, cut, STYLE_NORMAL, mods);
		free(cut);
		cut = text_abbreviate(
		    who->name_local != NULL ? who->name_local : "", localw);
		canvas_put_fit(c, row, x + 3 + namew, localw, cut, STYLE_NORMAL,
		               mods);
		free(cut);
		/* The delegation by name ("Russian Federation"), its id only
		 * when the registry has no such delegation. */
		group = who->delegation != NULL
		            ? programme_find_participant(pl->p, who->delegation)
		            : NULL;
		cut =
		    text_abbreviate(group != NULL             ? group->name
		                    : who->delegation != NULL ? who->delegation
		                                              : "",
		                    delw);
		canvas_put_fit(c, row, x + 4 + namew + localw, delw, cut,
		               STYLE_DIM, mods);
		free(cut);
		canvas_put_right(c, row, x + 5 + namew + localw + delw, cntw,
		                 cnt, STYLE_NORMAL, mods);
	}
}

static void
draw_ticks(struct planner *pl, struct canvas *c, int x, int y, int w)
{
	const struct conference *cf = &pl->p->conf;
	int span = cf->day_end - cf->day_start, hour, step = 1;

	if (span <= 0 || w <= 0)
		return;
	/* Every hour, or every second, third ... when they would touch. */
	while (step < 24 && step * 60 * w / span < 4)
		step++;
	for (hour = (cf->day_start + 59) / 60; hour * 60 <= cf->day_end;
	     hour += step) {
		int col = (hour * 60 - cf->day_start) * w / span;
		char label[8];

		if (col + 2 > w)
			break;
		snprintf(label, sizeof label, "%02d", hour % 24);
		canvas_put(c, y, x + col, 2, label, STYLE_DIM, 0);
	}
}

static void
draw_timeline(struct planner *pl, struct canvas *c, int x, int y, int w, int h)
{
	struct people_view *pv = people_of(pl);
	const struct participant *who = people_current(pl);
	size_t n, i, *v;
	const struct participant *group;
	int row = y, day, k = 0;
	char *line;

	if (who == NULL) {
		canvas_put_fit(c, y, x, w, "Nobody matches the filters.",
		               STYLE_DIM, 0);
		return;
	}
	canvas_put_fit(c, row++, x, w, who->name, STYLE_TITLE, 0);
	if (who->name_local != NULL)
		canvas_put_fit(c, row++, x, w, who->name_local, STYLE_TITLE, 0);
	group = who->delegation != NULL
	            ? programme_find_participant(pl->p, who->delegation)
	            : NULL;
	line = xasprintf("%s%s%s%s%s", participant_kind_name(who->kind),
	                 who->title != NULL ? ", " : "",
	                 who->title != NULL ? who->title : "",
	                 who->delegation != NULL ? "; of " : "",
	                 group != NULL             ? group->name
	                 : who->delegation != NULL ? who->delegation
	                                           : "");
	canvas_put_fit(c, row++, x, w, line, STYLE_DIM, 0);
	free(line);
	if (who->arrival != DAIS_TIME_NONE ||
	    who->departure != DAIS_TIME_NONE) {
		char a[DAIS_TIMEBUF], d[DAIS_TIMEBUF];

		line = xasprintf("Here from %s to %s",
		                 who->arrival != DAIS_TIME_NONE
		                     ? planner_when(pl, who->arrival, a)
		                     : "the start",
		                 who->departure != DAIS_TIME_NONE
		                     ? planner_when(pl, who->departure, d)
		                     : "the end");
		canvas_put_fit(c, row++, x, w, line, STYLE_DIM, 0);
		free(line);
	}
	v = people_sessions(pl, who->id, &n);
	pv->timeline.n = (int)n;
	listnav_fix(&pv->timeline, 1000);
	for (day = 0; (size_t)day < pl->p->conf.ndays && row < y + h; day++) {
		char label[DAIS_TIMEBUF], *bar;

		row++;
		if (row >= y + h)
			break;
		canvas_put_fit(c, row, x, 10, planner_day_label(pl, day, label),
		               STYLE_HEADER, 0);
		draw_ticks(pl, c, x + 11, row++, w - 11);
		if (row >= y + h)
			break;
		bar = timeline_bar(pl, who->id, day, w - 11);
		canvas_put(c, row++, x + 11, w - 11, bar, STYLE_NORMAL, 0);
		free(bar);
		for (i = 0; i < n && row < y + h; i++) {
			const struct session *s = &pl->p->sessions[v[i]];
			long sid = session_find_assignment(s, who->id);
			char span[DAIS_TIMEBUF];
			int mods, worst;

			if (programme_day_of(pl->p, s->start) != day)
				continue;
			k = (int)i;
			mods = pv->focus_timeline && k == pv->timeline.cur
			           ? MOD_REVERSE
			           : 0;
			worst = person_session_worst(pl, who->id, v[i]);
			line = xasprintf(
			    "%s %s%s%s%s", planner_span(pl, s, span), s->title,
			    sid >= 0 ? " (" : " (via member",
			    sid >= 0 ? role_name(s->assign[sid].role) : "",
			    ")");
			canvas_fill(c, row, x, w, 1, STYLE_NORMAL, mods);
			put_mark(c, row, x, worst, mods);
			canvas_put_fit(c, row, x + 2, w - 2, line,
			               s->status == SESSION_CANCELLED
			                   ? STYLE_CANCELLED
			                   : STYLE_NORMAL,
			               mods);
			free(line);
			row++;
		}
	}
	if (n == 0 && row + 1 < y + h)
		canvas_put_fit(c, row + 1, x, w, "In no session yet.",
		               STYLE_DIM, 0);
	free(v);
}

static void
people_draw(struct planner *pl, struct canvas *c, int x, int y, int w, int h)
{
	struct people_view *pv = people_of(pl);
	int lw = w * 3 / 5, r;

	if (pv->nshown == 0 && pl->p->npeople > 0 && pv->kind < 0 &&
	    pv->delegation == NULL)
		people_refilter(pl);
	draw_list(pl, c, x, y, lw, h);
	for (r = 0; r < h; r++)
		canvas_put(c, y + r, x + lw, 1, "|", STYLE_RULE, 0);
	draw_timeline(pl, c, x + lw + 2, y, w - lw - 2, h);
}

/* Next delegation id after the current filter, in file order; NULL ends. */
static const char *
next_delegation(const struct planner *pl)
{
	struct people_view *pv = people_of(pl);
	size_t i;
	bool past = pv->delegation == NULL;

	for (i = 0; i < pl->p->npeople; i++) {
		const struct participant *who = &pl->p->people[i];

		if (who->kind != PARTICIPANT_DELEGATION)
			continue;
		if (past)
			return who->id;
		past = strcmp(who->id, pv->delegation) == 0;
	}
	return NULL;
}

static bool
people_action(struct planner *pl, enum action a)
{
	struct people_view *pv = people_of(pl);
	const struct participant *who = people_current(pl);
	int page = pl->h > 8 ? pl->h - 5 : 1;

	if (pv->focus_timeline) {
		if (listnav_action(&pv->timeline, a, page))
			return true;
		if (a == ACT_LEFT || a == ACT_BACK) {
			pv->focus_timeline = false;
			return true;
		}
		if (a == ACT_SELECT && who != NULL) {
			size_t n, *v = people_sessions(pl, who->id, &n);

			if (pv->timeline.cur >= 0 &&
			    (size_t)pv->timeline.cur < n)
				planner_jump(
				    pl, &pl->p->sessions[v[pv->timeline.cur]]);
			free(v);
			return true;
		}
	} else {
		if (listnav_action(&pv->list, a, page)) {
			pv->timeline.cur = pv->timeline.top = 0;
			return true;
		}
		if (a == ACT_RIGHT || a == ACT_SELECT) {
			size_t n, *v;

			if (who == NULL)
				return true;
			v = people_sessions(pl, who->id, &n);
			free(v);
			if (n == 0)
				planner_message(pl, false,
				                "%s is in no session yet.",
				                who->name);
			else
				pv->focus_timeline = true;
			return true;
		}
	}
	/* requests.ini is the protocol office's own file: a party of a
	 * request is not removed behind its back (dais(1)). */
	if (a == ACT_PERSON_REMOVE && who != NULL) {
		char *naming = requests_naming(pl, who->id, who->name);

		if (naming != NULL) {
			planner_message(pl, true, "%s", naming);
			free(naming);
			return true;
		}
	}
	if (registry_form_action(pl, a))
		return true;
	switch (a) {
	case ACT_FILTER_KIND:
		pv->kind++;
		if (pv->kind >= PARTICIPANT_KIND_COUNT)
			pv->kind = -1;
		pv->list.cur = pv->list.top = 0;
		pv->focus_timeline = false;
		people_refilter(pl);
		return true;
	case ACT_FILTER_DELEGATION: {
		const char *next = next_delegation(pl);

		free(pv->delegation);
		pv->delegation = xstrdup(next);
		pv->list.cur = pv->list.top = 0;
		pv->focus_timeline = false;
		people_refilter(pl);
		return true;
	}
	case ACT_ASSIGN_TO_SESSION:
		if (who != NULL)
			picker_open_sessions(pl, who);
		return true;
	case ACT_PRINT: {
		char *label;

		/* Nobody shown: the day's run-sheet, as elsewhere. */
		if (who == NULL)
			return false;
		label = xasprintf("Print programme of %s (command, or "
		                  "file.txt/.pdf): ",
		                  who->name);
		prompt_open(pl, label, pl->cfg->print_command,
		            planner_print_programme);
		free(label);
		return true;
	}
	default:
		return false;
	}
}

static bool
person_matches(const struct participant *who, const char *q)
{
	return text_contains_folded(who->name, q) ||
	       text_contains_folded(who->id, q) ||
	       (who->name_local != NULL &&
	        text_contains_folded(who->name_local, q)) ||
	       (who->title != NULL && text_contains_folded(who->title, q)) ||
	       (who->delegation != NULL &&
	        text_contains_folded(who->delegation, q));
}

/* /: the next participant shown whose names, id, title or delegation
 * hold the query. */
static void
people_search(struct planner *pl, const char *query, int dir)
{
	struct people_view *pv = people_of(pl);
	long n = (long)pv->nshown, start = pv->list.cur, found = -1, i;

	for (i = 1; i <= n && found < 0; i++) {
		long k = ((start + dir * i) % n + n) % n;

		if (person_matches(&pl->p->people[pv->shown[k]], query))
			found = k;
	}
	if (found < 0) {
		planner_message(pl, true, "No participant shown matches '%s'.",
		                query);
		return;
	}
	pv->list.cur = (int)found;
	pv->focus_timeline = false;
	planner_message(pl, false, "'%s': %s", query,
	                pl->p->people[pv->shown[found]].name);
}

/* The programme was replaced: a delegation filter it no longer has goes,
 * and the rows are those of the new registry. */
static void
people_reload(struct planner *pl)
{
	struct people_view *pv = people_of(pl);

	if (pv->delegation != NULL &&
	    programme_find_participant(pl->p, pv->delegation) == NULL) {
		free(pv->delegation);
		pv->delegation = NULL;
	}
	people_refilter(pl);
}

int
people_cursor(const struct planner *pl)
{
	return people_of(pl)->list.cur;
}

static void *
people_new(struct planner *pl)
{
	struct people_view *pv = xcalloc(1, sizeof *pv);

	pv->kind = -1;
	/* people_refilter reads it */
	*planner_view_slot(pl, &people_view) = pv;
	people_refilter(pl);
	return pv;
}

static void
people_free(void *state)
{
	struct people_view *pv = state;

	free(pv->delegation);
	free(pv->shown);
	free(pv);
}

const struct view_ops people_view = {
    .name = "People",
    .context = CTX_PEOPLE,
    .show_action = ACT_VIEW_PEOPLE,
    .new = people_new,
    .free = people_free,
    .draw = people_draw,
    .action = people_action,
    .day_changed = grid_sync_selection,
    .reload = people_reload,
    .search_label = "Find participant: ",
    .search = people_search,
};
