/*
 * test_save_faults.c: saving the Kuwait example under real faults: a full
 * disk and a read-only filesystem (a tmpfs of the test's own, so root), a
 * read-only or closed directory and a read-only file (run as nobody, since
 * root ignores permissions), a file deleted or replaced by a directory since
 * it was loaded, and an injected write failure (DAIS_FAIL_WRITE).
 *
 * Every case loads a fresh copy, edits it through the editor (a retitled
 * plenary, a deleted occurrence of a daily coffee break), makes the fault
 * and saves. The save must fail; name each file it could not write and the
 * cause; leave those files byte for byte as they were and no temporary file
 * behind; keep the edits (dirty) and the files' fingerprints. Once the cause
 * is gone a second save must succeed, and a reload must show the edits.
 *
 * `test_save_faults mount` runs the cases that mount a tmpfs and exits 77
 * (meson's skip) when it cannot; without an argument, the others run.
 * Checks inside a case are gathered as text rather than asserted, because a
 * case may run in a child process that has dropped its privileges.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dais/atomicfile.h"
#include "dais/edit.h"
#include "dais/filehash.h"
#include "dais/load.h"
#include "dais/save.h"
#include "dais/xalloc.h"

#define OPENING   "d1-opening@kuwait-2026.dushanbe-process"
#define COFFEE    "coffee-morning@kuwait-2026.dushanbe-process"
#define NEW_TITLE "Opening plenary, retitled under a fault"
#define PLENARY   "programme/plenary.ics"
#define BREAKS    "programme/breaks.ics"

/* What went wrong in one case, as lines of text. */
struct report {
	char *text;
};

