/*
 * edit.c: the edit operations on a programme's sessions (edit.h): each
 * finds its session, builds the new state, has it checked (edit_check.c)
 * and commits it to the history (editor.c).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dais/xalloc.h"
#include "edit_internal.h"

/* ---- Operations: the common part ------------------------------------ */

/* The session an operation is about, or a refusal. */
static const struct session *
op_find(struct editor *ed, const char *uid, dais_time rid, const char **why)
{
	const struct session *s;
	char buf[DAIS_TIMEBUF];

	if (read_only_refusal(ed, why))
		return NULL;
	if (ed->in_callback) {
		refuse(ed, why, "An edit cannot be made during another edit.");
		return NULL;
	}
	if (uid == NULL || *uid == '\0') {
		refuse(ed, why, "Choose a session first.");
		return NULL;
	}
	s = editor_session(ed, uid, rid);
	if (s != NULL)
		return s;
	if (rid == DAIS_TIME_NONE)
		refuse(ed, why,
		       "No session %s in the programme: it may have been "
		       "deleted.",
		       uid);
	else
		refuse(ed, why,
		       "No occurrence of %s at %s in the programme: it may "
		       "have been deleted.",
		       uid, time_fmt_iso(buf, &ed->p->conf.zone, rid));
	return NULL;
}

/* The session a setter changes and a copy of it to change, or a refusal
 * (and next untouched). */
static const struct session *
op_begin(struct editor *ed, const char *uid, dais_time rid,
         struct session *next, const char **why)
{
	const struct session *cur = op_find(ed, uid, rid, why);

	if (cur != NULL)
		session_copy(next, cur);
	return cur;
}

/*
 * Applies `next` (NULL: delete) to session (uid, rid), recording it with
 * `description`. Takes both: frees next's contents and description.
 */
static bool
op_commit(struct editor *ed, const char *uid, dais_time rid,
          struct session *next, char *description)
{
	struct session *pre = NULL, *post = NULL;
	char *key;
	bool implicit = !ed->open;

	/* Operations test this first; here it also holds for any that
	 * forgets, since every change is committed here. */
	if (read_only_refusal(ed, NULL)) {
		free(description);
		if (next != NULL)
			session_free(next);
		return false;
	}
	key = xstrdup(uid);
	if (implicit)
		record_open(ed, false, NULL);
	if (apply_state(ed, key, rid, next, &pre, &post)) {
		ed->touched = true;
		record_add(&ed->cur, key, rid, pre, post);
		editor_sessions_changed(ed);
		strlist_add(&ed->op_descriptions, description);
	}
	if (implicit)
		record_close(ed);
	free(key);
	free(description);
	if (next != NULL)
		session_free(next);
	return true;
}

/* The sentence for undo that says what an operation did to cur. */
typedef char *(*describe_fn)(const struct editor *ed, const struct session *cur,
                             const struct session *s);

/* Checks next against cur and commits it, or refuses; frees next. */
static bool
op_finish(struct editor *ed, const struct session *cur, struct session *next,
          describe_fn describe, const char **why)
{
	char *d;

	if (!edit_check(ed, cur, next, why)) {
		session_free(next);
		return false;
	}
	/* cur is about to be replaced: describe it first. */
	d = describe(ed, cur, next);
	return op_commit(ed, next->uid, next->recurrence_id, next, d);
}

/* As op_finish, for descriptions that tidying cannot change. */
static bool
op_finish_as(struct editor *ed, const struct session *cur, struct session *next,
             char *description, const char **why)
{
	(void)cur;
	if (!edit_check(ed, cur, next, why)) {
		session_free(next);
		free(description);
		return false;
	}
	return op_commit(ed, next->uid, next->recurrence_id, next, description);
}

/* ---- Operations ----------------------------------------------------- */

/* A session made in dais: revision 0, from no file yet (model.h). */
static void
new_revision(struct session *s)
{
	size_t i;

	for (i = 0; i < SESSION_FIELD_COUNT; i++)
		if (session_field_table[i].flags & (SF_REVISION | SF_ORIGIN))
			session_field_reset(s, &session_field_table[i]);
}

static char *
describe_create(const struct editor *ed, const struct session *cur,
                const struct session *s)
{
	char *span = span_fmt(ed, s->start, s->end, true);
	char *d;

	(void)cur;
	d = xasprintf("Created '%s' on %s", session_label(s), span);
	free(span);
	return d;
}

