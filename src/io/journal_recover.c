/*
 * journal_recover.c: what a starting planner does with a journal it found
 * (journal_find): whether its writer still runs, when it was written, and
 * replaying, keeping aside or discarding it.
 */
#include "dais/journal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dais/edit_registry.h"
#include "dais/elapsed.h"
#include "dais/machine.h"
#include "dais/xalloc.h"

bool
journal_writer_alive(const struct journal_found *f)
{
	char *host = machine_host();
	bool same = f->host != NULL && strcmp(f->host, host) == 0;

	free(host);
	if (!same || f->pid <= 0 || f->pid == (long)getpid())
		return false;
	return machine_process_alive(f->pid); /* a zombie is not alive */
}

char *
journal_when_text(const struct journal_found *f)
{
	time_t t = (time_t)journal_last_time(f), now = time(NULL);
	struct tm tm;
	char buf[64], *ago, *s;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, sizeof buf, "%H:%M on %a %e %b", &tm) == 0)
		return xstrdup("an unknown time");
	if ((ago = elapsed_ago(t, now)) == NULL)
		return xstrdup(buf);
	s = xasprintf("%s (%s)", buf, ago);
	free(ago);
	return s;
}

dais_time
journal_last_time(const struct journal_found *f)
{
	return f->nedits > 0 ? f->edits[f->nedits - 1].when : f->opened;
}

/* A registry entry's state, read with the loader's parsers. False with
 * *msg (a new string) when it is refused. */
static bool
replay_entry(struct editor *ed, const struct journal_delta *d, char **msg)
{
	struct registry_item x;
	const char *refusal = NULL;
	bool ok;

	if (d->removed)
		ok = edit_registry_restore(ed, (enum registry_kind)d->kind,
		                           d->uid, NULL, &refusal);
	else if (!registry_item_from_pairs(editor_programme(ed),
	                                   (enum registry_kind)d->kind, d->uid,
	                                   &d->keys, &d->values, &x, msg)) {
		registry_item_free(&x);
		return false;
	} else {
		ok = edit_registry_restore(ed, (enum registry_kind)d->kind,
		                           d->uid, &x, &refusal);
		registry_item_free(&x);
	}
	if (!ok)
		*msg = xstrdup(refusal);
	return ok;
}

bool
journal_replay(const struct journal_found *f, struct editor *ed, char **why)
{
	char *label;
	size_t i, k;

	label = xasprintf("Restored %zu unsaved edit%s from the recovery "
	                  "journal",
	                  f->nedits, f->nedits == 1 ? "" : "s");
	editor_begin_group(ed, label);
	free(label);
	for (i = 0; i < f->nedits; i++) {
		const struct journal_edit *e = &f->edits[i];

		for (k = 0; k < e->ndeltas; k++) {
			const struct journal_delta *d = &e->deltas[k];
			const char *refusal = NULL;
			char *msg = NULL;

			if (d->registry) {
				if (replay_entry(ed, d, &msg))
					continue;
				*why = xasprintf(
				    "edit %zu of %zu ('%s'), %s %s: %s", i + 1,
				    f->nedits,
				    e->description ? e->description : "",
				    registry_kind_name(
				        (enum registry_kind)d->kind),
				    d->uid, msg);
				free(msg);
				editor_cancel_group(ed);
				return false;
			}
			if (edit_put(ed, d->uid, d->rid, d->after, &refusal))
				continue;
			*why = xasprintf("edit %zu of %zu ('%s'), session "
			                 "%s: %s",
			                 i + 1, f->nedits,
			                 e->description ? e->description : "",
			                 d->uid, refusal);
			editor_cancel_group(ed);
			return false;
		}
	}
	editor_end_group(ed);
	return true;
}

char *
journal_keep_aside(const char *dir, char **why)
{
	char stamp[DAIS_TIMEBUF], *from, *to = NULL;
	int i;

	time_fmt_ical_utc(stamp, (dais_time)time(NULL));
	from = xasprintf("%s/%s", dir, JOURNAL_NAME);
	for (i = 0; i < 100; i++) {
		struct stat st;

		free(to);
		to = i == 0 ? xasprintf("%s-kept-%s", from, stamp)
		            : xasprintf("%s-kept-%s-%d", from, stamp, i);
		if (lstat(to, &st) != 0 && errno == ENOENT)
			break;
	}
	if (rename(from, to) != 0) {
		*why = xasprintf("cannot rename %s to %s: %s", from, to,
		                 strerror(errno));
		free(to);
		to = NULL;
	}
	free(from);
	return to;
}

bool
journal_discard(const char *dir, char **why)
{
	char *path = xasprintf("%s/%s", dir, JOURNAL_NAME);
	bool ok = unlink(path) == 0 || errno == ENOENT;

	if (!ok)
		*why = xasprintf("cannot delete %s: %s", path, strerror(errno));
	free(path);
	return ok;
}
