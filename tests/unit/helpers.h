/*
 * helpers.h: what the io unit tests share: reading and writing whole
 * files, a fresh copy of a fixture programme or of the Kuwait example in a
 * temporary directory, removing it again, and loading a programme that
 * must load. Each fails the running cmocka test on an error.
 */
#ifndef DAIS_TEST_HELPERS_H
#define DAIS_TEST_HELPERS_H

#include <stdbool.h>
#include <stddef.h>

/* The whole file (NUL-terminated; *len its length when len is not
 * NULL). The caller frees it. */
char *helper_slurp(const char *path, size_t *len);
/* Writes len bytes of data as the whole file. */
void helper_spill(const char *path, const char *data, size_t len);
/* helper_spill of a string. */
void helper_spill_text(const char *path, const char *text);

/*
 * A fresh copy of tests/fixtures/NAME (conference.ini, venues.ini,
 * participants.ini and programme/) in a new directory under /tmp; when
 * `ics` is not NULL it replaces programme/sessions.ics. The caller frees
 * the name and removes the directory with helper_remove_dir.
 */
char *helper_copy_programme(const char *name, const char *ics);
/*
 * A fresh copy of the example programme data/kuwait-2026 (under $SRCDIR)
 * in a new directory under /tmp; the same ownership as
 * helper_copy_programme.
 */
char *helper_copy_example(void);
/* Whether dir/name exists (any kind of file). */
bool helper_exists(const char *dir, const char *name);
/* Removes dir and everything in it, and frees the name. */
void helper_remove_dir(char *dir);

struct diag_list;
/* Each of d's messages on its own line, as dais prints it. */
void helper_print_diags(const struct diag_list *d);

struct programme;
/*
 * programme_load of dir, which must give no error: otherwise every
 * message is printed and the test fails. The caller frees the programme.
 */
struct programme *helper_load_ok(const char *dir);

/* A growing string. */
struct helper_buf {
	char *v; /* NUL-terminated; NULL until something is added */
	size_t n, cap;
};
void helper_buf_add(struct helper_buf *b, const char *s, size_t n);

#endif
