/*
 * helpers.c: file and directory helpers shared by the io unit tests
 * (helpers.h), once instead of a copy in each test.
 */
#include "helpers.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dais/load.h"
#include "dais/xalloc.h"

char *
helper_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		fail_msg("cannot read %s", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	if (len != NULL)
		*len = (size_t)n;
	return buf;
}

void
helper_spill(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		fail_msg("cannot write %s", path);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

void
helper_spill_text(const char *path, const char *text)
{
	helper_spill(path, text, strlen(text));
}

char *
helper_copy_programme(const char *name, const char *ics)
{
	const char *fixtures = getenv("FIXTURES");
	char tmpl[] = "/tmp/dais-test-XXXXXX";
	char *dir, *cmd, *path;

	assert_non_null(fixtures);
	assert_non_null(mkdtemp(tmpl));
	dir = xstrdup(tmpl);
	cmd = xasprintf("cp -R '%s/%s/.' '%s'", fixtures, name, dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	if (ics != NULL) {
		path = xasprintf("%s/programme/sessions.ics", dir);
		helper_spill_text(path, ics);
		free(path);
	}
	return dir;
}

char *
helper_copy_example(void)
{
	const char *src = getenv("SRCDIR");
	char tmpl[] = "/tmp/dais-test-XXXXXX";
	char *dir, *cmd;

	assert_non_null(src);
	assert_non_null(mkdtemp(tmpl));
	dir = xstrdup(tmpl);
	cmd = xasprintf("cp -R '%s/data/kuwait-2026/.' '%s'", src, dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	return dir;
}

bool
helper_exists(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	bool there = access(path, F_OK) == 0;

	free(path);
	return there;
}

void
helper_remove_dir(char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(dir);
}

void
helper_print_diags(const struct diag_list *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		char *line = diag_format(&d->v[i]);

		print_message("  %s\n", line);
		free(line);
	}
}

struct programme *
helper_load_ok(const char *dir)
{
	struct diag_list diags = {0};
	struct programme *p = programme_load(dir, &diags);

	if (diag_count(&diags, DIAG_ERROR) > 0) {
		helper_print_diags(&diags);
		fail_msg("programme in %s did not load", dir);
	}
	diag_clear(&diags);
	return p;
}

void
helper_buf_add(struct helper_buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->v = xreallocarray(b->v, b->cap, 1);
	}
	memcpy(b->v + b->n, s, n);
	b->n += n;
	b->v[b->n] = '\0';
}
