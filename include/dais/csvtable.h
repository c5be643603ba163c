/*
 * csvtable.h: a CSV file as spreadsheets and registration systems export
 * it, read whole with libcsv: UTF-8 with or without a byte-order mark,
 * comma, semicolon or tab separated (found from the header line), quoted
 * fields holding separators, doubled quotes and new lines. Each row keeps
 * the line it starts on, for messages.
 */
#ifndef DAIS_CSVTABLE_H
#define DAIS_CSVTABLE_H

#include <stdbool.h>
#include <stddef.h>

struct csv_row {
	char **cells; /* UTF-8, NUL-terminated; blanks around unquoted
	                 cells removed */
	size_t n;
	int line; /* 1-based line of the file the row starts on */
};

struct csv_table {
	struct csv_row *rows; /* rows[0] is the header; blank lines skipped */
	size_t nrows, caprows;
	char sep; /* the separator read with */
};

/*
 * Reads path into *t (zeroed). sep is ',', ';' or '\t', or 0 to take the
 * one the header line uses most outside quotes. False with *why (owned by
 * the caller, "FILE:LINE: what is wrong and what to do") when the file
 * cannot be read, is not UTF-8, has a malformed quoted field, or a row
 * with more cells than the header; *t is then empty.
 */
bool csv_table_read(const char *path, char sep, struct csv_table *t,
                    char **why);
void csv_table_clear(struct csv_table *t);

#endif
