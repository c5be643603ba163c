/*
 * json.c: the one JSON string writer of the commands that print JSON
 * (check, slots).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "dais/textwidth.h"

void
cli_json_string(FILE *f, const char *s)
{
	size_t i, n;

	if (s == NULL) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (i = 0, n = strlen(s); i < n;) {
		unsigned int wc;
		size_t len = text_decode(s + i, n - i, &wc);

		if (wc == '"')
			fputs("\\\"", f);
		else if (wc == '\\')
			fputs("\\\\", f);
		else if (wc == '\n')
			fputs("\\n", f);
		else if (wc == '\r')
			fputs("\\r", f);
		else if (wc == '\t')
			fputs("\\t", f);
		else if (wc < 0x20)
			fprintf(f, "\\u%04x", wc);
		else if (wc == 0xfffd && len == 1)
			fputs("\xef\xbf\xbd", f);
		else
			fwrite(s + i, 1, len, f);
		i += len;
	}
	fputc('"', f);
}
