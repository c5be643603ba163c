/*
 * csvtable.c: CSV files through libcsv (csvtable.h). libcsv keeps a UTF-8
 * byte-order mark in the first cell and drops the last row unless
 * csv_fini is called (LIBRARY-NOTES.md); both are handled here. The file
 * is fed to libcsv a line at a time so that every row and every error
 * can be given its line.
 */
#include "dais/csvtable.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/fileread.h"
#include "dais/textwidth.h"
#include "dais/xalloc.h"

/* A registration list is thousands of rows; this is far past any. */
#define CSV_FILE_MAX ((size_t)64 * 1024 * 1024)

struct reader {
	struct csv_table *t;
	struct csv_row row; /* being read */
	size_t caprow;
	int line;          /* the line being fed */
	int newlines;      /* inside the row's cells so far */
	int last_row_line; /* where the last complete row ended */
	const char *path;
	char *why;
};

static void
on_cell(void *s, size_t len, void *data)
{
	struct reader *r = data;
	const char *c = s != NULL ? s : "";
	size_t i;

	for (i = 0; i < len; i++)
		if (c[i] == '\n')
			r->newlines++;
	XGROW(r->row.cells, r->row.n, r->caprow);
	r->row.cells[r->row.n++] = xstrndup(c, len);
}

static void
on_row(int term, void *data)
{
	struct reader *r = data;
	struct csv_table *t = r->t;

	(void)term;
	r->row.line = r->line - r->newlines;
	r->newlines = 0;
	r->last_row_line = r->line;
	XGROW(t->rows, t->nrows, t->caprows);
	t->rows[t->nrows++] = r->row;
	memset(&r->row, 0, sizeof r->row);
	r->caprow = 0;
}

static void
row_free(struct csv_row *row)
{
	size_t i;

	for (i = 0; i < row->n; i++)
		free(row->cells[i]);
	free(row->cells);
	memset(row, 0, sizeof *row);
}

void
csv_table_clear(struct csv_table *t)
{
	size_t i;

	for (i = 0; i < t->nrows; i++)
		row_free(&t->rows[i]);
	free(t->rows);
	memset(t, 0, sizeof *t);
}

/* The separator the first line uses most outside quotes (',' on a tie
 * or none: a one-column file). */
static char
guess_sep(const char *text, size_t len)
{
	size_t i, comma = 0, semi = 0, tab = 0;
	bool quoted = false;

	for (i = 0; i < len && (quoted || text[i] != '\n'); i++) {
		if (text[i] == '"')
			quoted = !quoted;
		else if (!quoted && text[i] == ',')
			comma++;
		else if (!quoted && text[i] == ';')
			semi++;
		else if (!quoted && text[i] == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

/* The first line whose bytes are not UTF-8, or 0. */
static int
bad_utf8_line(const char *text, size_t len)
{
	size_t i = 0;
	int line = 1;

	while (i < len) {
		unsigned int wc;
		size_t n = text_decode(text + i, len - i, &wc);

		if (wc == 0xfffd && n == 1)
			return line;
		if (text[i] == '\n')
			line++;
		i += n;
	}
	return 0;
}

static const char *
sep_name(char sep)
{
	return sep == '\t' ? "tab" : sep == ';' ? ";" : ",";
}

/* With tab as the separator, only spaces are trimmed around cells. */
static int
is_space_only(unsigned char c)
{
	return c == ' ';
}

static char *
read_all(const char *path, size_t *len, char **why)
{
	char *cause = NULL,
	     *text = fileread_all(path, CSV_FILE_MAX, len, &cause);

	if (text != NULL)
		return text;
	if (errno == EFBIG)
		*why = xasprintf("%s: over %ld MB: this is not a list of "
		                 "participants",
		                 path, (long)(CSV_FILE_MAX >> 20));
	else
		*why = xasprintf("%s: cannot read the file: %s", path, cause);
	free(cause);
	return NULL;
}

bool
csv_table_read(const char *path, char sep, struct csv_table *t, char **why)
{
	struct reader r = {0};
	struct csv_parser p;
	size_t len, i = 0, k;
	char *text = read_all(path, &len, why), *body;
	int bad;

	memset(t, 0, sizeof *t);
	if (text == NULL)
		return false;
	body = text;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		body += 3;
		len -= 3;
	}
	if ((bad = bad_utf8_line(body, len)) != 0) {
		*why =
		    xasprintf("%s:%d: this line is not UTF-8 text: save the "
		              "list as CSV in UTF-8 (in Excel: \"CSV UTF-8\"; "
		              "in LibreOffice: character set Unicode "
		              "(UTF-8))",
		              path, bad);
		free(text);
		return false;
	}
	t->sep = sep != 0 ? sep : guess_sep(body, len);
	r.t = t;
	r.path = path;
	r.line = 1;
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_delim(&p, (unsigned char)t->sep);
	if (t->sep == '\t')
		csv_set_space_func(&p, is_space_only);
	while (i < len) {
		const char *nl = memchr(body + i, '\n', len - i);
		size_t n = nl != NULL ? (size_t)(nl - (body + i)) + 1 : len - i;

		if (csv_parse(&p, body + i, n, on_cell, on_row, &r) != n) {
			*why = xasprintf(
			    "%s:%d: a quoted cell is malformed: inside quotes "
			    "a quote is written twice (\"\"), and a closing "
			    "quote is followed by the separator '%s' or the "
			    "end of the line",
			    path, r.line, sep_name(t->sep));
			goto fail;
		}
		if (nl != NULL)
			r.line++;
		i += n;
	}
	if (csv_fini(&p, on_cell, on_row, &r) != 0) {
		*why =
		    xasprintf("%s:%d: a quoted cell is never closed: it runs "
		              "from this row to the end of the file; add the "
		              "closing quote",
		              path, r.last_row_line + 1);
		goto fail;
	}
	csv_free(&p);
	row_free(&r.row);
	free(text);
	for (k = 1; k < t->nrows; k++) {
		if (t->rows[k].n > t->rows[0].n) {
			*why = xasprintf(
			    "%s:%d: %zu cells, but the header has %zu: a "
			    "separator '%s' inside a cell needs the cell in "
			    "double quotes",
			    path, t->rows[k].line, t->rows[k].n, t->rows[0].n,
			    sep_name(t->sep));
			csv_table_clear(t);
			return false;
		}
	}
	return true;
fail:
	csv_free(&p);
	row_free(&r.row);
	free(text);
	csv_table_clear(t);
	return false;
}