bool
edit_create(struct editor *ed, const struct session *s, char **uid_out,
            const char **why)
{
	struct session next;

	if (uid_out != NULL)
		*uid_out = NULL;
	if (read_only_refusal(ed, why))
		return false;
	if (ed->in_callback)
		return refuse(ed, why,
		              "An edit cannot be made during another edit.");
	if (s->recurrence_id != DAIS_TIME_NONE)
		return refuse(ed, why,
		              "A new session cannot be one occurrence of a "
		              "series: give it no recurrence id.");
	if (s->uid != NULL && *s->uid != '\0') {
		if (has_control(s->uid) || strchr(s->uid, ' ') != NULL)
			return refuse(ed, why,
			              "A UID has no spaces or line breaks.");
		if (editor_uid_used(ed, s->uid))
			return refuse(ed, why,
			              "A session with UID %s already exists.",
			              s->uid);
	}
	session_copy(&next, s);
	if (next.uid == NULL || *next.uid == '\0') {
		free(next.uid);
		next.uid = uid_generate(ed);
	}
	new_revision(&next);
	if (!edit_check(ed, NULL, &next, why)) {
		session_free(&next);
		return false;
	}
	if (uid_out != NULL)
		*uid_out = xstrdup(next.uid);
	return op_commit(ed, next.uid, next.recurrence_id, &next,
	                 describe_create(ed, NULL, &next));
}

static char *
describe_duplicate(const struct editor *ed, const struct session *cur,
                   const struct session *s)
{
	(void)ed;
	return xasprintf("Duplicated '%s' as '%s'", session_label(cur),
	                 session_label(s));
}

bool
edit_duplicate(struct editor *ed, const char *uid, dais_time rid,
               char **uid_out, const char **why)
{
	const struct session *cur;
	struct session next;
	char *title;

	if (uid_out != NULL)
		*uid_out = NULL;
	if ((cur = op_begin(ed, uid, rid, &next, why)) == NULL)
		return false;
	free(next.uid);
	next.uid = uid_generate(ed);
	next.recurrence_id = DAIS_TIME_NONE;
	title = xasprintf("%s (copy)", cur->title != NULL ? cur->title : "");
	free(next.title);
	next.title = title;
	new_revision(&next);
	/* Checked against the original: only the title differs from it. */
	if (!edit_check(ed, cur, &next, why)) {
		session_free(&next);
		return false;
	}
	if (uid_out != NULL)
		*uid_out = xstrdup(next.uid);
	return op_commit(ed, next.uid, next.recurrence_id, &next,
	                 describe_duplicate(ed, cur, &next));
}

bool
edit_delete(struct editor *ed, const char *uid, dais_time rid, const char **why)
{
	const struct session *cur;

	if ((cur = op_find(ed, uid, rid, why)) == NULL)
		return false;
	return op_commit(ed, uid, rid, NULL,
	                 xasprintf("Deleted '%s'", session_label(cur)));
}

bool
edit_put(struct editor *ed, const char *uid, dais_time rid,
         const struct session *s, const char **why)
{
	const struct session *cur;
	struct session next;

	if (read_only_refusal(ed, why))
		return false;
	if (ed->in_callback)
		return refuse(ed, why,
		              "An edit cannot be made during another edit.");
	if (uid == NULL || *uid == '\0')
		return refuse(ed, why, "Choose a session first.");
	if (s != NULL && (s->uid == NULL || strcmp(s->uid, uid) != 0 ||
	                  s->recurrence_id != rid))
		return refuse(ed, why,
		              "The state given for %s is another session's.",
		              uid);
	cur = editor_session(ed, uid, rid);
	if (s == NULL) {
		if (cur == NULL)
			return true;
		return op_commit(ed, uid, rid, NULL,
		                 xasprintf("Deleted '%s'", session_label(cur)));
	}
	session_copy(&next, s);
	return op_commit(ed, uid, rid, &next,
	                 xasprintf("Restored '%s'", session_label(s)));
}

static char *
describe_replace(const struct editor *ed, const struct session *cur,
                 const struct session *s)
{
	(void)ed;
	(void)cur;
	return xasprintf("Edited '%s'", session_label(s));
}

