/*
 * edit_check.c: checks and tidies what an edit operation would make of a
 * session, looking only at the fields that change, with a sentence for
 * the user on a refusal.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/trim.h"
#include "dais/xalloc.h"
#include "edit_internal.h"

/* ---- Checking what an operation would make -------------------------- */

/* Whether field `id` of s is byte for byte what it is in cur (not new). */
static bool
unchanged(const struct session *cur, const struct session *s,
          enum session_field_id id)
{
	return cur != NULL &&
	       session_field_equal(cur, s, &session_field_table[id], true);
}

/* Text a user may clear (SF_CLEARABLE): unchanged as content stays byte
 * for byte, "" becomes NULL. */
static void
text_settle(const struct session *cur, struct session *s,
            const struct session_field *f)
{
	char **field = session_field_at(s, f);

	if (cur != NULL && session_field_equal(cur, s, f, false))
		session_field_copy(s, cur, f);
	else if (*field != NULL && **field == '\0')
		session_field_set_text(s, f, NULL);
}

bool
has_control(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

static bool
check_title(struct editor *ed, const struct session *cur, struct session *s,
            const char **why)
{
	char *t;

	if (unchanged(cur, s, SESSION_FIELD_TITLE))
		return true;
	if (s->title == NULL)
		return refuse(ed, why, "A session needs a title.");
	t = trim_spaces_dup(s->title);
	free(s->title);
	s->title = t;
	if (*t == '\0')
		return refuse(ed, why, "A session needs a title.");
	if (has_control(t))
		return refuse(ed, why,
		              "A title is one line: remove the line breaks "
		              "and tabs from it.");
	return true;
}

static bool
check_times(struct editor *ed, const struct session *cur,
            const struct session *s, const char **why)
{
	char a[DAIS_TIMEBUF], b[DAIS_TIMEBUF];
	const struct dais_zone *z = &ed->p->conf.zone;

	if (cur != NULL && cur->start == s->start && cur->end == s->end)
		return true;
	if (s->start == DAIS_TIME_NONE || s->end == DAIS_TIME_NONE)
		return refuse(ed, why, "A session needs a start and an end.");
	if (s->start <= -EDIT_TIME_LIMIT || s->start >= EDIT_TIME_LIMIT ||
	    s->end <= -EDIT_TIME_LIMIT || s->end >= EDIT_TIME_LIMIT)
		return refuse(ed, why, "That time is out of range.");
	if (s->end <= s->start) {
		if (same_day(ed, s->start, s->end))
			return refuse(ed, why,
			              "The end (%s) must be after the start "
			              "(%s).",
			              time_fmt_hm(b, z, s->end),
			              time_fmt_hm(a, z, s->start));
		return refuse(
		    ed, why, "The end (%s) must be after the start (%s).",
		    time_fmt_iso(b, z, s->end), time_fmt_iso(a, z, s->start));
	}
	return true;
}

static bool
check_kind(struct editor *ed, const struct session *cur, struct session *s,
           const char **why)
{
	const struct strlist *kinds = &ed->p->conf.kinds;
	char *k;
	size_t i;

	if (s->kind == NULL || unchanged(cur, s, SESSION_FIELD_KIND))
		return true;
	k = trim_spaces_dup(s->kind);
	free(s->kind);
	s->kind = k;
	if (kinds->n > 0) {
		for (i = 0; i < kinds->n; i++) {
			if (strcasecmp(kinds->v[i], k) == 0) {
				free(s->kind);
				s->kind = xstrdup(kinds->v[i]);
				return true;
			}
		}
		{
			char *list = strlist_join(kinds, ", ");
			bool r = refuse(ed, why,
			                "Unknown session kind '%s': use one of "
			                "%s.",
			                k, list);

			free(list);
			return r;
		}
	}
	if (*k == '\0')
		return refuse(ed, why, "A session kind cannot be blank.");
	for (i = 0; k[i] != '\0'; i++) {
		if (!isalnum((unsigned char)k[i]) && k[i] != '-' && k[i] != '_')
			return refuse(
			    ed, why,
			    "A session kind is one word of letters, "
			    "digits and dashes, such as SIDE-SESSION.");
		k[i] = (char)toupper((unsigned char)k[i]);
	}
	return true;
}

static bool
check_room(struct editor *ed, const struct session *cur, struct session *s,
           const char **why)
{
	const struct room *room;

	/* A location read with a line break (Apple writes "Hall\nCity")
	 * may stay as it is; only a new one must be one line. */
	if (s->location != NULL && has_control(s->location) &&
	    !unchanged(cur, s, SESSION_FIELD_LOCATION))
		return refuse(ed, why, "A location is one line of text.");
	if (s->room_id == NULL || unchanged(cur, s, SESSION_FIELD_ROOM_ID))
		return true;
	room = programme_find_room(ed->p, s->room_id);
	if (room == NULL)
		return refuse(ed, why,
		              "No room '%s' in venues.ini: pick one of its "
		              "rooms, or add the room there first.",
		              s->room_id);
	if (s->location == NULL)
		s->location = xstrdup(room->name);
	return true;
}

static bool
check_languages(struct editor *ed, const struct session *cur, struct session *s,
                const char **why)
{
	size_t i, j;

	for (i = 0; i < s->languages.n; i++)
		for (j = 0; s->languages.v[i][j] != '\0'; j++)
			s->languages.v[i][j] =
			    (char)tolower((unsigned char)s->languages.v[i][j]);
	if (unchanged(cur, s, SESSION_FIELD_LANGUAGES))
		return true;
	for (i = 0; i < s->languages.n; i++) {
		const char *l = s->languages.v[i];
		bool ok = isalpha((unsigned char)l[0]) && strlen(l) <= 15;

		for (j = 0; ok && l[j] != '\0'; j++)
			ok = isalnum((unsigned char)l[j]) || l[j] == '-';
		if (!ok)
			return refuse(ed, why,
			              "'%s' is not a language code: use codes "
			              "such as ar, en, ru.",
			              l);
		for (j = 0; j < i; j++)
			if (strcmp(s->languages.v[j], l) == 0)
				return refuse(ed, why,
				              "The language '%s' is listed "
				              "twice.",
				              l);
	}
	return true;
}

static bool
check_assignments(struct editor *ed, const struct session *cur,
                  struct session *s, const char **why)
{
	size_t i, j;

	for (i = 0; i < s->nassign; i++) {
		struct assignment *a = &s->assign[i];
		const struct participant *who;
		bool had;

		if (a->participant_id == NULL || *a->participant_id == '\0')
			return refuse(ed, why,
			              "Choose a participant to assign.");
		if ((int)a->role < ROLE_CHAIR ||
		    (int)a->role > ROLE_PARTICIPANT)
			return refuse(ed, why,
			              "Unknown role for %s: use chair, "
			              "speaker or participant.",
			              a->participant_id);
		for (j = 0; j < i; j++)
			if (strcmp(s->assign[j].participant_id,
			           a->participant_id) == 0)
				return refuse(
				    ed, why, "%s is assigned to '%s' twice.",
				    a->participant_id, session_label(s));
		who = programme_find_participant(ed->p, a->participant_id);
		had = cur != NULL &&
		      session_find_assignment(cur, a->participant_id) >= 0;
		if (who == NULL && !had)
			return refuse(ed, why,
			              "No participant '%s' in "
			              "participants.ini: add them there first.",
			              a->participant_id);
		if (!had && (a->cn == NULL || *a->cn == '\0')) {
			free(a->cn);
			a->cn = xstrdup(who != NULL && who->name != NULL
			                    ? who->name
			                    : a->participant_id);
		}
	}
	return true;
}

/*
 * Checks and tidies what an operation would make of session cur (NULL for
 * a new one), looking only at what changes. On a refusal, s is left for
 * the caller to free.
 */
bool
edit_check(struct editor *ed, const struct session *cur, struct session *s,
           const char **why)
{
	size_t i;

	for (i = 0; i < SESSION_FIELD_COUNT; i++)
		if (session_field_table[i].type == SESSION_TYPE_TEXT &&
		    (session_field_table[i].flags & SF_CLEARABLE))
			text_settle(cur, s, &session_field_table[i]);
	if (!check_title(ed, cur, s, why))
		return false;
	if (!check_kind(ed, cur, s, why) || !check_room(ed, cur, s, why) ||
	    !check_times(ed, cur, s, why) ||
	    !check_languages(ed, cur, s, why) ||
	    !check_assignments(ed, cur, s, why))
		return false;
	if (!unchanged(cur, s, SESSION_FIELD_STATUS) &&
	    ((int)s->status < SESSION_TENTATIVE ||
	     (int)s->status > SESSION_CANCELLED))
		return refuse(ed, why,
		              "Unknown status: use tentative, confirmed or "
		              "cancelled.");
	if (!unchanged(cur, s, SESSION_FIELD_EXPECTED) && s->expected < 0)
		return refuse(ed, why,
		              "Expected attendance cannot be negative.");
	return true;
}
