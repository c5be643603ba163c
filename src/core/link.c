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
 * person typing a room's name into Outlook may differ from venues.ini. */
static char *
folded(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *q = out;
	bool blank = false;

	for (; *s != '\0'; s++) {
		char c = *s;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
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

static bool
folded_equal(const char *a, const char *b)
{
	char *x = folded(a), *y = folded(b);
	bool eq = strcmp(x, y) == 0;

	free(x);
	free(y);
	return eq;
}

const struct room *
link_room(const struct programme *p, const char *location, bool closest,
          enum link_how *how)
{
	const struct room *found;
	bool several = false;
	struct suggest sg;
	char *want;
	size_t i;

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
	if (!closest)
		return NULL;
	/* "Plenary Hall" for "Main Plenary Hall": one room's name holding
	 * the other, when only one does. */
	want = folded(location);
	for (i = 0, found = NULL; i < p->nrooms; i++) {
		char *name;

		if (p->rooms[i].name == NULL)
			continue;
		name = folded(p->rooms[i].name);
		if (strstr(name, want) != NULL || strstr(want, name) != NULL)
			several = several || found != NULL,
			found = &p->rooms[i];
		free(name);
	}
	free(want);
	if (found != NULL && !several) {
		*how = LINK_CLOSEST;
		return found;
	}
	/* A slip or two per word, not another room: a third of the name. */
	want = folded(location);
	suggest_init(&sg, want, strlen(want) / 3 > 2 ? strlen(want) / 3 : 2);
	for (i = 0; i < p->nrooms; i++) {
		char *name;

		if (p->rooms[i].name == NULL)
			continue;
		name = folded(p->rooms[i].name);
		suggest_consider(&sg, name);
		if (suggest_result(&sg) == name) {
			*how = LINK_CLOSEST;
			sg.best = p->rooms[i].name; /* name is freed below */
		}
		free(name);
	}
	free(want);
	if (*how != LINK_CLOSEST)
		return NULL;
	for (i = 0; i < p->nrooms; i++)
		if (p->rooms[i].name == sg.best)
			return &p->rooms[i];
	return NULL;
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