bool
edit_replace(struct editor *ed, const char *uid, dais_time rid,
             const struct session *s, const char **why)
{
	const struct session *cur;
	struct session next;

	size_t i;

	if ((cur = op_begin(ed, uid, rid, &next, why)) == NULL)
		return false;
	/* The rest (key, revision, origin) stays. */
	for (i = 0; i < SESSION_FIELD_COUNT; i++)
		if (session_field_table[i].flags & SF_USER)
			session_field_copy(&next, s, &session_field_table[i]);
	return op_finish(ed, cur, &next, describe_replace, why);
}

static char *
describe_title(const struct editor *ed, const struct session *cur,
               const struct session *s)
{
	(void)ed;
	return xasprintf("Renamed '%s' to '%s'", session_label(cur), s->title);
}

static char *
describe_kind(const struct editor *ed, const struct session *cur,
              const struct session *s)
{
	(void)ed;
	if (s->kind == NULL)
		return xasprintf("Cleared the kind of '%s'",
		                 session_label(cur));
	return xasprintf("Made '%s' a %s", session_label(cur), s->kind);
}

/* Any text field without words of its own: by its label in the table. */
static char *
describe_text(const struct editor *ed, const struct session *cur,
              const struct session *s)
{
	size_t i;

	(void)ed;
	for (i = 0; i < SESSION_FIELD_COUNT; i++) {
		const struct session_field *f = &session_field_table[i];
		const char *const *text = session_field_get(s, f);

		if (f->type != SESSION_TYPE_TEXT ||
		    session_field_equal(cur, s, f, true))
			continue;
		return xasprintf(*text != NULL ? "Changed the %s of '%s'"
		                               : "Cleared the %s of '%s'",
		                 f->label, session_label(cur));
	}
	return xasprintf("Edited '%s'", session_label(cur));
}

bool
edit_set_text(struct editor *ed, const char *uid, dais_time rid,
              enum session_field_id field, const char *text, const char **why)
{
	const struct session_field *f = &session_field_table[field];
	const struct session *cur;
	struct session next;

	/* Room and location go together: edit_set_room. */
	if (f->type != SESSION_TYPE_TEXT || !(f->flags & SF_USER) ||
	    field == SESSION_FIELD_ROOM_ID || field == SESSION_FIELD_LOCATION)
		abort(); /* a caller's bug: not a text a user sets alone */
	if ((cur = op_begin(ed, uid, rid, &next, why)) == NULL)
		return false;
	session_field_set_text(&next, f, text);
	return op_finish(ed, cur, &next,
	                 field == SESSION_FIELD_TITLE  ? describe_title
	                 : field == SESSION_FIELD_KIND ? describe_kind
	                                               : describe_text,
	                 why);
}

bool
edit_set_title(struct editor *ed, const char *uid, dais_time rid,
               const char *title, const char **why)
{
	/* Refused even when the session has no title yet (from a file). */
	if (title == NULL || title[strspn(title, " \t")] == '\0') {
		if (op_find(ed, uid, rid, why) == NULL)
			return false;
		return refuse(ed, why, "A session needs a title.");
	}
	return edit_set_text(ed, uid, rid, SESSION_FIELD_TITLE, title, why);
}

bool
edit_set_description(struct editor *ed, const char *uid, dais_time rid,
                     const char *text, const char **why)
{
	return edit_set_text(ed, uid, rid, SESSION_FIELD_DESCRIPTION, text,
	                     why);
}

bool
edit_set_notes(struct editor *ed, const char *uid, dais_time rid,
               const char *text, const char **why)
{
	return edit_set_text(ed, uid, rid, SESSION_FIELD_NOTES, text, why);
}

bool
edit_set_kind(struct editor *ed, const char *uid, dais_time rid,
              const char *kind, const char **why)
{
	return edit_set_text(ed, uid, rid, SESSION_FIELD_KIND, kind, why);
}

static char *
describe_status(const struct editor *ed, const struct session *cur,
                const struct session *s)
{
	const char *t = session_label(cur);

	(void)ed;
	if (s->status == SESSION_CANCELLED)
		return xasprintf("Cancelled '%s'", t);
	if (cur->status == SESSION_CANCELLED)
		return xasprintf(s->status == SESSION_TENTATIVE
		                     ? "Restored '%s' as tentative"
		                     : "Restored '%s' as confirmed",
		                 t);
	return xasprintf(s->status == SESSION_TENTATIVE
	                     ? "Marked '%s' tentative"
	                     : "Confirmed '%s'",
	                 t);
}