static void report_add(struct report *r, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
report_add(struct report *r, int line, const char *fmt, ...)
{
	va_list ap;
	char *msg, *joined;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	joined =
	    xasprintf("%sline %d: %s\n", r->text ? r->text : "", line, msg);
	free(msg);
	free(r->text);
	r->text = joined;
}

#define CHECK(r, cond, ...)                                                    \
	do {                                                                   \
		if (!(cond))                                                   \
			report_add((r), __LINE__, __VA_ARGS__);                \
	} while (0)

/* One run of a case: where its programme is, and what it found. */
struct run {
	char *base; /* the test's directory (a tmpfs is mounted here) */
	char *dir;  /* the programme: base/prog */
	struct report r;
	/* The hit files' bytes, to put back after a deletion. */
	char *saved_text[2];
	size_t saved_len[2];
};

struct fault {
	const char *name;
	bool mount;        /* on a tmpfs of its own (needs root) */
	bool unprivileged; /* as nobody when root: root ignores modes */
	const char *mount_options;
	void (*make)(struct run *);
	void (*clear)(struct run *);
	/* The files the save must refuse; the other edited one is saved. */
	const char *hit[2];
	const char *cause; /* strerror text the message must hold */
};

static char *
path_in(const struct run *run, const char *rel)
{
	return xasprintf("%s/%s", run->dir, rel);
}

/* ---- Snapshots: every name and its content's hash ----------------------- */

static void
snapshot_dir(const char *root, const char *rel, struct strlist *out)
{
	char *path = rel ? xasprintf("%s/%s", root, rel) : xstrdup(root);
	DIR *d = opendir(path);
	struct dirent *e;

	if (d == NULL) {
		char *line =
		    xasprintf("%s: cannot list: %s", path, strerror(errno));

		strlist_add(out, line);
		free(line);
		free(path);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		char *sub, *full, *line;
		struct stat st;
		uint64_t h = 0;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		sub = rel ? xasprintf("%s/%s", rel, e->d_name)
		          : xstrdup(e->d_name);
		full = xasprintf("%s/%s", root, sub);
		if (lstat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
			line = xasprintf("%s/", sub);
			strlist_add(out, line);
			snapshot_dir(root, sub, out);
		} else {
			if (!filehash_path(full, &h))
				h = 0;
			line =
			    xasprintf("%s %016llx", sub, (unsigned long long)h);
			strlist_add(out, line);
		}
		free(line);
		free(full);
		free(sub);
	}
	closedir(d);
	free(path);
}

static bool
skipped_name(const char *line, const char *const *skip, size_t nskip)
{
	size_t i, n;

	for (i = 0; i < nskip; i++) {
		n = strlen(skip[i]);
		if (strncmp(line, skip[i], n) == 0 && line[n] == ' ')
			return true;
	}
	return false;
}

/* Reports every name or content that differs, but for the files in skip. */
static void
compare_snapshots(struct report *r, const struct strlist *before,
                  const struct strlist *after, const char *const *skip,
                  size_t nskip)
{
	size_t i;

	for (i = 0; i < before->n; i++)
		CHECK(r,
		      skipped_name(before->v[i], skip, nskip) ||
		          strlist_has(after, before->v[i]),
		      "changed or gone since the failed save: %s",
		      before->v[i]);
	for (i = 0; i < after->n; i++)
		CHECK(r,
		      skipped_name(after->v[i], skip, nskip) ||
		          strlist_has(before, after->v[i]),
		      "new or changed after the failed save (a temporary "
		      "file left behind?): %s",
		      after->v[i]);
}

static void
free_strlist(struct strlist *l)
{
	strlist_clear(l);
	free(l->v);
}

/* ---- The programme ------------------------------------------------------ */

static bool
copy_example(struct run *run)
{
	const char *src = getenv("SRCDIR");
	char *cmd;
	int rc;

	if (src == NULL) {
		report_add(&run->r, __LINE__, "SRCDIR is not set");
		return false;
	}
	cmd = xasprintf("cp -R '%s/data/kuwait-2026' '%s'", src, run->dir);
	rc = system(cmd);
	free(cmd);
	CHECK(&run->r, rc == 0, "copying the example into %s failed", run->dir);
	return rc == 0;
}

static void
report_diags(struct report *r, const char *what, struct diag_list *diags)
{
	size_t i;

	for (i = 0; i < diags->n; i++) {
		char *line = diag_format(&diags->v[i]);

		report_add(r, __LINE__, "%s: %s", what, line);
		free(line);
	}
}

static struct programme *
load(struct run *run)
{
	struct diag_list diags = {0};
	struct programme *p = programme_load(run->dir, &diags);

	if (diag_count(&diags, DIAG_ERROR) > 0) {
		report_diags(&run->r, "loading", &diags);
		programme_free(p);
		p = NULL;
	}
	diag_clear(&diags);
	free(diags.v);
	return p;
}

/* The second day's occurrence of the daily morning coffee break. */
static dais_time
coffee_day_two(const struct programme *p)
{
	dais_time last = DAIS_TIME_NONE;
	size_t i;

	for (i = 0; i < p->nsessions; i++)
		if (strcmp(p->sessions[i].uid, COFFEE) == 0 &&
		    p->sessions[i].recurrence_id != DAIS_TIME_NONE &&
		    (last == DAIS_TIME_NONE ||
		     p->sessions[i].recurrence_id > last))
			last = p->sessions[i].recurrence_id;
	return last;
}

static bool
make_edits(struct run *run, struct editor *ed, dais_time *coffee)
{
	const char *why = NULL;

	*coffee = coffee_day_two(editor_programme(ed));
	CHECK(&run->r, *coffee != DAIS_TIME_NONE, "no second occurrence of %s",
	      COFFEE);
	if (!edit_set_title(ed, OPENING, DAIS_TIME_NONE, NEW_TITLE, &why)) {
		report_add(&run->r, __LINE__, "retitling: %s", why);
		return false;
	}
	if (*coffee != DAIS_TIME_NONE &&
	    !edit_delete(ed, COFFEE, *coffee, &why)) {
		report_add(&run->r, __LINE__, "deleting: %s", why);
		return false;
	}
	return *coffee != DAIS_TIME_NONE;
}

static int
count_lines_starting(const char *path, const char *prefix)
{
	FILE *f = fopen(path, "rb");
	char line[4096];
	int n = 0;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, prefix, strlen(prefix)) == 0)
			n++;
	fclose(f);
	return n;
}

