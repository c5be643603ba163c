/*
 * published.c: DIR/.dais-published, the record of the SEQUENCE and
 * fingerprint dais last exported per UID (published.h).
 */
#include "dais/published.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dais/atomicfile.h"
#include "dais/fileread.h"
#include "dais/strbuf.h"
#include "dais/strmap.h"
#include "dais/xalloc.h"

struct record {
	char *uid;
	int sequence;
	uint64_t fingerprint;
};

struct published {
	char *path;
	struct record *v;
	size_t n, cap;
	struct strmap by_uid; /* uid -> index into v; keys are v[i].uid */
	bool changed;
	int lock_fd; /* the record's flock, from load to free; -1: none */
};

static void
add_record(struct published *pb, const char *uid, int seq, uint64_t fp)
{
	XGROW(pb->v, pb->n, pb->cap);
	pb->v[pb->n].uid = xstrdup(uid);
	pb->v[pb->n].sequence = seq;
	pb->v[pb->n].fingerprint = fp;
	strmap_add(&pb->by_uid, pb->v[pb->n].uid, pb->n);
	pb->n++;
}

/* "SEQUENCE FINGERPRINT UID"; false when the line is not that. */
static bool
parse_line(char *line, int *seq, uint64_t *fp, const char **uid)
{
	char *end;
	long s;

	errno = 0;
	s = strtol(line, &end, 10);
	if (end == line || *end != ' ' || errno != 0 || s < 0 || s > INT32_MAX)
		return false;
	line = end + 1;
	if (strspn(line, "0123456789abcdef") != 16 || line[16] != ' ')
		return false;
	*fp = strtoull(line, NULL, 16);
	*uid = line + 17;
	*seq = (int)s;
	return **uid != '\0';
}

struct published *
published_load(const char *dir, bool to_write, char **why)
{
	struct published *pb = xcalloc(1, sizeof *pb);
	char *text, *line, *next, *cause = NULL;
	size_t len, lineno = 0, seen;

	pb->path = xasprintf("%s/%s", dir, PUBLISHED_FILE);
	/*
	 * The planner's export and `dais export` may run at once: each holds
	 * the record's lock from this read to its free, so that neither
	 * writes over records it has not read, nor gives a changed event a
	 * SEQUENCE the other has just given another version of it.
	 */
	pb->lock_fd = to_write
	                  ? atomicfile_lock(pb->path, PUBLISHED_WAIT_MS, &cause)
	                  : -1;
	if (pb->lock_fd < 0 && to_write && errno == EWOULDBLOCK) {
		*why = xasprintf("%s is being written by another export (the "
		                 "planner's or another 'dais export') and was "
		                 "still after %d seconds: try again when it "
		                 "has finished",
		                 pb->path, PUBLISHED_WAIT_MS / 1000);
		published_free(pb);
		return NULL;
	}
	/* A directory dais may not write to (an installed example): nothing
	 * can write the record there, so there is nothing to wait for. */
	free(cause);
	cause = NULL;
	text = fileread_all(pb->path, 0, &len, &cause);
	if (text == NULL) {
		if (errno == ENOENT) {
			free(cause);
			return pb;
		}
		*why = xasprintf("cannot read %s: %s", pb->path, cause);
		free(cause);
		published_free(pb);
		return NULL;
	}
	for (line = text; line != NULL && *line != '\0'; line = next) {
		const char *uid;
		uint64_t fp;
		int seq;

		lineno++;
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (*line == '#' || *line == '\0')
			continue;
		if (!parse_line(line, &seq, &fp, &uid) ||
		    strmap_get(&pb->by_uid, uid, &seen)) {
			*why = xasprintf(
			    "%s line %zu: not 'SEQUENCE FINGERPRINT UID' of a "
			    "UID not seen before; this file is dais's record "
			    "of what it exported: mend the line, or delete the "
			    "file (the next export then writes each session's "
			    "own SEQUENCE)",
			    pb->path, lineno);
			free(text);
			published_free(pb);
			return NULL;
		}
		add_record(pb, uid, seq, fp);
	}
	free(text);
	return pb;
}

int
published_sequence(struct published *pb, const char *uid, uint64_t fingerprint,
                   int own)
{
	struct record *r;
	size_t i;
	int seq;

	/* A UID with a line break could not be read back: not recorded. */
	if (strchr(uid, '\n') != NULL || strchr(uid, '\r') != NULL)
		return own;
	if (!strmap_get(&pb->by_uid, uid, &i)) {
		add_record(pb, uid, own, fingerprint);
		pb->changed = true;
		return own;
	}
	r = &pb->v[i];
	seq = r->fingerprint == fingerprint ? r->sequence : r->sequence + 1;
	if (own > seq)
		seq = own;
	if (seq != r->sequence || fingerprint != r->fingerprint)
		pb->changed = true;
	r->sequence = seq;
	r->fingerprint = fingerprint;
	return seq;
}

bool
published_changed(const struct published *pb)
{
	return pb->changed;
}

static int
by_uid(const void *va, const void *vb)
{
	const struct record *a = va, *b = vb;

	return strcmp(a->uid, b->uid);
}

bool
published_save(struct published *pb, char **why)
{
	struct strbuf b = {0};
	struct record *sorted;
	size_t i;
	bool ok;

	sorted = xcalloc(pb->n ? pb->n : 1, sizeof *sorted);
	memcpy(sorted, pb->v, pb->n * sizeof *sorted);
	qsort(sorted, pb->n, sizeof *sorted, by_uid);
	strbuf_addstr(&b, "# What `dais export` last published (dais(1), "
	                  "FILES): SEQUENCE, fingerprint\n"
	                  "# of the exported event, UID. Written by dais; "
	                  "deleting it only means\n"
	                  "# that SEQUENCE starts again from the sessions' "
	                  "own.\n");
	for (i = 0; i < pb->n; i++)
		strbuf_addf(&b, "%d %016" PRIx64 " %s\n", sorted[i].sequence,
		            sorted[i].fingerprint, sorted[i].uid);
	free(sorted);
	ok = atomicfile_write(pb->path, b.v, b.n, why);
	strbuf_free(&b);
	if (ok)
		pb->changed = false;
	return ok;
}

size_t
published_remove_leftovers(const char *dir)
{
	char *path = xasprintf("%s/%s", dir, PUBLISHED_FILE), *why = NULL;
	bool existed = access(path, F_OK) == 0;
	int fd = atomicfile_lock(path, 0, &why);
	size_t removed = 0;

	/* Held: an export is writing its temporary now; it is no leftover. */
	if (fd >= 0) {
		removed = atomicfile_remove_leftovers(path);
		/* The lock made it empty: gone again, as it was. */
		if (!existed)
			unlink(path);
		close(fd);
	}
	free(why);
	free(path);
	return removed;
}

void
published_free(struct published *pb)
{
	size_t i;

	if (pb == NULL)
		return;
	for (i = 0; i < pb->n; i++)
		free(pb->v[i].uid);
	free(pb->v);
	strmap_free(&pb->by_uid);
	free(pb->path);
	if (pb->lock_fd >= 0)
		close(pb->lock_fd);
	free(pb);
}
