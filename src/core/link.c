/*
 * link.c: a calendar's LOCATION and ATTENDEE to the registries' rooms and
 * participants (link.h). Linear in the registries: a programme has tens
 * of rooms and hundreds of people, and it runs once per event.
 */
#include "dais/link.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/suggest.h"
#include "dais/xalloc.h"

const char *
link_how_name(enum link_how how)
{
	switch (how) {
	case LINK_EXACT:
		return "same name";
	case LINK_FOLDED:
		return "same name but for case and spacing";
	case LINK_CLOSEST:
		return "closest name";
	case LINK_EMAIL:
		return "same e-mail";
	case LINK_NAME:
		return "same name";
	case LINK_NONE:
		break;
	}
	return "no match";
}

/* ASCII lower case, runs of blanks one space, none at the ends: how a
 * person typing a room's name into Outlook may differ from venues.ini.
 * With `words`, the punctuation between words (", " in "Room, Building")
 * is a blank too: only the words are compared. */
static char *
folded_as(const char *s, bool words)
{
	char *out = xmalloc(strlen(s) + 1), *q = out;
	bool blank = false;

	for (; *s != '\0'; s++) {
		char c = *s;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    (words && strchr(",;()/", c) != NULL)) {
			blank = q != out;
			continue;
		}
		if (blank)
			*q++ = ' ';
		blank = false;
		*q++ = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	*q = '\0';
	return out;
}

static char *
folded(const char *s)
{
	return folded_as(s, false);
}

static bool
folded_equal(const char *a, const char *b)
{
	char *x = folded(a), *y = folded(b);
	bool eq = strcmp(x, y) == 0;

	free(x);
	free(y);
	return eq;
}

/* Whether `part` is whole words of `whole` (both folded): "plenary hall"
 * of "main plenary hall", but not "room 1" of "room 12". */
static bool
holds_words(const char *whole, const char *part)
{
	size_t n = strlen(part);
	const char *at;

	if (n == 0)
		return false;
	for (at = strstr(whole, part); at != NULL; at = strstr(at + 1, part))
		if ((at == whole || at[-1] == ' ') &&
		    (at[n] == '\0' || at[n] == ' '))
			return true;
	return false;
}

/* Whether every word of `part` is a word of `whole` (both folded), in
 * any order: "press room" of "press briefing room". */
static bool
all_words_in(const char *whole, const char *part)
{
	while (*part != '\0') {
		size_t n = strcspn(part, " ");
		const char *at;
		bool found = false;

		for (at = whole; *at != '\0' && !found;) {
			size_t m = strcspn(at, " ");

			found = m == n && memcmp(at, part, n) == 0;
			at += m + (at[m] == ' ');
		}
		if (!found)
			return false;
		part += n + (part[n] == ' ');
	}
	return true;
}

/* How far a name may be from the location and still be "the closest":
 * a slip per four letters, at least one. */
static size_t
closest_limit(const char *folded_location)
{
	size_t n = strlen(folded_location) / 4;

	return n > 0 ? n : 1;
}

/*
 * The rooms near `want` (folded as words): those whose name holds it or
 * is held by it, word for word, or holds all its words in any order ("Press
 * Room"); when none, those at the least edit distance within `limit`. At
 * most max in out (more are counted, not stored). *d_out gets that
 * distance (0 for the words held).
 */
static size_t
near_rooms(const struct programme *p, const char *want, size_t limit,
           const struct room **out, size_t max, size_t *d_out)
{
	size_t i, n = 0, best = (size_t)-1;

	for (i = 0; i < p->nrooms; i++) {
		char *name;

		if (p->rooms[i].name == NULL)
			continue;
		name = folded_as(p->rooms[i].name, true);
		if (holds_words(name, want) || holds_words(want, name) ||
		    all_words_in(name, want)) {
			if (n < max)
				out[n] = &p->rooms[i];
			n++;
		}
		free(name);
	}
	*d_out = 0;
	if (n > 0)
		return n;
	for (i = 0; i < p->nrooms; i++) {
		char *name;
		size_t d;

		if (p->rooms[i].name == NULL)
			continue;
		name = folded_as(p->rooms[i].name, true);
		d = suggest_distance(want, name);
		free(name);
		if (d > limit || d > best)
			continue;
		if (d < best)
			n = 0, best = d;
		if (n < max)
			out[n] = &p->rooms[i];
		n++;
	}
	*d_out = best;
	return n;
}