static size_t
count_uid(const struct programme *p, const char *uid)
{
	size_t i, n = 0;

	for (i = 0; i < p->nsessions; i++)
		if (strcmp(p->sessions[i].uid, uid) == 0)
			n++;
	return n;
}

/* After the second save: the edits are in the files, once. */
static void
check_reloaded(struct run *run, dais_time coffee)
{
	struct programme *q = load(run);
	char *breaks = path_in(run, BREAKS);
	long i;

	if (q == NULL) {
		free(breaks);
		return;
	}
	i = programme_find_session(q, OPENING, DAIS_TIME_NONE);
	CHECK(&run->r, i >= 0 && strcmp(q->sessions[i].title, NEW_TITLE) == 0,
	      "after the second save %s is not retitled", OPENING);
	CHECK(&run->r, programme_find_session(q, COFFEE, coffee) < 0,
	      "after the second save the deleted coffee break is back");
	CHECK(&run->r, count_uid(q, COFFEE) == 1,
	      "after the second save %s has %zu occurrences, not 1", COFFEE,
	      count_uid(q, COFFEE));
	/* A file saved by the failed save is written again by the second:
	 * the EXDATE must not be doubled. */
	CHECK(&run->r, count_lines_starting(breaks, "EXDATE") == 1,
	      "%s holds %d EXDATE lines, not 1", breaks,
	      count_lines_starting(breaks, "EXDATE"));
	programme_free(q);
	free(breaks);
}

/* The diagnostics of the failed save: one per hit file, naming it and the
 * cause, and none for any other file. */
static void
check_diags(struct run *run, const struct fault *f, struct diag_list *diags)
{
	size_t i, k, nhit = 0;

	for (k = 0; k < 2 && f->hit[k] != NULL; k++) {
		char *path = path_in(run, f->hit[k]);
		bool found = false;

		nhit++;
		for (i = 0; i < diags->n; i++) {
			const struct diag *d = &diags->v[i];
			char *line = diag_format(d);

			if (d->level == DIAG_ERROR && d->file != NULL &&
			    strcmp(d->file, path) == 0 &&
			    strstr(line, f->cause) != NULL)
				found = true;
			/* Said twice, the path pushes the cause off a status
			 * line (the change-detection messages keep theirs). */
			CHECK(&run->r,
			      strcmp(f->cause, "deleted") == 0 ||
			          strstr(d->message, path) == NULL,
			      "the message repeats the path: %s", d->message);
			free(line);
		}
		CHECK(&run->r, found, "no error names %s and says \"%s\"", path,
		      f->cause);
		free(path);
	}
	CHECK(&run->r, diags->n == nhit,
	      "%zu diagnostics for %zu files that could not be saved", diags->n,
	      nhit);
	if (diags->n != nhit || run->r.text != NULL)
		report_diags(&run->r, "the failed save said", diags);
}

/* ---- One case, start to end -------------------------------------------- */