bool
edit_set_status(struct editor *ed, const char *uid, dais_time rid,
                enum session_status status, const char **why)
{
	const struct session *cur;
	struct session next;

	if ((cur = op_begin(ed, uid, rid, &next, why)) == NULL)
		return false;
	next.status = status;
	return op_finish(ed, cur, &next, describe_status, why);
}

/*
 * The status session (uid, rid) had before its latest cancellation in the
 * undo history; CONFIRMED when the history does not say (it was loaded
 * cancelled, or cancelled before the programme was opened).
 */
static enum session_status
status_before_cancel(const struct editor *ed, const char *uid, dais_time rid)
{
	size_t r = ed->nundo, k;

	while (r-- > 0) {
		const struct edit_record *rec = &ed->undo[r];

		for (k = rec->nsteps; k-- > 0;) {
			const struct edit_step *st = &rec->steps[k];

			if (st->rid != rid || strcmp(st->uid, uid) != 0 ||
			    st->after == NULL ||
			    st->after->status != SESSION_CANCELLED)
				continue;
			if (st->before == NULL)
				return SESSION_CONFIRMED;
			if (st->before->status != SESSION_CANCELLED)
				return st->before->status;
		}
	}
	return SESSION_CONFIRMED;
}

bool
edit_restore(struct editor *ed, const char *uid, dais_time rid,
             const char **why)
{
	const struct session *cur = editor_session(ed, uid, rid);

	if (cur != NULL && cur->status != SESSION_CANCELLED)
		return refuse(ed, why, "'%s' is not cancelled.",
		              session_label(cur));
	return edit_set_status(ed, uid, rid,
	                       uid != NULL ? status_before_cancel(ed, uid, rid)
	                                   : SESSION_CONFIRMED,
	                       why);
}

static char *
describe_room(const struct editor *ed, const struct session *cur,
              const struct session *s)
{
	const char *t = session_label(cur);

	(void)ed;
	if (s->room_id != NULL)
		return xasprintf("Moved '%s' to %s", t,
		                 s->location != NULL ? s->location
		                                     : s->room_id);
	if (s->location != NULL)
		return xasprintf("Moved '%s' to %s (no room)", t, s->location);
	return xasprintf("Took '%s' out of its room", t);
}

bool
edit_set_room(struct editor *ed, const char *uid, dais_time rid,
              const char *room_id, const char *location, const char **why)
{
	const struct session *cur;
	const struct room *room;
	struct session next;

	if ((cur = op_begin(ed, uid, rid, &next, why)) == NULL)
		return false;
	free(next.room_id);
	free(next.location);
	next.room_id = xstrdup(room_id);
	next.location = xstrdup(location);
	/* The room's name even when the room stays: a chosen room is shown
	 * by its name unless the caller says otherwise. */
	room = room_id != NULL ? programme_find_room(ed->p, room_id) : NULL;
	if (next.location == NULL && room != NULL)
		next.location = xstrdup(room->name);
	return op_finish(ed, cur, &next, describe_room, why);
}

static char *
describe_times(const struct editor *ed, const struct session *cur,
               const struct session *s)
{
	char *span = span_fmt(ed, s->start, s->end,
	                      cur->start == DAIS_TIME_NONE ||
	                          !same_day(ed, cur->start, s->start));
	char *d = xasprintf("Moved '%s' to %s", session_label(cur), span);

	free(span);
	return d;
}

static char *
describe_end(const struct editor *ed, const struct session *cur,
             const struct session *s)
{
	char hm[DAIS_TIMEBUF], dur[DAIS_TIMEBUF];

	return xasprintf("Changed the end of '%s' to %s (%s)",
	                 session_label(cur),
	                 time_fmt_hm(hm, &ed->p->conf.zone, s->end),
	                 duration_fmt(dur, s->end - s->start));
}

/* Whether new times keep an all-day item whole days from midnight to
 * midnight (moved by days): it has no hours, and saving writes it as
 * DATEs, which would drop any other time. */
static bool
all_day_times(const struct editor *ed, const struct session *cur,
              dais_time start, dais_time end, bool keep_duration)
{
	const struct dais_zone *z = &ed->p->conf.zone;

	if (start == DAIS_TIME_NONE || time_local_minutes(z, start) != 0)
		return false;
	if (keep_duration)
		end = start + (cur->end - cur->start);
	return end != DAIS_TIME_NONE && end > start &&
	       time_local_minutes(z, end) == 0;
}