/*
 * The room `location` names as dais's own export writes LOCATION
 * ("Press Briefing Room, Sheikh Jaber Al-Ahmad Cultural Centre, Main
 * Building": the room's name, a comma and its building's name, which may
 * hold commas itself), as written or (fold) but for case and spacing.
 */
static const struct room *
room_and_building(const struct programme *p, const char *location, bool fold)
{
	size_t i;

	for (i = 0; i < p->nrooms; i++) {
		const struct room *r = &p->rooms[i];
		const char *b = r->building != NULL
		                    ? programme_building_name(p, r->building)
		                    : NULL;
		char *both;
		bool eq;

		if (r->name == NULL || b == NULL || *b == '\0')
			continue;
		both = xasprintf("%s, %s", r->name, b);
		eq = fold ? folded_equal(both, location)
		          : strcmp(both, location) == 0;
		free(both);
		if (eq)
			return r;
	}
	return NULL;
}

const struct room *
link_room(const struct programme *p, const char *location, bool closest,
          enum link_how *how)
{
	const struct room *named;
	const struct room *near[1];
	char *want, *name;
	size_t i, d;
	bool label;

	*how = LINK_NONE;
	if (location == NULL || *location == '\0')
		return NULL;
	for (i = 0; i < p->nrooms; i++)
		if (p->rooms[i].name != NULL &&
		    strcmp(p->rooms[i].name, location) == 0) {
			*how = LINK_EXACT;
			return &p->rooms[i];
		}
	for (i = 0; i < p->nrooms; i++)
		if (p->rooms[i].name != NULL &&
		    folded_equal(p->rooms[i].name, location)) {
			*how = LINK_FOLDED;
			return &p->rooms[i];
		}
	if ((named = room_and_building(p, location, false)) != NULL) {
		*how = LINK_EXACT;
		return named;
	}
	if ((named = room_and_building(p, location, true)) != NULL) {
		*how = LINK_FOLDED;
		return named;
	}
	if (!closest)
		return NULL;
	/* The closest is one room, not the first of several: the only name
	 * holding the location's words ("Plenary Hall" for "Main Plenary
	 * Hall") or held by them, else the only name nearest by edit
	 * distance within a slip per four letters; never one that differs
	 * in the number or letter that tells rooms apart. */
	want = folded_as(location, true);
	if (near_rooms(p, want, closest_limit(want), near, 1, &d) != 1) {
		free(want);
		return NULL;
	}
	name = folded_as(near[0]->name, true);
	label = suggest_differ_in_label(want, name, ' ');
	free(name);
	free(want);
	if (label)
		return NULL;
	*how = LINK_CLOSEST;
	return near[0];
}

size_t
link_room_candidates(const struct programme *p, const char *location,
                     const struct room **out, size_t max)
{
	char *want;
	size_t n, d, limit;

	if (location == NULL || *location == '\0')
		return 0;
	want = folded_as(location, true);
	/* Looser than link_room's limit: these are only named, as hints. */
	limit = strlen(want) / 3 > 2 ? strlen(want) / 3 : 2;
	n = near_rooms(p, want, limit, out, max, &d);
	free(want);
	return n;
}

const struct participant *
link_participant(const struct programme *p, const char *value, const char *cn,
                 enum link_how *how)
{
	size_t i;
	int pass;

	*how = LINK_NONE;
	if (value != NULL && strncasecmp(value, "mailto:", 7) == 0 &&
	    value[7] != '\0')
		for (i = 0; i < p->npeople; i++)
			if (p->people[i].email != NULL &&
			    strcasecmp(p->people[i].email, value + 7) == 0) {
				*how = LINK_EMAIL;
				return &p->people[i];
			}
	if (cn == NULL || *cn == '\0')
		return NULL;
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < p->npeople; i++) {
			const struct participant *w = &p->people[i];
			bool eq =
			    pass == 0
			        ? (w->name && strcmp(w->name, cn) == 0) ||
			              (w->name_local &&
			               strcmp(w->name_local, cn) == 0)
			        : (w->name && folded_equal(w->name, cn)) ||
			              (w->name_local &&
			               folded_equal(w->name_local, cn));

			if (eq) {
				*how = LINK_NAME;
				return w;
			}
		}
	return NULL;
}
