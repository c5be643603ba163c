/*
 * requests.c: the bilateral requests in memory (requests.h): freeing them,
 * finding one, and what its session is called (title and UID).
 */
#include "dais/requests.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/strbuf.h"
#include "dais/xalloc.h"

static void
request_free(struct request *r)
{
	free(r->id);
	free(r->title);
	strlist_clear(&r->parties);
	strlist_clear(&r->rooms);
	free(r->kind);
	strlist_clear(&r->languages);
	free(r->note);
	free(r->placed);
	free(r->reason);
}

void
request_list_clear(struct request_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		request_free(&l->v[i]);
	free(l->v);
	free(l->path);
	memset(l, 0, sizeof *l);
}

struct request *
request_find(struct request_list *l, const char *id)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].id, id) == 0)
			return &l->v[i];
	return NULL;
}

/*
 * A group by the short form its name ends with, "United Nations Office of
 * Counter-Terrorism (UNOCT)" by "UNOCT" (what ends it in parentheses,
 * without a lowercase letter a-z): titles are cut to a view's column, and
 * the long form would leave room for one party only. *owned is what to
 * free.
 */
static const char *
group_label(const struct participant *g, char **owned)
{
	const char *name = g->name != NULL && *g->name ? g->name : g->id;
	const char *open = strrchr(name, '(');
	const char *close = name + strlen(name) - 1;
	const char *c;

	if (open == NULL || open == name || open[-1] != ' ' || *close != ')' ||
	    close == open + 1)
		return name;
	for (c = open + 1; c < close; c++)
		if (*c >= 'a' && *c <= 'z')
			return name;
	*owned = xasprintf("%.*s", (int)(close - open - 1), open + 1);
	return *owned;
}

/*
 * What names party id in a title made from the parties: a group by its
 * own name (group_label); a person of a delegation by the delegation's,
 * which is what tells one host's bilaterals apart ("Kuwait – Saudi
 * Arabia"); else the person's name. *person says whether the party is a
 * person, for request_title to name them after all.
 */
static char *
party_label(const struct programme *p, const char *id, bool by_delegation,
            bool *person)
{
	const struct participant *x = programme_find_participant(p, id);
	const struct participant *d;
	char *owned = NULL;
	const char *label;

	*person = x != NULL && !participant_is_group(x);
	if (x == NULL)
		return xstrdup(id);
	if (!*person)
		label = group_label(x, &owned);
	else if (by_delegation && x->delegation != NULL &&
	         (d = programme_find_participant(p, x->delegation)) != NULL)
		label = group_label(d, &owned);
	else
		label = x->name != NULL && *x->name ? x->name : x->id;
	return owned != NULL ? owned : xstrdup(label);
}

char *
request_title(const struct programme *p, const struct request *r)
{
	struct strbuf b = {0};
	struct strlist labels = {0};
	bool *person, *same;
	size_t i, k;

	if (r->title != NULL)
		return xstrdup(r->title);
	person = xcalloc(r->parties.n + 1, sizeof *person);
	same = xcalloc(r->parties.n + 1, sizeof *same);
	for (i = 0; i < r->parties.n; i++) {
		char *label = party_label(p, r->parties.v[i], true, &person[i]);

		strlist_add(&labels, label);
		free(label);
	}
	for (i = 0; i < labels.n; i++)
		for (k = 0; k < labels.n; k++)
			if (k != i && strcmp(labels.v[i], labels.v[k]) == 0)
				same[i] = true;
	/* Two of the same delegation (or one and the delegation itself):
	 * the people among them by their own names. */
	for (i = 0; i < labels.n; i++)
		if (same[i] && person[i]) {
			free(labels.v[i]);
			labels.v[i] =
			    party_label(p, r->parties.v[i], false, &person[i]);
		}
	strbuf_addstr(&b, "Bilateral: ");
	for (i = 0; i < labels.n; i++) {
		if (i > 0)
			strbuf_addstr(&b, labels.n == 2       ? " – "
			                  : i + 1 == labels.n ? " and "
			                                      : ", ");
		strbuf_addstr(&b, labels.v[i]);
	}
	strlist_clear(&labels);
	free(person);
	free(same);
	return strbuf_take(&b);
}

bool
request_parties_meet_in(const struct request *r, const struct session *s)
{
	size_t i;

	/* A plenary or a reception has everyone: not a meeting of theirs. */
	if (s->kind == NULL || strcasecmp(s->kind, REQUEST_SESSION_KIND) != 0)
		return false;
	for (i = 0; i < r->parties.n; i++)
		if (session_find_assignment(s, r->parties.v[i]) < 0)
			return false;
	return r->parties.n > 0;
}

long
request_meeting_already(const struct programme *p, const struct request *r,
                        const char *own)
{
	size_t i;

	for (i = 0; i < p->nsessions; i++) {
		const struct session *s = &p->sessions[i];

		if (s->status == SESSION_CANCELLED ||
		    (own != NULL && s->uid != NULL && strcmp(s->uid, own) == 0))
			continue;
		if (request_parties_meet_in(r, s))
			return (long)i;
	}
	return -1;
}

char *
request_uid(const struct request *r, const char *domain)
{
	return xasprintf("request-%s@%s", r->id,
	                 domain != NULL && *domain ? domain : "dais");
}
