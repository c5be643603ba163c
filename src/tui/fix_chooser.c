/*
 * fix_chooser.c: f in the Conflicts view offers what clears the selected
 * conflict without a new error (slots_fixes: a move of one of its sessions
 * in time or room, or another member of the same delegation in place of a
 * double-booked person, or that person taken out of one of the sessions):
 * those that leave no conflict first, then those that leave a warning,
 * each smallest change first. Each is previewed (what changes, the
 * warnings left where it goes) and applied as one undoable edit; the
 * view's list follows at once through the re-check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chooser.h"
#include "dais/xalloc.h"

/* A fix and the session as it is now, for the preview. */
struct fix_choice {
	struct slot_fixes fixes;
};

static void
fix_choice_free(void *arg)
{
	struct fix_choice *fc = arg;

	slot_fixes_clear(&fc->fixes);
	free(fc);
}

static const char *
room_name(const struct programme *p, const char *id)
{
	const struct room *r = programme_find_room(p, id);

	return r != NULL && r->name != NULL ? r->name : id;
}

static bool
same_text(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	       (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static const char *
name_of(const struct programme *p, const char *id)
{
	const struct participant *who = programme_find_participant(p, id);

	return who != NULL && who->name != NULL ? who->name : id;
}

/*
 * What the fixed session is in afterwards, as slots_fixes found it (so
 * that the preview, the '*' mark and the order of the list agree): a
 * "* Would warn: ..." line for each warning, the errors it stays in, or
 * a line saying there are none.
 */
static void
preview_after(const struct slot_fix *f, struct strlist *out)
{
	char *line;
	size_t i;

	for (i = 0; i < f->warnings.n; i++) {
		line = xasprintf("* Would warn: %s", f->warnings.v[i]);
		strlist_add(out, line);
		free(line);
	}
	for (i = 0; i < f->errors_kept.n; i++) {
		line =
		    xasprintf("Stays in, as before: %s", f->errors_kept.v[i]);
		strlist_add(out, line);
		free(line);
	}
	if (f->warnings.n == 0 && f->errors_kept.n == 0)
		strlist_add(out, "In no conflict afterwards.");
}

static void
fix_preview(struct planner *pl, struct chooser *ch, struct chooser_item *it)
{
	struct fix_choice *fc = ch->arg;
	const struct slot_fix *f = &fc->fixes.v[it->index];
	const struct session *s = editor_session(pl->ed, f->uid, f->rid);
	char a[DAIS_TIMEBUF], b[DAIS_TIMEBUF], c[DAIS_TIMEBUF], d[DAIS_TIMEBUF],
	    *line;

	if (s == NULL)
		return;
	line = xasprintf("Session: '%s'", s->title);
	strlist_add(&it->preview, line);
	free(line);
	if (f->kind == FIX_MOVE) {
		dais_time end = f->start + (s->end - s->start);

		time_fmt_hm(a, &pl->p->conf.zone, s->start);
		time_fmt_hm(b, &pl->p->conf.zone, s->end);
		time_fmt_hm(c, &pl->p->conf.zone, f->start);
		time_fmt_hm(d, &pl->p->conf.zone, end);
		line = f->start == s->start
		           ? xasprintf("Time: %s-%s (unchanged)", a, b)
		           : xasprintf("Time: %s-%s -> %s-%s", a, b, c, d);
		strlist_add(&it->preview, line);
		free(line);
		line =
		    same_text(s->room_id, f->room_id)
		        ? xasprintf("Room: %s (unchanged)",
		                    planner_room_name(pl, s))
		        : xasprintf("Room: %s -> %s", planner_room_name(pl, s),
		                    room_name(pl->p, f->room_id));
		strlist_add(&it->preview, line);
		free(line);
	} else if (f->kind == FIX_REMOVE) {
		long at = session_find_assignment(s, f->out_id);

		line = xasprintf(
		    "%s is taken out of this session (was %s); the rest "
		    "of it is unchanged.",
		    name_of(pl->p, f->out_id),
		    at >= 0 ? role_name(s->assign[at].role) : "participant");
		strlist_add(&it->preview, line);
		free(line);
	} else {
		long at = session_find_assignment(s, f->out_id);

		line = xasprintf(
		    "%s leaves; %s, of the same delegation, "
		    "takes their place as %s.",
		    name_of(pl->p, f->out_id), name_of(pl->p, f->in_id),
		    at >= 0 ? role_name(s->assign[at].role) : "participant");
		strlist_add(&it->preview, line);
		free(line);
		if (f->lower_rank_in_chair) {
			line = xasprintf("! %s ranks below %s: check with "
			                 "protocol before they chair.",
			                 name_of(pl->p, f->in_id),
			                 name_of(pl->p, f->out_id));
			strlist_add(&it->preview, line);
			free(line);
		}
	}
	preview_after(f, &it->preview);
}

/* What the status line and undo call the fix once made. */
static char *
done_text(const struct planner *pl, const struct session *s,
          const struct slot_fix *f)
{
	char hm[DAIS_TIMEBUF];

	if (f->kind == FIX_SUBSTITUTE)
		return xasprintf("Put %s in place of %s in '%s'",
		                 name_of(pl->p, f->in_id),
		                 name_of(pl->p, f->out_id), s->title);
	if (f->kind == FIX_REMOVE)
		return xasprintf("Took %s out of '%s'",
		                 name_of(pl->p, f->out_id), s->title);
	time_fmt_hm(hm, &pl->p->conf.zone, f->start);
	if (f->start == s->start)
		return xasprintf("Moved '%s' to %s", s->title,
		                 room_name(pl->p, f->room_id));
	if (same_text(s->room_id, f->room_id))
		return xasprintf("Moved '%s' to %s", s->title, hm);
	return xasprintf("Moved '%s' to %s in %s", s->title, hm,
	                 room_name(pl->p, f->room_id));
}

/* Applies fix f as one undoable edit: NULL when done, else why not (owned
 * by the caller). */
static char *
fix_apply(struct planner *pl, const struct slot_fix *f)
{
	const struct session *s = editor_session(pl->ed, f->uid, f->rid);
	const char *why = NULL;
	char *what;
	bool ok = true;

	if (s == NULL)
		return xstrdup("That session is gone: Esc closes.");
	what = done_text(pl, s, f);
	/* A move in time and room is one edit: one undo puts both back. */
	editor_begin_group(pl->ed, what);
	free(what);
	if (f->kind == FIX_MOVE) {
		/* Asked before the first edit, which moves s in memory. */
		bool move = f->start != s->start;
		bool room = !same_text(s->room_id, f->room_id);

		if (move)
			ok = edit_move(pl->ed, f->uid, f->rid, f->start, &why);
		if (ok && room)
			ok = edit_set_room(pl->ed, f->uid, f->rid, f->room_id,
			                   NULL, &why);
	} else if (f->kind == FIX_REMOVE) {
		ok = edit_unassign(pl->ed, f->uid, f->rid, f->out_id, &why);
	} else {
		/* In place, so the role and the speaking order are kept. */
		struct session t;
		long at = session_find_assignment(s, f->out_id);

		if (at < 0) {
			ok = false;
			why = "That person is no longer in the session.";
		} else {
			session_copy(&t, s);
			free(t.assign[at].participant_id);
			free(t.assign[at].cn);
			t.assign[at].participant_id = xstrdup(f->in_id);
			t.assign[at].cn = xstrdup(name_of(pl->p, f->in_id));
			ok = edit_replace(pl->ed, f->uid, f->rid, &t, &why);
			session_free(&t);
		}
	}
	if (!ok) {
		char *refused = xstrdup(why != NULL ? why : "Refused.");

		editor_cancel_group(pl->ed);
		return refused;
	}
	editor_end_group(pl->ed);
	return NULL;
}

static char *
fix_done(struct planner *pl, struct chooser *ch, const struct chooser_item *it)
{
	struct fix_choice *fc = ch->arg;

	return fix_apply(pl, &fc->fixes.v[it->index]);
}

void
fix_chooser_open(struct planner *pl, const struct conflict *c,
                 const struct slot_fixes *fixes)
{
	struct fix_choice *fc = xcalloc(1, sizeof *fc);
	struct chooser *ch;
	char *note;
	size_t i;

	fc->fixes.v = xcalloc(fixes->n + 1, sizeof *fc->fixes.v);
	for (i = 0; i < fixes->n; i++) {
		fc->fixes.v[i] = fixes->v[i];
		fc->fixes.v[i].uid = xstrdup(fixes->v[i].uid);
		fc->fixes.v[i].description = xstrdup(fixes->v[i].description);
		strlist_copy(&fc->fixes.v[i].warnings, &fixes->v[i].warnings);
		strlist_copy(&fc->fixes.v[i].errors_kept,
		             &fixes->v[i].errors_kept);
	}
	fc->fixes.n = fc->fixes.cap = fixes->n;
	ch = chooser_new(fix_preview, fix_done, fc, fix_choice_free);
	ch->title = xasprintf("Fixes of the %s %s", severity_name(c->severity),
	                      conflict_kind_label(c->kind));
	ch->head = xasprintf("%zu fix%s: those leaving no conflict first, "
	                     "then * those leaving a warning; each smallest "
	                     "change first (minutes moved, +15 for another "
	                     "room; a person replaced or taken out where "
	                     "their role and the session weigh least)",
	                     fc->fixes.n, fc->fixes.n == 1 ? "" : "es");
	/* Under each preview: labelled, it read as a conflict that stays,
	 * right after "In no conflict afterwards." (trial M5). */
	note = xasprintf("Clears: %s", c->message);
	strlist_add(&ch->notes, note);
	free(note);
	ch->cancelled = "Nothing changed.";
	ch->wide_text = true;
	for (i = 0; i < fc->fixes.n; i++) {
		const struct slot_fix *f = &fc->fixes.v[i];
		const struct session *s =
		    editor_session(pl->ed, f->uid, f->rid);
		struct chooser_item *it;
		char hm[DAIS_TIMEBUF];

		if (s == NULL)
			continue;
		it = chooser_add(ch);
		it->index = i;
		time_fmt_hm(hm, &pl->p->conf.zone, f->start);
		if (f->kind == FIX_SUBSTITUTE)
			it->text = xasprintf(
			    "%s%s instead of %s",
			    f->lower_rank_in_chair ? "(lower rank) " : "",
			    name_of(pl->p, f->in_id),
			    name_of(pl->p, f->out_id));
		else if (f->kind == FIX_REMOVE)
			it->text =
			    xasprintf("Take out %s", name_of(pl->p, f->out_id));
		else if (f->start == s->start)
			it->text = xasprintf("Move to %s",
			                     room_name(pl->p, f->room_id));
		else if (same_text(s->room_id, f->room_id))
			it->text = xasprintf("Move to %s", hm);
		else
			it->text = xasprintf("Move to %s in %s", hm,
			                     room_name(pl->p, f->room_id));
		it->detail = xasprintf("'%s'", s->title);
		it->match = xasprintf("%s\n%s", it->text, f->description);
	}
	chooser_open(pl, ch);
}