static bool
set_times(struct editor *ed, const char *uid, dais_time rid, dais_time start,
          dais_time end, bool keep_duration, bool is_end, const char **why)
{
	const struct session *cur;
	struct session next;

	if ((cur = op_find(ed, uid, rid, why)) == NULL)
		return false;
	if (cur->all_day && !all_day_times(ed, cur, start, end, keep_duration))
		return refuse(ed, why,
		              "'%s' is an all-day item: it has no hours to "
		              "move. Type a start and an end in its form (e) "
		              "to make it a timed session.",
		              session_label(cur));
	if (keep_duration) {
		if (start == DAIS_TIME_NONE)
			return refuse(ed, why, "Give the new start time.");
		if (start <= -EDIT_TIME_LIMIT || start >= EDIT_TIME_LIMIT ||
		    cur->start == DAIS_TIME_NONE || cur->end == DAIS_TIME_NONE)
			return refuse(ed, why, "That time is out of range.");
		end = start + (cur->end - cur->start);
	}
	session_copy(&next, cur);
	next.start = start;
	next.end = end;
	return op_finish(ed, cur, &next, is_end ? describe_end : describe_times,
	                 why);
}

bool
edit_move(struct editor *ed, const char *uid, dais_time rid, dais_time start,
          const char **why)
{
	return set_times(ed, uid, rid, start, 0, true, false, why);
}

bool
edit_set_end(struct editor *ed, const char *uid, dais_time rid, dais_time end,
             const char **why)
{
	const struct session *cur;

	if ((cur = op_find(ed, uid, rid, why)) == NULL)
		return false;
	return set_times(ed, uid, rid, cur->start, end, false, true, why);
}

bool
edit_set_duration(struct editor *ed, const char *uid, dais_time rid,
                  int minutes, const char **why)
{
	const struct session *cur;

	if ((cur = op_find(ed, uid, rid, why)) == NULL)
		return false;
	if (minutes <= 0)
		return refuse(ed, why,
		              "A session must last at least one minute.");
	if (cur->start == DAIS_TIME_NONE)
		return refuse(ed, why, "The session has no start time.");
	return set_times(ed, uid, rid, cur->start,
	                 cur->start + (dais_time)minutes * 60, false, true,
	                 why);
}

bool
edit_set_times(struct editor *ed, const char *uid, dais_time rid,
               dais_time start, dais_time end, const char **why)
{
	return set_times(ed, uid, rid, start, end, false, false, why);
}

static char *
describe_expected(const struct editor *ed, const struct session *cur,
                  const struct session *s)
{
	(void)ed;
	if (s->expected == 0)
		return xasprintf("Cleared the expected attendance of '%s'",
		                 session_label(cur));
	return xasprintf("Set the expected attendance of '%s' to %d",
	                 session_label(cur), s->expected);
}

bool
edit_set_expected(struct editor *ed, const char *uid, dais_time rid,
                  int expected, const char **why)
{
	const struct session *cur;
	struct session next;

	if ((cur = op_begin(ed, uid, rid, &next, why)) == NULL)
		return false;
	next.expected = expected;
	return op_finish(ed, cur, &next, describe_expected, why);
}

static char *
describe_languages(const struct editor *ed, const struct session *cur,
                   const struct session *s)
{
	char *list, *d;

	(void)ed;
	if (s->languages.n == 0)
		return xasprintf("Cleared the interpretation for '%s'",
		                 session_label(cur));
	list = strlist_join(&s->languages, ", ");
	d = xasprintf("Set the interpretation for '%s' to %s",
	              session_label(cur), list);
	free(list);
	return d;
}

bool
edit_set_languages(struct editor *ed, const char *uid, dais_time rid,
                   const struct strlist *languages, const char **why)
{
	const struct session *cur;
	struct session next;

	if ((cur = op_begin(ed, uid, rid, &next, why)) == NULL)
		return false;
	strlist_clear(&next.languages);
	if (languages != NULL)
		strlist_copy(&next.languages, languages);
	return op_finish(ed, cur, &next, describe_languages, why);
}

/* The assignment an operation names, or a refusal. */
static long
op_find_assignment(struct editor *ed, const struct session *cur,
                   const char *participant_id, const char **why)
{
	long a = -1;

	if (participant_id == NULL || *participant_id == '\0') {
		refuse(ed, why, "Choose a participant first.");
		return -1;
	}
	a = session_find_assignment(cur, participant_id);
	if (a < 0)
		refuse(ed, why, "%s is not assigned to '%s'.", participant_id,
		       session_label(cur));
	return a;
}

