/*
 * ical_baseline.c: yardsticks for `dais check`: libical alone parsing a
 * .ics file one VEVENT at a time.
 *
 *     ical_baseline FILE.ics            keep every component (libical's size)
 *     ical_baseline FILE.ics --free     free each VEVENT once parsed: the
 *                                       floor, the least any libical loader
 *                                       must do in time and in memory
 *     ical_baseline FILE.ics --whole    icalparser_parse on the whole file,
 *                                       to show why dais does not
 *     ical_baseline FILE.ics --hold     as --free, from a copy of the
 *                                       file's bytes held to the end: the
 *                                       memory floor of a loader that
 *                                       keeps the programme (the file's
 *                                       text is the programme as compactly
 *                                       as it is written; benchmarks.md)
 */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *
read_line(char *s, size_t size, void *d)
{
	return fgets(s, (int)size, (FILE *)d);
}

int
main(int argc, char **argv)
{
	icalcomponent **kept = NULL;
	size_t nkept = 0, cap = 0;
	int whole = argc > 2 && strcmp(argv[2], "--whole") == 0;
	int hold = argc > 2 && strcmp(argv[2], "--hold") == 0;
	/* The floor keeps nothing: each VEVENT is freed once whole. */
	int keep = !(argc > 2 && (strcmp(argv[2], "--free") == 0 || hold));
	char *bytes = NULL;
	icalparser *parser;
	FILE *f;

	if (argc < 2 || (f = fopen(argv[1], "r")) == NULL) {
		fprintf(stderr, "usage: ical_baseline FILE.ics [--free | "
		                "--hold | --whole]\n");
		return 2;
	}
	if (hold) {
		/* The whole file in memory, every page touched, parsed from
		 * there; freed only at the end. */
		long size;

		if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
		    fseek(f, 0, SEEK_SET) != 0 ||
		    (bytes = malloc((size_t)size + 1)) == NULL ||
		    fread(bytes, 1, (size_t)size, f) != (size_t)size) {
			fprintf(stderr, "ical_baseline: cannot read %s\n",
			        argv[1]);
			return 2;
		}
		fclose(f);
		f = fmemopen(bytes, (size_t)size, "r");
		if (f == NULL) {
			fprintf(stderr, "ical_baseline: fmemopen failed\n");
			return 2;
		}
	}
	parser = icalparser_new();
	if (whole) {
		icalcomponent *root;

		icalparser_set_gen_data(parser, f);
		root = icalparser_parse(parser, read_line);
		printf("%d events\n", root ? icalcomponent_count_components(
		                                 root, ICAL_VEVENT_COMPONENT)
		                           : 0);
		icalcomponent_free(root);
	} else {
		char *line = NULL, *pending = NULL;
		size_t linecap = 0, plen = 0;
		ssize_t len;
		int inside = 0;

		/* Unfold continuation lines, feed each VEVENT on its own. */
		for (;;) {
			len = getline(&line, &linecap, f);
			if (len > 0 && (line[0] == ' ' || line[0] == '\t') &&
			    pending != NULL) {
				while (len > 0 && (line[len - 1] == '\n' ||
				                   line[len - 1] == '\r'))
					line[--len] = '\0';
				pending = realloc(pending, plen + (size_t)len);
				memcpy(pending + plen, line + 1, (size_t)len);
				plen += (size_t)len - 1;
				continue;
			}
			if (pending != NULL) {
				if (strncmp(pending, "BEGIN:VEVENT", 12) == 0)
					inside = 1;
				if (inside) {
					icalcomponent *c = icalparser_add_line(
					    parser, pending);
					if (c != NULL && !keep) {
						icalcomponent_free(c);
						nkept++;
						inside = 0;
					} else if (c != NULL) {
						if (nkept == cap) {
							cap =
							    cap ? cap * 2 : 64;
							kept = realloc(
							    kept,
							    cap * sizeof *kept);
						}
						kept[nkept++] = c;
						inside = 0;
					}
				}
				/* add_line copies what it keeps. */
				free(pending);
				pending = NULL;
			}
			if (len <= 0)
				break;
			while (len > 0 &&
			       (line[len - 1] == '\n' || line[len - 1] == '\r'))
				line[--len] = '\0';
			pending = strdup(line);
			plen = (size_t)len;
		}
		free(line);
		printf("%zu events\n", nkept);
		for (size_t i = 0; keep && i < nkept; i++)
			icalcomponent_free(kept[i]);
		free(kept);
	}
	icalparser_free(parser);
	fclose(f);
	free(bytes);
	return 0;
}