static void
run_fault(const struct fault *f, struct run *run)
{
	struct programme *p;
	struct editor *ed;
	struct diag_list diags = {0};
	struct strlist before = {0}, after = {0};
	const char *saved_ok[2];
	uint64_t hash_before[16];
	size_t i, nfiles, nsaved = 0, nchanges;
	struct edit_change *ch = NULL;
	dais_time coffee;
	bool ok;

	if (!copy_example(run) || (p = load(run)) == NULL)
		return;
	ed = editor_new(p);
	if (!make_edits(run, ed, &coffee))
		goto out;
	nfiles = p->conf.files.n;
	if (nfiles > 16) {
		report_add(&run->r, __LINE__, "%zu files: more than 16",
		           nfiles);
		goto out;
	}
	for (i = 0; i < nfiles; i++)
		hash_before[i] = p->file_hash[i];
	/* Of the two edited files, those the fault does not hit are saved. */
	if (f->hit[0] == NULL || strcmp(f->hit[0], PLENARY) != 0)
		saved_ok[nsaved++] = PLENARY;
	if ((f->hit[0] == NULL || strcmp(f->hit[0], BREAKS) != 0) &&
	    (f->hit[1] == NULL || strcmp(f->hit[1], BREAKS) != 0))
		saved_ok[nsaved++] = BREAKS;
	for (i = 0; i < 2 && f->hit[i] != NULL; i++) {
		char *path = path_in(run, f->hit[i]);
		FILE *in = fopen(path, "rb");

		CHECK(&run->r, in != NULL, "cannot read %s", path);
		if (in != NULL) {
			char buf[65536];

			run->saved_len[i] = fread(buf, 1, sizeof buf, in);
			run->saved_text[i] = xstrndup(buf, run->saved_len[i]);
			fclose(in);
		}
		free(path);
	}
	snapshot_dir(run->dir, NULL, &before);
	nchanges = editor_changes(ed, &ch);
	free(ch);

	f->make(run);
	ok = programme_save(ed, &diags);
	CHECK(&run->r, !ok, "the save succeeded despite the fault");
	check_diags(run, f, &diags);
	diag_clear(&diags);
	CHECK(&run->r, editor_dirty(ed),
	      "the editor is clean after a "
	      "failed save: the edits would be "
	      "lost");
	CHECK(&run->r, editor_changes(ed, &ch) == nchanges,
	      "the failed save changed the list of unsaved changes");
	free(ch);
	for (i = 0; i < nfiles; i++) {
		bool hit = (f->hit[0] != NULL &&
		            strcmp(f->hit[0], p->conf.files.v[i]) == 0) ||
		           (f->hit[1] != NULL &&
		            strcmp(f->hit[1], p->conf.files.v[i]) == 0);
		bool saved = (nsaved > 0 &&
		              strcmp(saved_ok[0], p->conf.files.v[i]) == 0) ||
		             (nsaved > 1 &&
		              strcmp(saved_ok[1], p->conf.files.v[i]) == 0);

		if (!saved)
			CHECK(&run->r, p->file_hash[i] == hash_before[i],
			      "the fingerprint of %s changed although it was "
			      "%s",
			      p->conf.files.v[i],
			      hit ? "not written" : "not edited");
	}
	f->clear(run);
	snapshot_dir(run->dir, NULL, &after);
	compare_snapshots(&run->r, &before, &after, saved_ok, nsaved);

	ok = programme_save(ed, &diags);
	CHECK(&run->r, ok, "the second save failed once the cause was gone");
	if (!ok)
		report_diags(&run->r, "the second save said", &diags);
	diag_clear(&diags);
	CHECK(&run->r, !editor_dirty(ed), "dirty after a successful save");
	check_reloaded(run, coffee);
out:
	free(diags.v);
	free_strlist(&before);
	free_strlist(&after);
	editor_free(ed);
	programme_free(p);
}

/* ---- The faults --------------------------------------------------------- */

static void
chmod_checked(struct run *run, const char *rel, mode_t mode)
{
	char *path = path_in(run, rel);

	CHECK(&run->r, chmod(path, mode) == 0, "chmod %o %s: %s",
	      (unsigned)mode, path, strerror(errno));
	free(path);
}

/* Fills the tmpfs with one file until the kernel says it is full. */
static void
fill_disk(struct run *run)
{
	char *path = xasprintf("%s/filler", run->base);
	FILE *f = fopen(path, "wb");
	static char block[4096];
	int err = 0;

	CHECK(&run->r, f != NULL, "cannot create %s", path);
	if (f != NULL) {
		setvbuf(f, NULL, _IONBF, 0);
		while (fwrite(block, 1, sizeof block, f) == sizeof block)
			;
		err = errno;
		fclose(f);
	}
	CHECK(&run->r, err == ENOSPC, "filling %s stopped with %s, not ENOSPC",
	      path, strerror(err));
	free(path);
}

