/*
 * ics_event_prop.c: a VEVENT's other properties into the session:
 * status, numbers, languages, texts, kind and attendees, each checked as
 * written, with a sentence for whatever is wrong.
 */
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/arena.h"
#include "dais/link.h"
#include "dais/session_field.h"
#include "dais/xalloc.h"
#include "ics_event_internal.h"
#include "ics_internal.h"

void
ics_event_read_status(struct ics_file *f, struct ics_event *ev,
                      const struct found *fd, const struct ics_block *b)
{
	char *v;

	if (fd->prop[SESSION_FIELD_STATUS] == NULL)
		return;
	switch (icalproperty_get_status(fd->prop[SESSION_FIELD_STATUS])) {
	case ICAL_STATUS_TENTATIVE:
		ev->s.status = SESSION_TENTATIVE;
		return;
	case ICAL_STATUS_CONFIRMED:
		ev->s.status = SESSION_CONFIRMED;
		return;
	case ICAL_STATUS_CANCELLED:
		ev->s.status = SESSION_CANCELLED;
		return;
	default:
		break;
	}
	v = ics_event_written(fd->prop[SESSION_FIELD_STATUS]);
	ics_diag(f, DIAG_WARNING, ics_event_prop_line(b, "STATUS", NULL),
	         ev->s.uid,
	         "STATUS:%s is not a status dais knows (TENTATIVE, CONFIRMED "
	         "or CANCELLED); it is read as CONFIRMED",
	         v);
	free(v);
	ev->s.status = SESSION_CONFIRMED;
}

void
ics_event_read_numbers(struct ics_file *f, struct ics_event *ev,
                       const struct found *fd, const struct ics_block *b)
{
	const char *raw;
	long n;
	int line;

	/* libical reads SEQUENCE:abc as 0 without a word: look ourselves. */
	if (fd->prop[SESSION_FIELD_SEQUENCE] != NULL) {
		raw = b->sequence > 0
		          ? ics_block_value_at(b, b->sequence - 1, &line)
		          : NULL;
		if (raw != NULL && !ics_event_whole_number(raw, &n)) {
			ics_diag(
			    f, DIAG_WARNING, line, ev->s.uid,
			    "SEQUENCE:%s is not a whole number; dais reads "
			    "it as 0 (it counts the session's revisions: "
			    "write 0 or more)",
			    raw);
			ev->s.sequence = 0;
		} else {
			ev->s.sequence = icalproperty_get_sequence(
			    fd->prop[SESSION_FIELD_SEQUENCE]);
		}
	}
	if ((raw = ics_event_text_of(fd->prop[SESSION_FIELD_EXPECTED])) !=
	    NULL) {
		if (ics_event_whole_number(raw, &n)) {
			ev->s.expected = (int)n;
		} else {
			ics_diag(
			    f, DIAG_WARNING,
			    ics_event_prop_line(b, "X-DAIS-EXPECTED", NULL),
			    ev->s.uid,
			    "X-DAIS-EXPECTED:%s is not a whole number of "
			    "people; the expected attendance is left "
			    "unknown",
			    raw);
		}
	}
}

void
ics_event_read_languages(struct ics_event *ev, const char *list)
{
	const char *s = list;

	while (s != NULL && *s != '\0') {
		size_t n = strcspn(s, ",");
		char *one = xstrndup(s, n), *t = ics_event_trimmed(one), *q;

		if (t != NULL) {
			/* Codes are case-insensitive; the registries write
			 * them in lower case. */
			for (q = t; *q != '\0'; q++)
				if (*q >= 'A' && *q <= 'Z')
					*q = (char)(*q - 'A' + 'a');
			if (!strlist_has(&ev->s.languages, t))
				strlist_add(&ev->s.languages, t);
		}
		free(t);
		free(one);
		s += n;
		if (*s == ',')
			s++;
	}
}

/* The text fields ics_event_read_texts reads as written, found in the
 * field table once (walking all of it for every VEVENT was most of what
 * reading the texts cost). */
static const struct session_field *text_fields[SESSION_FIELD_COUNT];
static size_t ntext_fields;
static pthread_once_t text_fields_once = PTHREAD_ONCE_INIT;

static void
text_fields_fill(void)
{
	size_t i;

	for (i = 0; i < SESSION_FIELD_COUNT; i++) {
		const struct session_field *sf = &session_field_table[i];

		if (sf->type == SESSION_TYPE_TEXT && sf->ical != NULL &&
		    !(sf->flags & SF_KEY) && sf->id != SESSION_FIELD_KIND)
			text_fields[ntext_fields++] = sf;
	}
}

