/*
 * diag.c: the list of problems found in user input, and their one-line
 * form "file:line: level: message".
 */
#include "dais/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "dais/model.h"
#include "dais/strmap.h"
#include "dais/xalloc.h"

static void
diag_vadd(struct diag_list *list, enum diag_level level, enum diag_kind kind,
          const char *file, int line, const char *uid, const char *fmt,
          va_list ap)
{
	struct diag *d;

	XGROW(list->v, list->n, list->cap);
	d = &list->v[list->n++];
	d->level = level;
	d->kind = kind;
	d->file = xstrdup(file);
	d->line = line;
	d->uid = xstrdup(uid);
	d->message = xvasprintf(fmt, ap);
	d->session = NULL;
}

void
diag_add(struct diag_list *list, enum diag_level level, const char *file,
         int line, const char *uid, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(list, level, DIAG_KIND_OTHER, file, line, uid, fmt, ap);
	va_end(ap);
}

void
diag_add_kind(struct diag_list *list, enum diag_level level,
              enum diag_kind kind, const char *file, int line, const char *uid,
              const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(list, level, kind, file, line, uid, fmt, ap);
	va_end(ap);
}

size_t
diag_count(const struct diag_list *list, enum diag_level level)
{
	size_t i, n = 0;

	for (i = 0; i < list->n; i++)
		if (list->v[i].level == level)
			n++;
	return n;
}

void
diag_clear(struct diag_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++) {
		free(list->v[i].file);
		free(list->v[i].uid);
		free(list->v[i].message);
		free(list->v[i].session);
	}
	free(list->v);
	list->v = NULL;
	list->n = list->cap = 0;
}

void
diag_name_sessions(struct diag_list *list, const struct programme *p)
{
	struct strmap wanted = {0};
	size_t i, at;

	/* Only when some UID is long: a load without such a diag (any
	 * large programme dais wrote) pays nothing here. */
	for (i = 0; i < list->n; i++)
		if (list->v[i].uid != NULL && list->v[i].session == NULL &&
		    strlen(list->v[i].uid) > DIAG_UID_READABLE)
			strmap_set(&wanted, list->v[i].uid, (size_t)-1);
	if (wanted.n == 0) {
		strmap_free(&wanted);
		return;
	}
	for (i = 0; i < p->nsessions; i++) {
		const struct session *s = &p->sessions[i];

		if (s->uid != NULL && strmap_get(&wanted, s->uid, &at) &&
		    (at == (size_t)-1 || s->start < p->sessions[at].start))
			strmap_set(&wanted, s->uid, i);
	}
	for (i = 0; i < list->n; i++) {
		const struct session *s;
		char d[DAIS_TIMEBUF], h[DAIS_TIMEBUF];

		if (list->v[i].uid == NULL ||
		    !strmap_get(&wanted, list->v[i].uid, &at) ||
		    at == (size_t)-1)
			continue;
		s = &p->sessions[at];
		date_fmt_long(d, time_local_date(&p->conf.zone, s->start));
		free(list->v[i].session);
		list->v[i].session = xasprintf(
		    "'%s', %s %s",
		    s->title != NULL && *s->title != '\0' ? s->title
		                                          : "(untitled)",
		    d, time_fmt_hm(h, &p->conf.zone, s->start));
	}
	strmap_free(&wanted);
}

char *
diag_format(const struct diag *d)
{
	const char *level = d->level == DIAG_ERROR ? "error" : "warning";
	char *where, *out;

	if (d->file != NULL && d->line > 0)
		where = xasprintf("%s:%d: ", d->file, d->line);
	else if (d->file != NULL)
		where = xasprintf("%s: ", d->file);
	else
		where = xstrdup("");
	if (d->uid != NULL)
		out =
		    xasprintf("%s%s: %s (session %s)", where, level, d->message,
		              d->session != NULL ? d->session : d->uid);
	else
		out = xasprintf("%s%s: %s", where, level, d->message);
	free(where);
	return out;
}
