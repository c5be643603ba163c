/*
 * form.c: the session form, for a new session and for editing one: title,
 * kind, day, start, end or duration, room, status, public or closed,
 * expected attendance, interpretation, description and notes. Times are typed
 * as people type them; a wrong field is refused where it is, with the reason,
 * and the whole form is applied as one edit (edit_create or edit_replace).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/strbuf.h"
#include "dais/textwidth.h"
#include "dais/trim.h"
#include "dais/xalloc.h"
#include "planner.h"

static const char *const field_labels[FF_COUNT] = {
    [FF_TITLE] = "Title",
    [FF_KIND] = "Kind",
    [FF_DAY] = "Day",
    [FF_START] = "Start",
    [FF_END] = "End or +length",
    [FF_ROOM] = "Room",
    [FF_STATUS] = "Status",
    [FF_CLASS] = "Meeting",
    [FF_EXPECTED] = "Expected",
    [FF_LANGUAGES] = "Interpretation",
    [FF_DESCRIPTION] = "Description",
    [FF_NOTES] = "Notes (internal)",
};

static const char *const status_names[3] = {"CONFIRMED", "TENTATIVE",
                                            "CANCELLED"};

/* Choice 1 is a closed meeting: saved as CLASS:CONFIDENTIAL, left out of
 * public exports (dais-programme(5)). */
static const char *const class_names[2] = {"Public",
                                           "Closed: not in public exports"};

/* Who meets whom is not announced unless the parties agree
 * (dais-programme(5), requests.ini's public = no): a bilateral made here
 * is closed until the organiser opens it. */
static bool
kind_is_bilateral(const struct form *f)
{
	size_t k = f->f[FF_KIND].choice;

	return k + 1 < f->nkinds &&
	       text_compare_folded(f->kind_names[k], "BILATERAL") == 0;
}

/* What the start and end of an all-day item read: it keeps its days
 * while they do; a clock time in both makes it a timed session. */
#define FORM_ALL_DAY "all day"

static bool
reads_all_day(const struct form *f, int field)
{
	char *t;
	bool yes;

	if (!f->all_day)
		return false;
	t = trim_spaces_dup(f->f[field].edit.text);
	yes = strcmp(t, FORM_ALL_DAY) == 0;
	free(t);
	return yes;
}

bool
form_parse_clock(const char *text, int *minutes, const char **why)
{
	char *t = trim_spaces_dup(text);
	bool ok;

	if (t[0] == '\0') {
		*why = "Type a time, such as 9:30 or 0930.";
		free(t);
		return false;
	}
	ok = clock_parse(t, minutes, why);
	free(t);
	return ok;
}

bool
form_parse_end(const char *text, int start, int *end, const char **why)
{
	char *t = trim_spaces_dup(text);
	bool duration = t[0] == '+' || strpbrk(t, "hHmM") != NULL;
	int v;
	bool ok;

	if (t[0] == '\0') {
		*why = "Type an end time (10:30) or a length (+45m, 1h30).";
		free(t);
		return false;
	}
	if (duration) {
		ok = duration_parse(t, &v, why);
		if (ok && v <= 0) {
			*why = "The length must be more than zero.";
			ok = false;
		}
		if (ok)
			*end = start + v;
	} else {
		ok = clock_parse(t, &v, why);
		if (ok && v <= start) {
			*why = "The end must be after the start; for a session "
			       "past midnight type its length, e.g. +2h.";
			ok = false;
		}
		if (ok)
			*end = v;
	}
	free(t);
	return ok;
}