/*
 * The text fields read as written, through the field table: a new text
 * property (X-DAIS-...) needs a row there and nothing here. The UID and
 * the kind (CATEGORIES) are read on their own.
 */
void
ics_event_read_texts(struct ics_file *f, struct ics_event *ev,
                     const struct found *fd)
{
	struct arena *store = programme_store(f->p);
	const char *text;
	size_t i;

	pthread_once(&text_fields_once, text_fields_fill);
	for (i = 0; i < ntext_fields; i++) {
		const struct session_field *sf = text_fields[i];

		/* A room is an id: blanks around it are not part of it
		 * (the room and the location were read and hashed for the
		 * prefetch: they are interned without hashing them again). */
		if (sf->id == SESSION_FIELD_ROOM_ID) {
			session_field_store_interned(
			    &ev->s, sf,
			    fd->room != NULL
			        ? arena_intern_hashed(store, fd->room,
			                              fd->nroom, fd->room_hash)
			        : NULL);
		} else if (sf->id == SESSION_FIELD_LOCATION) {
			session_field_store_interned(
			    &ev->s, sf,
			    fd->location != NULL
			        ? arena_intern_hashed(store, fd->location,
			                              fd->nlocation,
			                              fd->location_hash)
			        : NULL);
		} else if ((text = ics_event_text_of(fd->prop[sf->id])) !=
		           NULL) {
			session_field_store_text(&ev->s, sf, store, text,
			                         strlen(text));
		}
	}
}

/* The kind as conference.ini spells it (so comparisons are exact), or
 * as written when it names none: n bytes. */
static const char *
kind_spelled(const struct ics_file *f, const char *kind, size_t n)
{
	const struct strlist *kinds = &f->p->conf.kinds;
	size_t i;

	for (i = 0; i < kinds->n; i++)
		if (strlen(kinds->v[i]) == n &&
		    strncasecmp(kinds->v[i], kind, n) == 0)
			return kinds->v[i];
	return kind;
}

void
ics_event_read_kind(struct ics_file *f, struct ics_event *ev,
                    const struct found *fd)
{
	struct arena *store = programme_store(f->p);
	const char *k;
	size_t n = fd->nkind;

	if (fd->kind == NULL)
		return;
	/* Most sessions of a file are of the kind of the one before. */
	if (f->kind_read == NULL || f->kind_read_len != n ||
	    memcmp(f->kind_read, fd->kind, n) != 0) {
		k = kind_spelled(f, fd->kind, n);
		f->kind_stored = arena_intern(store, k, n);
		f->kind_read = k == fd->kind || memcmp(k, fd->kind, n) == 0
		                   ? f->kind_stored
		                   : arena_intern(store, fd->kind, n);
		f->kind_read_len = n;
	}
	session_field_store_interned(
	    &ev->s, &session_field_table[SESSION_FIELD_KIND], f->kind_stored);
}

/*
 * The line of the ATTENDEE whose value holds `value`. Attendees come in
 * file order, so the search goes on from the one found last (*at): one
 * pass over a session of 10 000 attendees, not one per attendee. A value
 * libical wrote differently costs a pass of its own, and once the file's
 * messages are past ICS_MAX_DIAGS nothing is looked for.
 */
static int
attendee_line(const struct ics_file *f, const struct ics_block *b,
              const char *value, size_t *at)
{
	size_t k, i;

	if (f->ndiags >= ICS_MAX_DIAGS)
		return b->begin_line;
	for (k = 0; k < b->n; k++) {
		const char *s;

		i = (*at + k) % b->n;
		s = ics_block_text(b, i);
		if (!b->lines[i].own || strncasecmp(s, "ATTENDEE", 8) != 0 ||
		    (s[8] != ':' && s[8] != ';'))
			continue;
		if (value == NULL || strstr(s, value) != NULL) {
			*at = i + 1;
			return b->lines[i].line;
		}
	}
	return ics_event_prop_line(b, "ATTENDEE", NULL);
}

/*
 * Whether the session already has `id` (interned) among its attendees.
 * Each stored id is interned in the programme's store, so ids are
 * compared by address: an event listing 10 000 delegates costs 50 million
 * address comparisons, not 50 million strcmp()s (1.65 G instructions;
 * tests/cli/load_ics_bounds.sh).
 */
static bool
attendee_again(const struct session *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->nassign; i++)
		if (s->assign[i].participant_id == id)
			return true;
	return false;
}