static void
free_disk(struct run *run)
{
	char *path = xasprintf("%s/filler", run->base);

	CHECK(&run->r, unlink(path) == 0, "unlink %s: %s", path,
	      strerror(errno));
	free(path);
}

static void
remount(struct run *run, unsigned long flags)
{
	CHECK(&run->r,
	      mount(NULL, run->base, NULL, MS_REMOUNT | flags, NULL) == 0,
	      "remounting %s: %s", run->base, strerror(errno));
}

static void
make_read_only_fs(struct run *run)
{
	remount(run, MS_RDONLY);
}

static void
clear_read_only_fs(struct run *run)
{
	remount(run, 0);
}

static void
make_read_only_dir(struct run *run)
{
	chmod_checked(run, "programme", 0555);
}

static void
make_closed_dir(struct run *run)
{
	chmod_checked(run, "programme", 0);
}

static void
clear_dir_mode(struct run *run)
{
	chmod_checked(run, "programme", 0755);
}

static void
make_read_only_file(struct run *run)
{
	chmod_checked(run, PLENARY, 0444);
}

static void
clear_read_only_file(struct run *run)
{
	chmod_checked(run, PLENARY, 0644);
}

static void
make_deleted(struct run *run)
{
	char *path = path_in(run, PLENARY);

	CHECK(&run->r, unlink(path) == 0, "unlink %s: %s", path,
	      strerror(errno));
	free(path);
}

/* Puts the first hit file back as it was. */
static void
restore_file(struct run *run)
{
	char *path = path_in(run, PLENARY);
	FILE *out = fopen(path, "wb");

	CHECK(&run->r, out != NULL, "cannot restore %s: %s", path,
	      strerror(errno));
	if (out != NULL) {
		fwrite(run->saved_text[0], 1, run->saved_len[0], out);
		fclose(out);
	}
	free(path);
}

static void
make_directory(struct run *run)
{
	char *path = path_in(run, PLENARY);

	make_deleted(run);
	CHECK(&run->r, mkdir(path, 0755) == 0, "mkdir %s: %s", path,
	      strerror(errno));
	free(path);
}

static void
clear_directory(struct run *run)
{
	char *path = path_in(run, PLENARY);

	/* Still the empty directory the fault made: nothing went into it. */
	CHECK(&run->r, rmdir(path) == 0, "rmdir %s: %s", path, strerror(errno));
	free(path);
	restore_file(run);
}

static void
make_injected_all(struct run *run)
{
	(void)run;
	setenv("DAIS_FAIL_WRITE", "/programme/", 1);
}

static void
make_injected_plenary(struct run *run)
{
	(void)run;
	setenv("DAIS_FAIL_WRITE", "plenary.ics", 1);
}

static void
clear_injected(struct run *run)
{
	(void)run;
	unsetenv("DAIS_FAIL_WRITE");
}

