/*
 * test_csvtable.c: CSV files as spreadsheets write them (csvtable.h): the
 * byte-order mark dropped, the separator found from the header, quoted
 * cells with separators, doubled quotes and new lines, the line each row
 * starts on, a last row without a new line; and each broken file refused
 * with the line to look at.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "dais/csvtable.h"
#include "dais/xalloc.h"

static char path[] = "/tmp/dais-csvtable-XXXXXX";

static void
put(const char *text)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
test_spreadsheet_export(void **state)
{
	struct csv_table t;
	char *why = NULL;

	(void)state;
	put("\xef\xbb\xbfID;Name;Title\r\n"
	    "a;\"Minister of Interior, Local Authorities\";\"x; y\"\r\n"
	    "\r\n"
	    "b;\"Said \"\"yes\"\"\";\"two\r\nlines\"\r\n"
	    "c;  وزير الداخلية  ;last");
	assert_true(csv_table_read(path, 0, &t, &why));
	assert_int_equal(t.sep, ';');
	assert_int_equal(t.nrows, 4);
	assert_string_equal(t.rows[0].cells[0], "ID"); /* no BOM left */
	assert_int_equal(t.rows[0].line, 1);
	assert_string_equal(t.rows[1].cells[1],
	                    "Minister of Interior, Local Authorities");
	assert_string_equal(t.rows[1].cells[2], "x; y");
	assert_int_equal(t.rows[1].line, 2);
	assert_string_equal(t.rows[2].cells[1], "Said \"yes\"");
	assert_string_equal(t.rows[2].cells[2], "two\r\nlines");
	assert_int_equal(t.rows[2].line, 4); /* after a blank line */
	assert_int_equal(t.rows[3].line, 6); /* after a cell of two lines */
	assert_string_equal(t.rows[3].cells[1], "وزير الداخلية");
	assert_string_equal(t.rows[3].cells[2], "last"); /* no final newline */
	csv_table_clear(&t);
}

static void
test_separators(void **state)
{
	struct csv_table t;
	char *why = NULL;

	(void)state;
	put("id\tname\nx\t A B \n");
	assert_true(csv_table_read(path, 0, &t, &why));
	assert_int_equal(t.sep, '\t');
	assert_string_equal(t.rows[1].cells[1], "A B");
	csv_table_clear(&t);
	put("id,name\nx,\"a;b\"\n");
	assert_true(csv_table_read(path, 0, &t, &why));
	assert_int_equal(t.sep, ',');
	assert_string_equal(t.rows[1].cells[1], "a;b");
	csv_table_clear(&t);
	/* Told: the header's own is not asked. */
	put("id,name\nx,y\n");
	assert_true(csv_table_read(path, ';', &t, &why));
	assert_int_equal(t.rows[0].n, 1);
	assert_string_equal(t.rows[1].cells[0], "x,y");
	csv_table_clear(&t);
}

static void
refused(const char *text, const char *want)
{
	struct csv_table t;
	char *why = NULL, *full;

	put(text);
	assert_false(csv_table_read(path, 0, &t, &why));
	assert_int_equal(t.nrows, 0);
	full = xasprintf("%s:%s", path, want);
	if (strstr(why, full) == NULL)
		fail_msg("got: %s\nwant: %s", why, full);
	free(full);
	free(why);
}

static void
test_broken(void **state)
{
	(void)state;
	refused("a,b\nc,\"d\ne\n", "2: a quoted cell is never closed");
	refused("a,b\nc,d\ne,\"f\"g\n", "3: a quoted cell is malformed");
	refused("a,b\n\"x\ny\",z\nc,d,e\n", "4: 3 cells, but the header has 2");
	refused("a,b\nc,d\nCaf\xe9,x\n", "3: this line is not UTF-8 text");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_spreadsheet_export),
	    cmocka_unit_test(test_separators),
	    cmocka_unit_test(test_broken),
	};
	int fd = mkstemp(path), rc;

	assert_true(fd >= 0);
	close(fd);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	unlink(path);
	return rc;
}