static void
free_names(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
form_free(void *state)
{
	struct form *f = state;
	int i;

	for (i = 0; i < FF_COUNT; i++) {
		lineedit_free(&f->f[i].edit);
		free(f->f[i].error);
	}
	free(f->error);
	session_key_clear(&f->key);
	free_names(f->kind_names, f->nkinds);
	free_names(f->day_names, f->ndays);
	free_names(f->room_names, f->nrooms);
	free_names(f->room_ids, f->nrooms);
	free(f);
}

static void form_key(struct planner *pl, void *state, int key);
static void form_draw(struct planner *pl, void *state, struct canvas *c,
                      int *cy, int *cx);

static const struct layer_ops form_layer = {
    .name = "form",
    .mode = MODE_FORM,
    .key = form_key,
    .draw = form_draw,
    .free = form_free,
};

struct form *
form_of(const struct planner *pl)
{
	return layer_state(pl, &form_layer);
}

static void
choice_field(struct form_field *fld, char **names, size_t n, size_t choice)
{
	fld->type = FIELD_CHOICE;
	fld->names = (const char *const *)names;
	fld->nchoices = n;
	fld->choice = choice < n ? choice : 0;
}

/* Sets up every field from s (a session being edited, or a template). */
static void
fill(struct planner *pl, struct form *f, const struct session *s, int day)
{
	const struct programme *p = pl->p;
	size_t i, kind = 0, room = p->nrooms, status = 0;
	char buf[DAIS_TIMEBUF], num[32];
	char *text;
	int m;

	for (i = 0; i < FF_COUNT; i++) {
		f->f[i].label = field_labels[i];
		f->f[i].type = FIELD_TEXT;
	}
	/* Kinds: the conference's, the session's own if it is another,
	 * and none. */
	f->kind_names = xcalloc(p->conf.kinds.n + 2, sizeof(char *));
	kind = SIZE_MAX;
	for (i = 0; i < p->conf.kinds.n; i++) {
		if (s->kind != NULL &&
		    text_compare_folded(s->kind, p->conf.kinds.v[i]) == 0)
			kind = i;
		f->kind_names[f->nkinds++] = xstrdup(p->conf.kinds.v[i]);
	}
	if (s->kind != NULL && kind == SIZE_MAX) {
		kind = f->nkinds;
		f->kind_names[f->nkinds++] = xstrdup(s->kind);
	}
	if (s->kind == NULL)
		kind = f->nkinds;
	f->kind_names[f->nkinds++] = xstrdup("(none)");
	choice_field(&f->f[FF_KIND], f->kind_names, f->nkinds, kind);

	f->day_names = xcalloc(p->conf.ndays + 1, sizeof(char *));
	for (i = 0; i < p->conf.ndays; i++)
		f->day_names[f->ndays++] =
		    xstrdup(planner_day_label(pl, (int)i, buf));
	choice_field(&f->f[FF_DAY], f->day_names, f->ndays, (size_t)day);

	f->room_names = xcalloc(p->nrooms + 2, sizeof(char *));
	f->room_ids = xcalloc(p->nrooms + 2, sizeof(char *));
	for (i = 0; i < p->nrooms; i++) {
		f->room_names[f->nrooms] = xstrdup(p->rooms[i].name);
		f->room_ids[f->nrooms++] = xstrdup(p->rooms[i].id);
		if (s->room_id != NULL &&
		    strcmp(s->room_id, p->rooms[i].id) == 0)
			room = i;
	}
	if (s->room_id != NULL && room == p->nrooms) {
		/* A room no venues.ini defines: keep it choosable. */
		f->room_names[f->nrooms] =
		    xasprintf("%s (not in venues.ini)", s->room_id);
		f->room_ids[f->nrooms++] = xstrdup(s->room_id);
	}
	room = s->room_id == NULL ? f->nrooms : room;
	f->room_names[f->nrooms] = xstrdup("(no room)");
	f->room_ids[f->nrooms++] = NULL;
	choice_field(&f->f[FF_ROOM], f->room_names, f->nrooms, room);

	if (s->status == SESSION_TENTATIVE)
		status = 1;
	else if (s->status == SESSION_CANCELLED)
		status = 2;
	choice_field(&f->f[FF_STATUS], (char **)status_names, 3, status);
	choice_field(&f->f[FF_CLASS], (char **)class_names, 2,
	             s->confidential ? 1 : 0);

	lineedit_init_field(&f->f[FF_TITLE].edit,
	                    s->title != NULL ? s->title : "");
	f->f[FF_START].type = FIELD_CLOCK;
	m = planner_minutes(pl, day, s->start);
	snprintf(buf, sizeof buf, "%02d:%02d", m / 60, m % 60);
	f->all_day = s->all_day;
	lineedit_init_field(&f->f[FF_START].edit,
	                    s->all_day ? FORM_ALL_DAY : buf);
	f->start_shown = m;
	f->f[FF_END].type = FIELD_END;
	m = planner_minutes(pl, day, s->end);
	if (m > 24 * 60)
		snprintf(buf, sizeof buf, "+%s",
		         duration_fmt(num, s->end - s->start));
	else
		snprintf(buf, sizeof buf, "%02d:%02d", m / 60, m % 60);
	lineedit_init_field(&f->f[FF_END].edit,
	                    s->all_day ? FORM_ALL_DAY : buf);
	f->f[FF_EXPECTED].type = FIELD_NUMBER;
	snprintf(num, sizeof num, "%d", s->expected);
	lineedit_init_field(&f->f[FF_EXPECTED].edit,
	                    s->expected > 0 ? num : "");
	text = strlist_join(&s->languages, ", ");
	lineedit_init_field(&f->f[FF_LANGUAGES].edit, text);
	free(text);
	lineedit_init_field(&f->f[FF_DESCRIPTION].edit,
	                    s->description != NULL ? s->description : "");
	lineedit_init_field(&f->f[FF_NOTES].edit,
	                    s->notes != NULL ? s->notes : "");
	f->cur = FF_TITLE;
	layer_open(pl, &form_layer, f);
}

void
form_open_edit(struct planner *pl, const struct session *s)
{
	struct form *f = xcalloc(1, sizeof *f);
	int day = programme_day_of(pl->p, s->start);

	if (day < 0)
		day = pl->day;
	f->create = false;
	session_key_set(&f->key, s->uid, s->recurrence_id);
	fill(pl, f, s, day);
}

void
form_open_create(struct planner *pl, int day, int minute, const char *room_id)
{
	struct form *f;
	struct session s;

	if (pl->p->conf.ndays == 0) {
		planner_message(pl, true,
		                "conference.ini names no days to put a "
		                "session on.");
		return;
	}
	session_init(&s);
	s.start = planner_instant(pl, day, minute);
	s.end = s.start + 60 * 60;
	s.room_id = (char *)room_id;
	/* Most sessions made while planning are side sessions. */
	if (strlist_has(&pl->p->conf.kinds, "SIDE-SESSION"))
		s.kind = "SIDE-SESSION";
	else if (pl->p->conf.kinds.n > 0)
		s.kind = pl->p->conf.kinds.v[0];
	s.confidential =
	    s.kind != NULL && text_compare_folded(s.kind, "BILATERAL") == 0;
	f = xcalloc(1, sizeof *f);
	f->create = true;
	f->key.rid = DAIS_TIME_NONE;
	fill(pl, f, &s, day);
}

/* Checks the field being left; false (with its error set) if wrong. */
static bool
check_field(struct form *f, int i)
{
	struct form_field *fld = &f->f[i];
	const char *why = NULL;
	int start = 0, v;
	bool ok = true;

	free(fld->error);
	fld->error = NULL;
	if (i == FF_END &&
	    reads_all_day(f, FF_START) != reads_all_day(f, FF_END)) {
		fld->error = xstrdup(
		    reads_all_day(f, FF_END)
		        ? "An all-day item: type its end time too to give it "
		          "hours, or leave both \"" FORM_ALL_DAY "\"."
		        : "An all-day item: type its start time too to give "
		          "it hours, or leave both \"" FORM_ALL_DAY "\".");
		return false;
	}
	if ((i == FF_START || i == FF_END) && reads_all_day(f, FF_START))
		return true;
	switch (fld->type) {
	case FIELD_CLOCK:
		ok = form_parse_clock(fld->edit.text, &v, &why);
		break;
	case FIELD_END:
		if (!form_parse_clock(f->f[FF_START].edit.text, &start, &why))
			return true; /* the start's own error comes first */
		ok = form_parse_end(fld->edit.text, start, &v, &why);
		break;
	case FIELD_NUMBER:
		if (strspn(fld->edit.text, "0123456789 ") !=
		    strlen(fld->edit.text)) {
			why = "Type a whole number of people, or leave it "
			      "empty.";
			ok = false;
		}
		break;
	case FIELD_TEXT:
		if (i == FF_TITLE) {
			char *t = trim_spaces_dup(fld->edit.text);

			if (t[0] == '\0') {
				why = "A session needs a title.";
				ok = false;
			}
			free(t);
		}
		break;
	case FIELD_CHOICE:
		break;
	}
	if (!ok)
		fld->error = xstrdup(why);
	return ok;
}

static void
parse_languages(const char *text, struct strlist *out)
{
	char *copy = xstrdup(text), *save = NULL, *w;

	for (w = strtok_r(copy, ", ", &save); w != NULL;
	     w = strtok_r(NULL, ", ", &save))
		strlist_add(out, w);
	free(copy);
}

static char *
nonempty(const char *text)
{
	char *t = trim_spaces_dup(text);

	if (t[0] == '\0') {
		free(t);
		return NULL;
	}
	return t;
}

/*
 * A new start moves a clock-time end with it, keeping the duration, as a
 * calendar does: otherwise moving a session later in the form would refuse
 * the old end as "before the start". An end typed as "+1h" moves anyway.
 */
static void
start_moved(struct form *f)
{
	const char *why, *end_text = f->f[FF_END].edit.text;
	int start, end;
	char buf[16];

	if (!form_parse_clock(f->f[FF_START].edit.text, &start, &why) ||
	    start == f->start_shown)
		return;
	if (end_text[0] != '+' && strpbrk(end_text, "hHmM") == NULL &&
	    form_parse_end(end_text, f->start_shown, &end, &why)) {
		end += start - f->start_shown;
		if (end <= 24 * 60) {
			snprintf(buf, sizeof buf, "%02d:%02d", end / 60,
			         end % 60);
			lineedit_set(&f->f[FF_END].edit, buf);
			f->f[FF_END].edit.fresh = false;
		}
	}
	f->start_shown = start;
}

/* Builds the session the form describes into s (from base when editing). */
static void
build(struct planner *pl, const struct form *f, struct session *s)
{
	int day = (int)f->f[FF_DAY].choice, start = 0, end = 0;
	const char *why;
	size_t k = f->f[FF_KIND].choice, r = f->f[FF_ROOM].choice;
	const char *room = f->room_ids[r];

	if (reads_all_day(f, FF_START)) {
		/* Its days kept, from the day chosen. */
		const struct dais_zone *zone = &pl->p->conf.zone;
		int64_t ndays = date_to_days(time_local_date(zone, s->end)) -
		                date_to_days(time_local_date(zone, s->start));
		struct dais_date d = pl->p->conf.days[day];

		s->start = time_at(zone, d, 0);
		s->end = time_at(
		    zone,
		    days_to_date(date_to_days(d) + (ndays > 0 ? ndays : 1)), 0);
	} else {
		form_parse_clock(f->f[FF_START].edit.text, &start, &why);
		form_parse_end(f->f[FF_END].edit.text, start, &end, &why);
		s->all_day = false;
		s->start = planner_instant(pl, day, start);
		s->end = planner_instant(pl, day, end);
	}
	free(s->title);
	s->title = trim_spaces_dup(f->f[FF_TITLE].edit.text);
	free(s->kind);
	s->kind = k + 1 < f->nkinds ? xstrdup(f->kind_names[k]) : NULL;
	if (room == NULL || s->room_id == NULL ||
	    strcmp(room, s->room_id) != 0) {
		const struct room *rm = programme_find_room(pl->p, room);

		free(s->room_id);
		free(s->location);
		s->room_id = xstrdup(room);
		s->location = rm != NULL ? xstrdup(rm->name) : NULL;
	}
	s->status = f->f[FF_STATUS].choice == 1   ? SESSION_TENTATIVE
	            : f->f[FF_STATUS].choice == 2 ? SESSION_CANCELLED
	                                          : SESSION_CONFIRMED;
	s->confidential = f->f[FF_CLASS].choice == 1;
	s->expected = atoi(f->f[FF_EXPECTED].edit.text);
	strlist_clear(&s->languages);
	parse_languages(f->f[FF_LANGUAGES].edit.text, &s->languages);
	free(s->description);
	s->description = nonempty(f->f[FF_DESCRIPTION].edit.text);
	free(s->notes);
	s->notes = nonempty(f->f[FF_NOTES].edit.text);
}

static void
apply(struct planner *pl, struct form *f)
{
	struct session s;
	const char *why = NULL;
	char *uid = NULL;
	int i;
	bool ok;

	if (f->cur == FF_START && check_field(f, FF_START))
		start_moved(f);
	for (i = 0; i < FF_COUNT; i++)
		if (!check_field(f, i)) {
			f->cur = i;
			return;
		}
	session_init(&s);
	if (!f->create) {
		const struct session *cur =
		    editor_session(pl->ed, f->key.uid, f->key.rid);

		if (cur == NULL) {
			free(f->error);
			f->error = xstrdup("This session no longer exists "
			                   "(undone?); Esc closes the form.");
			return;
		}
		session_free(&s);
		session_copy(&s, cur);
	}
	build(pl, f, &s);
	free(pl->message);
	pl->message = NULL;
	if (f->create) {
		ok = edit_create(pl->ed, &s, &uid, &why);
	} else {
		ok = edit_replace(pl->ed, f->key.uid, f->key.rid, &s, &why);
		if (ok)
			uid = xstrdup(f->key.uid);
	}
	session_free(&s);
	if (!ok) {
		free(f->error);
		f->error = xstrdup(why != NULL ? why : "Refused.");
		return;
	}
	{
		dais_time rid = f->create ? DAIS_TIME_NONE : f->key.rid;
		const struct session *now = editor_session(pl->ed, uid, rid);

		layer_close(pl); /* f is gone from here */
		if (now != NULL)
			planner_jump(pl, now);
		if (editor_session(pl->ed, uid, rid) != NULL &&
		    pl->message == NULL)
			planner_message(pl, false, "Nothing changed.");
	}
	free(uid);
}

static void
cycle(struct form_field *fld, int by)
{
	if (fld->nchoices == 0)
		return;
	if (by < 0)
		fld->choice = (fld->choice + fld->nchoices - 1) % fld->nchoices;
	else
		fld->choice = (fld->choice + 1) % fld->nchoices;
}

/* Left/Right/Space cycle a choice; a letter goes to the next choice
 * starting with it. */
static void
choose(struct form_field *fld, enum action a, int key)
{
	size_t i;

	if (a == ACT_EDIT_LEFT) {
		cycle(fld, -1);
		return;
	}
	if (a == ACT_EDIT_RIGHT || key == ' ') {
		cycle(fld, 1);
		return;
	}
	if (key <= ' ' || key >= 0x80)
		return;
	for (i = 1; i <= fld->nchoices; i++) {
		size_t k = (fld->choice + i) % fld->nchoices;
		const char *n = fld->names[k];

		if (n[0] == '(')
			n++;
		if (tolower((unsigned char)n[0]) == tolower(key)) {
			fld->choice = k;
			return;
		}
	}
}

static void
form_key(struct planner *pl, void *state, int key)
{
	struct form *f = state;
	struct form_field *fld = &f->f[f->cur];
	enum action a = keymap_lookup(&pl->cfg->keys, CTX_FORM, key);

	free(f->error);
	f->error = NULL;
	switch (a) {
	case ACT_FORM_CANCEL:
		layer_close(pl);
		planner_message(pl, false, "Cancelled; nothing changed.");
		return;
	case ACT_FORM_ACCEPT:
		apply(pl, f);
		return;
	case ACT_FORM_NEXT:
	case ACT_FORM_PREV:
		if (!check_field(f, f->cur))
			return;
		if (f->cur == FF_START)
			start_moved(f);
		f->cur = (f->cur + (a == ACT_FORM_NEXT ? 1 : FF_COUNT - 1)) %
		         FF_COUNT;
		return;
	default:
		break;
	}
	if (fld->type == FIELD_CHOICE) {
		size_t was = fld->choice;

		choose(fld, a, key);
		if (fld->choice == was)
			return;
		if (f->cur == FF_CLASS)
			f->class_chosen = true;
		else if (f->cur == FF_KIND && f->create && !f->class_chosen)
			f->f[FF_CLASS].choice = kind_is_bilateral(f) ? 1 : 0;
		return;
	}
	if (lineedit_key(&fld->edit, a, key)) {
		free(fld->error);
		fld->error = NULL;
	}
}

static void
form_draw(struct planner *pl, void *state, struct canvas *c, int *cy, int *cx)
{
	struct form *f = state;
	int bw = pl->w - 4 < 76 ? pl->w - 4 : 76, bh = FF_COUNT + 6;
	int bx = (pl->w - bw) / 2, by = (pl->h - bh) / 2, labw = 17, i;
	int fx, fw;
	char *line, keys[5][16];
	const char *err = f->error;

	if (by < 1)
		by = 1;
	fx = bx + 2 + labw + 1;
	fw = bw - (fx - bx) - 2;
	canvas_box(c, by, bx, bw, bh);
	canvas_put(c, by, bx + 2, bw - 4,
	           f->create ? " New session " : " Edit session ", STYLE_TITLE,
	           0);
	for (i = 0; i < FF_COUNT; i++) {
		struct form_field *fld = &f->f[i];
		int row = by + 1 + i;
		bool on = i == f->cur;

		line = xasprintf("%s%s", fld->error != NULL ? "!" : " ",
		                 fld->label);
		canvas_put_fit(c, row, bx + 1, labw + 1, line,
		               fld->error != NULL ? STYLE_ERROR
		               : on               ? STYLE_TITLE
		                                  : STYLE_NORMAL,
		               0);
		free(line);
		if (fld->type == FIELD_CHOICE) {
			line = xasprintf("< %s >", fld->names[fld->choice]);
			canvas_put_fit(c, row, fx, fw, line,
			               on ? STYLE_INPUT : STYLE_NORMAL,
			               on ? MOD_REVERSE : 0);
			free(line);
		} else {
			int col =
			    lineedit_draw(&fld->edit, c, row, fx, fw,
			                  on ? STYLE_INPUT : STYLE_NORMAL, on);

			if (on) {
				*cy = row;
				*cx = col;
			}
		}
		if (on && fld->error != NULL)
			err = fld->error;
	}
	line = xasprintf(
	    "%s apply  %s cancel  %s/%s field  %s clear  Left/Right choose",
	    keymap_first_key(&pl->cfg->keys, ACT_FORM_ACCEPT, keys[0]),
	    keymap_first_key(&pl->cfg->keys, ACT_FORM_CANCEL, keys[1]),
	    keymap_first_key(&pl->cfg->keys, ACT_FORM_NEXT, keys[2]),
	    keymap_first_key(&pl->cfg->keys, ACT_FORM_PREV, keys[3]),
	    keymap_first_key(&pl->cfg->keys, ACT_EDIT_KILL, keys[4]));
	canvas_put_fit(c, by + FF_COUNT + 2, bx + 2, bw - 4, line, STYLE_DIM,
	               0);
	free(line);
	if (err != NULL) {
		/* On the two lines under the keys: the end of a message is
		 * often the advice ("type its length, e.g. +2h"). */
		size_t n, k;
		char **w = text_wrap(err, bw - 4, &n);
		struct strbuf rest = {0};

		for (k = 1; k < n; k++)
			strbuf_addf(&rest, "%s%s", k > 1 ? " " : "", w[k]);
		canvas_put_fit(c, by + FF_COUNT + 3, bx + 2, bw - 4,
		               n > 0 ? w[0] : "", STYLE_STATUS_ERROR, 0);
		if (n > 1)
			canvas_put_fit(c, by + FF_COUNT + 4, bx + 2, bw - 4,
			               rest.v, STYLE_STATUS_ERROR, 0);
		strbuf_free(&rest);
		for (k = 0; k < n; k++)
			free(w[k]);
		free(w);
	}
	if (f->f[f->cur].type == FIELD_CHOICE)
		*cy = *cx = -1;
}
