/*
 * test_ics_buffer.c: ics_load_buffer (what the fuzzer reads through) gives
 * what ics_load_file gives, message for message and session for session,
 * on every .ics file of the fixtures, with CRLF or LF and with or without
 * the last newline; and a line of the file source's chunk size or over
 * ICS_MAX_LINE is read the same way by both.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dais/ics.h"
#include "dais/registry.h"
#include "dais/xalloc.h"
#include "helpers.h"
#include "ics_internal.h"

static char *
fixture(const char *name)
{
	const char *dir = getenv("FIXTURES");

	return xasprintf("%s/%s", dir != NULL ? dir : "tests/fixtures", name);
}

/* Everything a load left: its result, each message, each session. */
static char *
outcome(struct programme *p, bool ok, struct diag_list *d)
{
	size_t len = 0, i;
	char *s = NULL;
	FILE *fp = open_memstream(&s, &len);

	assert_non_null(fp);
	fprintf(fp, "ok=%d\n", ok);
	for (i = 0; i < d->n; i++) {
		char *m = diag_format(&d->v[i]);

		fprintf(fp, "%s\n", m);
		free(m);
	}
	programme_sort_sessions(p);
	for (i = 0; i < p->nsessions; i++) {
		const struct session *x = &p->sessions[i];

		fprintf(fp, "%s %lld %lld %lld %s %s %s %zu\n", x->uid,
		        (long long)x->recurrence_id, (long long)x->start,
		        (long long)x->end, x->title ? x->title : "-",
		        x->room_id ? x->room_id : "-", x->kind ? x->kind : "-",
		        x->nassign);
	}
	fclose(fp);
	return s;
}

/* Loads path both ways into copies of dir's registries; both the same. */
static void
same_both_ways(const char *dir, const char *path, const char *data, size_t len)
{
	struct diag_list d1 = {0}, d2 = {0}, rd = {0};
	struct programme *p1 = programme_new(), *p2 = programme_new();
	char *o1, *o2;
	bool ok1, ok2;

	registry_load(p1, dir, &rd);
	diag_clear(&rd);
	registry_load(p2, dir, &rd);
	diag_clear(&rd);
	ok1 = ics_load_file(p1, 0, path, "x.ics", &d1);
	ok2 = ics_load_buffer(p2, 0, data, len, "x.ics", &d2);
	o1 = outcome(p1, ok1, &d1);
	o2 = outcome(p2, ok2, &d2);
	if (strcmp(o1, o2) != 0)
		print_message("%s\n--- from the file:\n%s--- from memory:\n%s",
		              path, o1, o2);
	assert_string_equal(o1, o2);
	free(o1);
	free(o2);
	diag_clear(&d1);
	diag_clear(&d2);
	programme_free(p1);
	programme_free(p2);
}

/* The file as it is, with LF for CRLF, and without its last newline. */
static int
check_file(const char *dir, const char *path, const char *tmp)
{
	size_t len, i, k;
	char *data = helper_slurp(path, &len), *lf = xmalloc(len + 1);

	same_both_ways(dir, path, data, len);
	for (i = k = 0; i < len; i++)
		if (!(data[i] == '\r' && i + 1 < len && data[i + 1] == '\n'))
			lf[k++] = data[i];
	helper_spill(tmp, lf, k);
	same_both_ways(dir, tmp, lf, k);
	while (k > 0 && (lf[k - 1] == '\n' || lf[k - 1] == '\r'))
		k--;
	helper_spill(tmp, lf, k);
	same_both_ways(dir, tmp, lf, k);
	free(data);
	free(lf);
	return 1;
}

/* Every .ics file in programme/ of each fixture directory of `group`. */
static int
check_group(const char *group, const char *tmp)
{
	char *base = fixture(group);
	DIR *top = opendir(base);
	struct dirent *e;
	int files = 0;

	assert_non_null(top);
	while ((e = readdir(top)) != NULL) {
		char *dir = xasprintf("%s/%s", base, e->d_name);
		char *prog = xasprintf("%s/programme", dir);
		DIR *pd = e->d_name[0] == '.' ? NULL : opendir(prog);
		struct dirent *f;

		while (pd != NULL && (f = readdir(pd)) != NULL) {
			size_t n = strlen(f->d_name);
			char *path;

			if (n < 4 || strcmp(f->d_name + n - 4, ".ics") != 0)
				continue;
			path = xasprintf("%s/%s", prog, f->d_name);
			files += check_file(dir, path, tmp);
			free(path);
		}
		if (pd != NULL)
			closedir(pd);
		free(dir);
		free(prog);
	}
	closedir(top);
	free(base);
	return files;
}

static char *
temp_path(void)
{
	char *path = xstrdup("/tmp/dais-test-ics-buffer-XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	return path;
}

static void
test_fixtures_both_ways(void **state)
{
	char *tmp = temp_path();
	int files;

	(void)state;
	ics_init();
	files = check_group("load-ics", tmp);
	files += check_group(".", tmp); /* mini */
	/* 33 broken copies of mini and more: all of them were seen. */
	assert_true(files >= 30);
	unlink(tmp);
	free(tmp);
}

/* Lines around the file reader's 64 KiB chunks and past ICS_MAX_LINE. */
static void
test_long_lines_both_ways(void **state)
{
	static const size_t sizes[] = {
	    65535,           65536, 65537, 131072 + 7, ICS_MAX_LINE - 20,
	    ICS_MAX_LINE + 1};
	char *tmp = temp_path(), *mini = fixture("mini");
	size_t i;

	(void)state;
	ics_init();
	for (i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		size_t n = sizes[i], len;
		char *desc = xmalloc(n + 1), *data;

		memset(desc, 'x', n);
		desc[n] = '\0';
		data = xasprintf(
		    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
		    "BEGIN:VEVENT\r\nUID:long@test\r\n"
		    "DTSTAMP:20261001T000000Z\r\n"
		    "DTSTART;TZID=Asia/Kuwait:20261104T090000\r\n"
		    "DTEND;TZID=Asia/Kuwait:20261104T100000\r\n"
		    "DESCRIPTION:%s\r\n"
		    "SUMMARY:after\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
		    desc);
		len = strlen(data);
		helper_spill(tmp, data, len);
		same_both_ways(mini, tmp, data, len);
		free(desc);
		free(data);
	}
	unlink(tmp);
	free(tmp);
	free(mini);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fixtures_both_ways),
	    cmocka_unit_test(test_long_lines_both_ways),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
