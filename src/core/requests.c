/*
 * requests.c: the bilateral requests in memory (requests.h): freeing them,
 * finding one, and what its session is called (title and UID).
 */
#include "dais/requests.h"

#include <stdlib.h>
#include <string.h>

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

char *
request_title(const struct programme *p, const struct request *r)
{
	struct strbuf b = {0};
	size_t i;

	if (r->title != NULL)
		return xstrdup(r->title);
	strbuf_addstr(&b, "Bilateral: ");
	for (i = 0; i < r->parties.n; i++) {
		const struct participant *x =
		    programme_find_participant(p, r->parties.v[i]);
		const char *name = x != NULL && x->name != NULL && *x->name
		                       ? x->name
		                       : r->parties.v[i];

		if (i > 0)
			strbuf_addstr(&b,
			              i + 1 == r->parties.n ? " and " : ", ");
		strbuf_addstr(&b, name);
	}
	return strbuf_take(&b);
}

char *
request_uid(const struct request *r, const char *domain)
{
	return xasprintf("request-%s@%s", r->id,
	                 domain != NULL && *domain ? domain : "dais");
}