void
ics_event_read_attendee(struct ics_file *f, struct ics_event *ev,
                        const struct ics_attendee *a, const struct ics_block *b,
                        size_t *at, struct strlist *hints)
{
	const char *value = NULL, *id = NULL, *cn = NULL;
	char *name = NULL;
	enum role role = ROLE_PARTICIPANT;
	const struct participant *who;
	struct arena *store;
	enum link_how how;
	char *same;

	if (a->id != NULL)
		id = a->id_text;
	/* The value is read when there is no X-DAIS-ID, or for a message. */
	if (id == NULL || *id == '\0') {
		value = icalproperty_get_attendee(a->prop);
		if (value != NULL && strncasecmp(value, "urn:x-dais:", 11) == 0)
			id = value + 11;
	}
	/* An invitee who declined (kept so by dais import) attends nothing:
	 * no assignment to make, nothing to hint. */
	if ((id == NULL || *id == '\0') && a->partstat != NULL &&
	    icalparameter_get_partstat(a->partstat) == ICAL_PARTSTAT_DECLINED)
		return;
	/* A room or a resource booked as an attendee (Exchange, Google) is
	 * nobody to check: the room is X-DAIS-ROOM (dais import links it). */
	if ((id == NULL || *id == '\0') && a->cutype != NULL &&
	    (icalparameter_get_cutype(a->cutype) == ICAL_CUTYPE_ROOM ||
	     icalparameter_get_cutype(a->cutype) == ICAL_CUTYPE_RESOURCE))
		return;
	cn = a->cn_text;
	if (a->role != NULL) {
		switch (icalparameter_get_role(a->role)) {
		case ICAL_ROLE_CHAIR:
			role = ROLE_CHAIR;
			break;
		case ICAL_ROLE_REQPARTICIPANT:
			role = ROLE_SPEAKER;
			break;
		case ICAL_ROLE_OPTPARTICIPANT:
		case ICAL_ROLE_NONPARTICIPANT:
			break;
		default: {
			const char *x = icalparameter_get_xvalue(a->role);

			if (value == NULL)
				value = icalproperty_get_attendee(a->prop);
			ics_diag(f, DIAG_WARNING,
			         attendee_line(f, b, value, at), ev->s.uid,
			         "ROLE=%s of ATTENDEE %s is not a role dais "
			         "knows; it is read as OPT-PARTICIPANT (use "
			         "CHAIR, REQ-PARTICIPANT or OPT-PARTICIPANT)",
			         x ? x : "?",
			         cn      ? cn
			         : value ? value
			                 : "?");
			break;
		}
		}
	}
	if ((id == NULL || *id == '\0') &&
	    (who = link_participant(f->p, value, cn, &how)) != NULL) {
		/* Said once for the session (unlinked_hint). */
		char *h =
		    xasprintf("participant '%s' (ATTENDEE %s: %s)", who->id,
		              cn      ? cn
		              : value ? value
		                      : "?",
		              link_how_name(how));

		strlist_add(hints, h);
		free(h);
		return;
	}
	if (id == NULL || *id == '\0') {
		ics_diag_kind(
		    f, DIAG_WARNING, DIAG_KIND_ATTENDEE_UNLINKED,
		    attendee_line(f, b, value, at), ev->s.uid,
		    "ATTENDEE %s has no dais id, so dais cannot check "
		    "their conflicts; add X-DAIS-ID=<participant id> "
		    "(or write the value as urn:x-dais:<id>)",
		    cn      ? cn
		    : value ? value
		            : "?");
		return;
	}
	/* The X-DAIS-ID was hashed for the prefetch (read_interned). */
	store = programme_store(f->p);
	same = id == a->id_text
	           ? arena_intern_hashed(store, id, a->id_len, a->id_hash)
	           : arena_intern(store, id, strlen(id));
	if (attendee_again(&ev->s, same)) {
		if (value == NULL)
			value = icalproperty_get_attendee(a->prop);
		ics_diag(f, DIAG_WARNING, attendee_line(f, b, value, at),
		         ev->s.uid,
		         "participant %s is an ATTENDEE of this session twice; "
		         "dais keeps the first, remove the other",
		         id);
		return;
	}
	/* The name's hash too is only the one of the text it was taken for. */
	if (cn != NULL && cn == a->cn_text)
		name = arena_intern_hashed(store, cn, a->cn_len, a->cn_hash);
	else if (cn != NULL)
		name = arena_intern(store, cn, strlen(cn));
	session_store_assignment(&ev->s, same, role, name);
}