/* The name an assignment is shown by. */
static const char *
assignment_label(const struct assignment *a)
{
	return a->cn != NULL && *a->cn != '\0' ? a->cn : a->participant_id;
}

static char *
describe_assign(const struct editor *ed, const struct session *cur,
                const struct session *s)
{
	const struct assignment *a = &s->assign[s->nassign - 1];

	(void)ed;
	return xasprintf("Assigned %s to '%s' as %s", a->cn, session_label(cur),
	                 role_name(a->role));
}

bool
edit_assign(struct editor *ed, const char *uid, dais_time rid,
            const char *participant_id, enum role role, const char *cn,
            const char **why)
{
	const struct session *cur;
	struct session next;
	long a;

	if ((cur = op_find(ed, uid, rid, why)) == NULL)
		return false;
	if (participant_id == NULL || *participant_id == '\0')
		return refuse(ed, why, "Choose a participant to assign.");
	a = session_find_assignment(cur, participant_id);
	if (a >= 0)
		return refuse(ed, why, "%s is already assigned to '%s' as %s.",
		              assignment_label(&cur->assign[a]),
		              session_label(cur),
		              role_name(cur->assign[a].role));
	session_copy(&next, cur);
	session_add_assignment(&next, participant_id, role, cn);
	return op_finish(ed, cur, &next, describe_assign, why);
}

bool
edit_unassign(struct editor *ed, const char *uid, dais_time rid,
              const char *participant_id, const char **why)
{
	const struct session *cur;
	struct session next;
	long a;

	if ((cur = op_find(ed, uid, rid, why)) == NULL ||
	    (a = op_find_assignment(ed, cur, participant_id, why)) < 0)
		return false;
	session_copy(&next, cur);
	session_remove_assignment(&next, (size_t)a);
	return op_finish_as(ed, cur, &next,
	                    xasprintf("Removed %s from '%s'",
	                              assignment_label(&cur->assign[a]),
	                              session_label(cur)),
	                    why);
}

bool
edit_set_role(struct editor *ed, const char *uid, dais_time rid,
              const char *participant_id, enum role role, const char **why)
{
	const struct session *cur;
	struct session next;
	long a;

	if ((cur = op_find(ed, uid, rid, why)) == NULL ||
	    (a = op_find_assignment(ed, cur, participant_id, why)) < 0)
		return false;
	session_copy(&next, cur);
	next.assign[a].role = role;
	return op_finish_as(ed, cur, &next,
	                    xasprintf("Made %s %s of '%s'",
	                              assignment_label(&cur->assign[a]),
	                              role_name(role), session_label(cur)),
	                    why);
}

bool
edit_move_assignment(struct editor *ed, const char *uid, dais_time rid,
                     const char *participant_id, int by, const char **why)
{
	const struct session *cur;
	struct session next;
	struct assignment moving;
	long a, to;
	char *d;

	if ((cur = op_find(ed, uid, rid, why)) == NULL ||
	    (a = op_find_assignment(ed, cur, participant_id, why)) < 0)
		return false;
	to = a + by;
	if (to < 0)
		return refuse(ed, why, "%s is already first in '%s'.",
		              assignment_label(&cur->assign[a]),
		              session_label(cur));
	if (to >= (long)cur->nassign)
		return refuse(ed, why, "%s is already last in '%s'.",
		              assignment_label(&cur->assign[a]),
		              session_label(cur));
	if (to == a)
		return true;
	session_copy(&next, cur);
	moving = next.assign[a];
	if (to < a)
		memmove(&next.assign[to + 1], &next.assign[to],
		        (size_t)(a - to) * sizeof moving);
	else
		memmove(&next.assign[a], &next.assign[a + 1],
		        (size_t)(to - a) * sizeof moving);
	next.assign[to] = moving;
	if (by == -1 || by == 1)
		d = xasprintf("Moved %s %s in '%s'", assignment_label(&moving),
		              by < 0 ? "up" : "down", session_label(cur));
	else
		d = xasprintf("Moved %s to place %ld in '%s'",
		              assignment_label(&moving), to + 1,
		              session_label(cur));
	return op_finish_as(ed, cur, &next, d, why);
}