static const struct fault disk_full = {
    "disk full",
    true,
    false,
    "size=512k,mode=0755",
    fill_disk,
    free_disk,
    {PLENARY, BREAKS},
    "No space left on device",
};
static const struct fault read_only_fs = {
    "read-only filesystem",
    true,
    false,
    "size=1m,mode=0755",
    make_read_only_fs,
    clear_read_only_fs,
    {PLENARY, BREAKS},
    "Read-only file system",
};
static const struct fault read_only_dir = {
    "read-only directory",
    false,
    true,
    NULL,
    make_read_only_dir,
    clear_dir_mode,
    {PLENARY, BREAKS},
    "Permission denied",
};
static const struct fault closed_dir = {
    "closed directory",
    false,
    true,
    NULL,
    make_closed_dir,
    clear_dir_mode,
    {PLENARY, BREAKS},
    "Permission denied",
};
static const struct fault read_only_file = {
    "read-only file",
    false,
    true,
    NULL,
    make_read_only_file,
    clear_read_only_file,
    {PLENARY, NULL},
    "Permission denied",
};
/* Root may write any file: a mode without a write bit still stops dais. */
static const struct fault read_only_file_root = {
    "read-only file, saved by its owner or root",
    false,
    false,
    NULL,
    make_read_only_file,
    clear_read_only_file,
    {PLENARY, NULL},
    "read-only",
};
static const struct fault deleted = {
    "file deleted", false,        false,           NULL,
    make_deleted,   restore_file, {PLENARY, NULL}, "deleted",
};
static const struct fault directory = {
    "file replaced by a directory",
    false,
    false,
    NULL,
    make_directory,
    clear_directory,
    {PLENARY, NULL},
    "it is a directory",
};
static const struct fault injected_all = {
    "injected write failure",
    false,
    false,
    NULL,
    make_injected_all,
    clear_injected,
    {PLENARY, BREAKS},
    "No space left on device",
};
static const struct fault injected_one = {
    "injected failure of one file",
    false,
    false,
    NULL,
    make_injected_plenary,
    clear_injected,
    {PLENARY, NULL},
    "No space left on device",
};

/* ---- Running a case: mounts and privileges ----------------------------- */

/* Runs f as nobody in a child; its report comes back through a pipe. */
static char *
run_as_nobody(const struct fault *f, struct run *run)
{
	struct passwd *pw = getpwnam("nobody");
	int fds[2], status;
	pid_t pid;
	char *text = NULL, buf[4096];
	size_t n = 0;
	ssize_t got;

	assert_non_null(pw);
	assert_int_equal(chown(run->base, pw->pw_uid, pw->pw_gid), 0);
	assert_int_equal(pipe(fds), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		if (setgroups(0, NULL) != 0 || setgid(pw->pw_gid) != 0 ||
		    setuid(pw->pw_uid) != 0) {
			report_add(&run->r, __LINE__,
			           "cannot become nobody: %s", strerror(errno));
		} else {
			run_fault(f, run);
		}
		if (run->r.text != NULL &&
		    write(fds[1], run->r.text, strlen(run->r.text)) < 0)
			_exit(2);
		_exit(0);
	}
	close(fds[1]);
	while ((got = read(fds[0], buf, sizeof buf)) > 0) {
		text = xreallocarray(text, n + (size_t)got + 1, 1);
		memcpy(text + n, buf, (size_t)got);
		n += (size_t)got;
		text[n] = '\0';
	}
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		char *more = xasprintf("%sthe child as nobody ended with "
		                       "status %d\n",
		                       text ? text : "", status);

		free(text);
		text = more;
	}
	return text;
}

static void
check_fault(const struct fault *f)
{
	char tmpl[] = "/tmp/dais-faults-XXXXXX";
	struct run run = {0};
	char *text, *cmd;
	bool mounted = false;

	assert_non_null(mkdtemp(tmpl));
	run.base = xstrdup(tmpl);
	run.dir = xasprintf("%s/prog", run.base);
	assert_int_equal(chmod(run.base, 0755), 0);
	if (f->mount) {
		if (mount("tmpfs", run.base, "tmpfs", 0, f->mount_options) != 0)
			fail_msg("mounting a tmpfs on %s: %s", run.base,
			         strerror(errno));
		mounted = true;
	}
	print_message("%s\n", f->name);
	if (f->unprivileged && geteuid() == 0) {
		text = run_as_nobody(f, &run);
	} else {
		run_fault(f, &run);
		text = run.r.text;
		run.r.text = NULL;
	}
	/* Whatever happened, the mount goes and the files can be removed. */
	if (mounted)
		assert_int_equal(umount2(run.base, MNT_DETACH), 0);
	cmd = xasprintf("chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'",
	                run.base, run.base);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(run.saved_text[0]);
	free(run.saved_text[1]);
	free(run.dir);
	free(run.base);
	if (text != NULL) {
		print_error("%s: %s", f->name, text);
		free(text);
		fail_msg("%s: see above", f->name);
	}
}

