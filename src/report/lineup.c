/*
 * lineup.c: a session's people by role in protocol order (lineup.h), one
 * rule for every public output so that the calendar, the frab schedule and
 * the HTML page never list the same session differently.
 */
#include "dais/lineup.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "dais/xalloc.h"

static const char *const heading_one[LINEUP_HEADING_COUNT] = {
    "Chair", "Speaker", "Participant", "Delegation or organisation"};
static const char *const heading_many[LINEUP_HEADING_COUNT] = {
    "Chairs", "Speakers", "Participants", "Delegations and organisations"};

char *
lineup_kind_label(const char *kind)
{
	char *out = xstrdup(kind), *c;

	for (c = out; *c != '\0'; c++) {
		if (*c == '-' || *c == '_')
			*c = ' ';
		else if (c != out)
			*c = (char)tolower((unsigned char)*c);
	}
	return out;
}

const char *
lineup_heading_text(enum lineup_heading h, size_t count)
{
	return count == 1 ? heading_one[h] : heading_many[h];
}

const char *
lineup_name(const struct lineup_person *x)
{
	if (x->who != NULL && x->who->name != NULL)
		return x->who->name;
	if (x->a->cn != NULL && *x->a->cn != '\0')
		return x->a->cn;
	return x->a->participant_id ? x->a->participant_id : "";
}

static enum lineup_heading
heading_of(const struct lineup_person *x)
{
	switch (x->a->role) {
	case ROLE_CHAIR:
		return LINEUP_CHAIR;
	case ROLE_SPEAKER:
		return LINEUP_SPEAKER;
	case ROLE_PARTICIPANT:
		break;
	}
	return x->who != NULL && participant_is_group(x->who)
	           ? LINEUP_GROUP
	           : LINEUP_PARTICIPANT;
}

static int
person_cmp(const void *va, const void *vb)
{
	const struct lineup_person *a = va, *b = vb;
	int pa = a->who != NULL ? a->who->precedence : 0;
	int pb = b->who != NULL ? b->who->precedence : 0;
	int c;

	if (a->heading != b->heading)
		return a->heading < b->heading ? -1 : 1;
	if ((pa == 0) != (pb == 0))
		return pa == 0 ? 1 : -1;
	if (pa != pb)
		return pa < pb ? -1 : 1;
	if ((c = strcmp(lineup_name(a), lineup_name(b))) != 0)
		return c;
	return strcmp(a->a->participant_id ? a->a->participant_id : "",
	              b->a->participant_id ? b->a->participant_id : "");
}

struct lineup_person *
lineup_of(const struct programme *p, const struct session *s)
{
	struct lineup_person *people;
	size_t i;

	people = xcalloc(s->nassign ? s->nassign : 1, sizeof *people);
	for (i = 0; i < s->nassign; i++) {
		people[i].a = &s->assign[i];
		if (s->assign[i].participant_id != NULL)
			people[i].who = programme_find_participant(
			    p, s->assign[i].participant_id);
		people[i].heading = heading_of(&people[i]);
	}
	qsort(people, s->nassign, sizeof *people, person_cmp);
	return people;
}