static void
test_disk_full(void **state)
{
	(void)state;
	check_fault(&disk_full);
}

static void
test_read_only_filesystem(void **state)
{
	(void)state;
	check_fault(&read_only_fs);
}

static void
test_read_only_directory(void **state)
{
	(void)state;
	check_fault(&read_only_dir);
}

static void
test_closed_directory(void **state)
{
	(void)state;
	check_fault(&closed_dir);
}

static void
test_read_only_file(void **state)
{
	(void)state;
	check_fault(&read_only_file);
}

static void
test_read_only_file_root(void **state)
{
	(void)state;
	check_fault(&read_only_file_root);
}

static void
test_file_deleted(void **state)
{
	(void)state;
	check_fault(&deleted);
}

static void
test_file_replaced_by_directory(void **state)
{
	(void)state;
	check_fault(&directory);
}

static void
test_injected_failure(void **state)
{
	(void)state;
	check_fault(&injected_all);
}

static void
test_injected_failure_of_one_file(void **state)
{
	(void)state;
	check_fault(&injected_one);
}

/* Root saving a file someone else owns leaves it theirs. */
static void
test_owner_kept(void **state)
{
	char tmpl[] = "/tmp/dais-owner-XXXXXX", *path, *why = NULL;
	struct stat st;
	FILE *f;

	(void)state;
	if (geteuid() != 0)
		skip();
	assert_non_null(mkdtemp(tmpl));
	path = xasprintf("%s/sessions.ics", tmpl);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("before\n", f);
	fclose(f);
	assert_int_equal(chown(path, 65534, 65534), 0);
	assert_true(atomicfile_write(path, "after\n", 6, &why));
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_uid, 65534);
	assert_int_equal(st.st_gid, 65534);
	unlink(path);
	rmdir(tmpl);
	free(path);
}

/* Whether this process may mount a tmpfs: root, and not a container that
 * forbids it. */
static bool
can_mount(char **why)
{
	char tmpl[] = "/tmp/dais-mount-XXXXXX";
	bool ok;

	if (geteuid() != 0) {
		*why = xstrdup("not root, so no tmpfs can be mounted");
		return false;
	}
	if (mkdtemp(tmpl) == NULL) {
		*why = xasprintf("mkdtemp: %s", strerror(errno));
		return false;
	}
	ok = mount("tmpfs", tmpl, "tmpfs", 0, "size=64k") == 0;
	if (!ok)
		*why =
		    xasprintf("mounting a tmpfs failed: %s", strerror(errno));
	else
		umount2(tmpl, MNT_DETACH);
	rmdir(tmpl);
	return ok;
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest mounted[] = {
	    cmocka_unit_test(test_disk_full),
	    cmocka_unit_test(test_read_only_filesystem),
	};
	const struct CMUnitTest plain[] = {
	    cmocka_unit_test(test_read_only_directory),
	    cmocka_unit_test(test_closed_directory),
	    cmocka_unit_test(test_read_only_file),
	    cmocka_unit_test(test_read_only_file_root),
	    cmocka_unit_test(test_file_deleted),
	    cmocka_unit_test(test_file_replaced_by_directory),
	    cmocka_unit_test(test_injected_failure),
	    cmocka_unit_test(test_injected_failure_of_one_file),
	    cmocka_unit_test(test_owner_kept),
	};
	char *why = NULL;

	if (argc > 1 && strcmp(argv[1], "mount") == 0) {
		if (!can_mount(&why)) {
			printf("skipped: %s; the disk-full and read-only "
			       "filesystem cases need it\n",
			       why);
			free(why);
			return 77;
		}
		return cmocka_run_group_tests(mounted, NULL, NULL);
	}
	return cmocka_run_group_tests(plain, NULL, NULL);
}
