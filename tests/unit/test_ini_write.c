/*
 * test_ini_write.c: the lossless INI writer (iniwrite.h). Over the example
 * and every INI fixture: unchanged, the text is the bytes read; one key
 * changed (to values that need care: ';' and '#', blanks at either end,
 * Arabic, quotes), exactly that line differs and iniparser reads back
 * every value as before but that one, which reads as asked. Then new keys
 * and sections, removal, refusals, and saving over a file changed on disk.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <iniparser/iniparser.h>

#include "dais/filehash.h"
#include "dais/iniwrite.h"
#include "dais/xalloc.h"

static char tmpdir[] = "/tmp/dais-ini-write-XXXXXX";

static int
quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static dictionary *
parse(const char *text)
{
	char *path = xasprintf("%s/parse.ini", tmpdir);
	dictionary *d;

	write_file(path, text);
	d = iniparser_load(path);
	free(path);
	return d;
}

/* Splits text at '\n' into *n lines (pointers into a copy, *buf). */
static char **
split(const char *text, size_t *n, char **buf)
{
	char **v = NULL, *p;
	size_t cap = 0;

	*buf = xstrdup(text);
	*n = 0;
	for (p = *buf; *p != '\0';) {
		char *nl = strchr(p, '\n');

		XGROW(v, *n, cap);
		v[(*n)++] = p;
		if (nl == NULL)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	return v;
}

/* The number of lines that differ; *which the last of them. */
static size_t
lines_differing(const char *a, const char *b, size_t *which)
{
	char *ba, *bb, **la, **lb;
	size_t na, nb, i, diff = 0;

	la = split(a, &na, &ba);
	lb = split(b, &nb, &bb);
	assert_int_equal(na, nb);
	for (i = 0; i < na; i++)
		if (strcmp(la[i], lb[i]) != 0) {
			diff++;
			*which = i;
		}
	free(la);
	free(lb);
	free(ba);
	free(bb);
	return diff;
}

static const char *const awkward[] = {
    "Head of Delegation; Kuwait # first",
    "  blanks at both ends  ",
    "وزير الداخلية — الكويت",
    "He said \"yes\"",
    "O'Brien",
    "",
    "42",
    "a = b",
    "ends in a backslash\\",
};

/* Every value of before equals after's, but "sec:key" which is want. */
static void
same_values(dictionary *before, dictionary *after, const char *changed,
            const char *want)
{
	ssize_t i;
	int n = 0;

	for (i = 0; i < before->size; i++) {
		const char *k = before->key[i], *v;

		if (k == NULL)
			continue;
		n++;
		v = iniparser_getstring(after, k, NULL);
		if (before->val[i] == NULL) {
			assert_null(v);
			continue;
		}
		assert_non_null(v);
		if (strcmp(k, changed) == 0)
			assert_string_equal(v, want);
		else
			assert_string_equal(v, before->val[i]);
	}
	assert_true(n > 0);
	assert_int_equal(before->n, after->n);
}

static int files_tried, keys_changed;

/* Unchanged: the same bytes. Then, for each section, one key changed. */
static void
round_trip(const char *path)
{
	char *text, *why = NULL;
	size_t len, n;
	struct ini_doc *doc = ini_doc_load(path, &why);
	char *out;
	dictionary *before;
	int s, nsec;

	assert_non_null(doc);
	out = ini_doc_text(doc, &n);
	text = read_file(path, &len);
	assert_int_equal(n, len);
	assert_memory_equal(out, text, len);
	assert_true(ini_doc_fingerprint(doc) == filehash_bytes(text, len));
	free(out);
	files_tried++;
	before = iniparser_load(path);
	if (before == NULL) { /* a fixture iniparser refuses: bytes only */
		ini_doc_free(doc);
		free(text);
		return;
	}
	nsec = iniparser_getnsec(before);
	for (s = 0; s < nsec; s++) {
		const char *sec = iniparser_getsecname(before, s);
		int nk = iniparser_getsecnkeys(before, sec);
		const char **keys;
		const char *value =
		    awkward[(size_t)s % (sizeof awkward / sizeof *awkward)];
		struct ini_doc *d2;
		dictionary *after;
		size_t which = 0;
		char *full, *got;

		if (nk == 0)
			continue;
		keys = xreallocarray(NULL, (size_t)nk, sizeof *keys);
		iniparser_getseckeys(before, sec, keys);
		full = xstrdup(keys[s % nk]);
		free(keys);
		if (s == 0) {
			/* Once per file through a real save, over a copy. */
			char *copy = xasprintf("%s/copy.ini", tmpdir);

			write_file(copy, text);
			d2 = ini_doc_load(copy, &why);
			assert_non_null(d2);
			assert_true(ini_doc_set(d2, sec, strchr(full, ':') + 1,
			                        value, &why));
			assert_int_equal(ini_doc_save(d2, &why), INI_SAVED);
			out = read_file(copy, &n);
			unlink(copy);
			free(copy);
		} else {
			d2 = ini_doc_from_text(path, text, len);
			assert_true(ini_doc_set(d2, sec, strchr(full, ':') + 1,
			                        value, &why));
			out = ini_doc_text(d2, &n);
		}
		assert_true(lines_differing(text, out, &which) <= 1);
		after = parse(out);
		assert_non_null(after);
		same_values(before, after, full, value);
		got = ini_doc_get(d2, sec, strchr(full, ':') + 1);
		assert_non_null(got);
		assert_string_equal(got, value);
		free(got);
		iniparser_freedict(after);
		free(out);
		free(full);
		ini_doc_free(d2);
		keys_changed++;
	}
	iniparser_freedict(before);
	ini_doc_free(doc);
	free(text);
}

static void
round_trip_dir(const char *dir)
{
	static const char *const names[] = {"conference.ini", "venues.ini",
	                                    "participants.ini"};
	size_t i;

	for (i = 0; i < 3; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		struct stat st;

		if (stat(path, &st) == 0)
			round_trip(path);
		free(path);
	}
}

static void
test_round_trip_example_and_fixtures(void **state)
{
	const char *src = getenv("SRCDIR"), *fx = getenv("FIXTURES");
	char *dir, *ini;
	DIR *dd;
	struct dirent *e;

	(void)state;
	dir = xasprintf("%s/data/kuwait-2026", src != NULL ? src : ".");
	round_trip_dir(dir);
	free(dir);
	/* The example: 3 files, and a key changed in each of its sections
	 * (126 participants, 11 buildings and rooms, 2 in conference.ini). */
	assert_int_equal(files_tried, 3);
	assert_true(keys_changed > 130);
	ini = xasprintf("%s/load-ini", fx != NULL ? fx : "tests/fixtures");
	dd = opendir(ini);
	assert_non_null(dd);
	while ((e = readdir(dd)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		dir = xasprintf("%s/%s", ini, e->d_name);
		round_trip_dir(dir);
		free(dir);
	}
	closedir(dd);
	free(ini);
	print_message("%d files, %d keys changed one at a time\n", files_tried,
	              keys_changed);
	assert_true(files_tried > 100);
}

static const char sample[] = "; The rooms.\n"
                             "\n"
                             "[building.jacc]\n"
                             "name = \"Main Building\"\n"
                             "\n"
                             "; Booths for five languages.\n"
                             "[room.plenary]\n"
                             "name = \"Main Plenary Hall\" ; the big one\n"
                             "capacity = 600\n"
                             "custom-key = 'kept as written'\n"
                             "\n"
                             "[room.side-a]\n"
                             "name = Side Event Room A\n"
                             "capacity = 120\n"
                             "\n"
                             "; Outside.\n"
                             "[other]\n"
                             "x = 1\n";

static char *
edited(struct ini_doc *d)
{
	size_t n;

	return ini_doc_text(d, &n);
}

static void
test_in_place_keeps_style(void **state)
{
	struct ini_doc *d = ini_doc_from_text("v.ini", sample, strlen(sample));
	char *why = NULL, *out, *want;

	(void)state;
	assert_true(ini_doc_set(d, "room.plenary", "capacity", "580", &why));
	assert_true(ini_doc_set(d, "Room.Plenary", "NAME", "Hall A", &why));
	assert_true(
	    ini_doc_set(d, "room.side-a", "name", "Room A; east", &why));
	assert_true(
	    ini_doc_set(d, "room.plenary", "custom-key", "say \"hi\"", &why));
	out = edited(d);
	want = xstrdup(sample);
	assert_non_null(strstr(out, "capacity = 580\n"));
	assert_non_null(strstr(out, "name = \"Hall A\" ; the big one\n"));
	assert_non_null(strstr(out, "name = \"Room A; east\"\n"));
	assert_non_null(strstr(out, "custom-key = 'say \"hi\"'\n"));
	assert_non_null(strstr(out, "; Booths for five languages.\n"));
	assert_true(ini_doc_changed(d));
	free(out);
	free(want);
	/* Setting the value it has changes nothing. */
	ini_doc_free(d);
	d = ini_doc_from_text("v.ini", sample, strlen(sample));
	assert_true(ini_doc_set(d, "room.side-a", "capacity", "120", &why));
	assert_false(ini_doc_changed(d));
	ini_doc_free(d);
}

static void
test_new_keys_and_sections(void **state)
{
	struct ini_doc *d = ini_doc_from_text("v.ini", sample, strlen(sample));
	char *why = NULL, *out, *v;
	const char *a, *b, *c;
	dictionary *dict;

	(void)state;
	assert_true(
	    ini_doc_set(d, "room.plenary", "languages", "ar, en", &why));
	assert_true(ini_doc_set(d, "room.press", "name", "Press Room", &why));
	assert_true(ini_doc_set(d, "room.press", "capacity", "80", &why));
	assert_true(ini_doc_set(d, "amal", "name", "Amal", &why));
	assert_true(ini_doc_add_section(d, "room.z", "building.jacc", &why));
	out = edited(d);
	/* The new key after the section's last key, before its blank. */
	assert_non_null(strstr(out, "custom-key = 'kept as written'\n"
	                            "languages = \"ar, en\"\n\n"));
	/* A new room after the last room, before the comment of [other]. */
	a = strstr(out, "capacity = 120\n\n[room.press]\nname = \"Press "
	                "Room\"\ncapacity = 80\n");
	b = strstr(out, "; Outside.\n[other]");
	assert_non_null(a);
	assert_non_null(b);
	assert_true(a < b);
	/* A section of no kind at the end; one placed after a given one. */
	c = strstr(out, "x = 1\n\n[amal]\nname = \"Amal\"\n");
	assert_non_null(c);
	assert_non_null(strstr(out, "name = \"Main Building\"\n\n[room.z]\n"));
	dict = parse(out);
	assert_string_equal(iniparser_getstring(dict, "room.press:name", ""),
	                    "Press Room");
	assert_string_equal(iniparser_getstring(dict, "amal:name", ""), "Amal");
	iniparser_freedict(dict);
	v = ini_doc_get(d, "room.plenary", "languages");
	assert_string_equal(v, "ar, en");
	free(v);
	free(out);
	ini_doc_free(d);
	/* An empty file gets its first section without a blank line above. */
	d = ini_doc_from_text("new.ini", "", 0);
	assert_true(ini_doc_set(d, "conference", "name", "X", &why));
	out = edited(d);
	assert_string_equal(out, "[conference]\nname = \"X\"\n");
	free(out);
	ini_doc_free(d);
}

static void
test_remove(void **state)
{
	struct ini_doc *d = ini_doc_from_text("v.ini", sample, strlen(sample));
	char *why = NULL, *out;

	(void)state;
	assert_true(ini_doc_set(d, "room.plenary", "custom-key", NULL, &why));
	assert_true(ini_doc_remove_section(d, "room.side-a"));
	assert_false(ini_doc_remove_section(d, "room.none"));
	assert_true(ini_doc_remove_section(d, "other"));
	out = edited(d);
	assert_string_equal(out, "; The rooms.\n"
	                         "\n"
	                         "[building.jacc]\n"
	                         "name = \"Main Building\"\n"
	                         "\n"
	                         "; Booths for five languages.\n"
	                         "[room.plenary]\n"
	                         "name = \"Main Plenary Hall\" ; the big one\n"
	                         "capacity = 600\n");
	free(out);
	ini_doc_free(d);
}

static void
test_crlf_and_continuation(void **state)
{
	const char *text = "[a]\r\nname = \"x\"\r\nlong = one \\\r\n two\r\n";
	struct ini_doc *d = ini_doc_from_text("c.ini", text, strlen(text));
	char *why = NULL, *out, *v;

	(void)state;
	v = ini_doc_get(d, "a", "long");
	assert_string_equal(v, "one  two");
	free(v);
	assert_true(ini_doc_set(d, "a", "name", "y", &why));
	assert_true(ini_doc_set(d, "a", "long", "three", &why));
	assert_true(ini_doc_set(d, "a", "new", "n", &why));
	out = edited(d);
	assert_string_equal(out, "[a]\r\nname = \"y\"\r\nlong = \"three\"\r\n"
	                         "new = \"n\"\r\n");
	free(out);
	ini_doc_free(d);
}

static void
test_refusals(void **state)
{
	struct ini_doc *d = ini_doc_from_text("v.ini", sample, strlen(sample));
	char *why = NULL, *big, *before, *after;

	(void)state;
	before = edited(d);
	assert_false(ini_doc_set(d, "other", "x", "two\nlines", &why));
	assert_non_null(strstr(why, "line break"));
	free(why);
	why = NULL;
	assert_false(ini_doc_set(d, "other", "x", "\"both' quotes", &why));
	assert_non_null(strstr(why, "both"));
	free(why);
	why = NULL;
	big = xmalloc(1100);
	memset(big, 'a', 1099);
	big[1099] = '\0';
	assert_false(ini_doc_set(d, "other", "x", big, &why));
	assert_non_null(strstr(why, "1022"));
	free(why);
	why = NULL;
	free(big);
	assert_false(ini_doc_set(d, "bad]name", "x", "1", &why));
	free(why);
	why = NULL;
	assert_false(ini_doc_set(d, "other", "k=v", "1", &why));
	free(why);
	after = edited(d);
	assert_string_equal(before, after);
	assert_false(ini_doc_changed(d));
	free(before);
	free(after);
	ini_doc_free(d);
}

static void
test_save_and_external_change(void **state)
{
	char *path = xasprintf("%s/venues.ini", tmpdir), *why = NULL, *text;
	struct ini_doc *d, *d2;
	size_t len;

	(void)state;
	write_file(path, sample);
	d = ini_doc_load(path, &why);
	assert_non_null(d);
	assert_true(ini_doc_set(d, "room.side-a", "capacity", "100", &why));
	assert_int_equal(ini_doc_save(d, &why), INI_SAVED);
	text = read_file(path, &len);
	assert_non_null(strstr(text, "capacity = 100\n"));
	assert_true(ini_doc_fingerprint(d) == filehash_bytes(text, len));
	free(text);
	/* Somebody edits the file: the next save is refused, file kept. */
	write_file(path, "[room.side-a]\ncapacity = 7\n");
	assert_true(ini_doc_set(d, "room.side-a", "capacity", "90", &why));
	assert_int_equal(ini_doc_save(d, &why), INI_CHANGED_ON_DISK);
	assert_non_null(strstr(why, "changed by another program"));
	assert_non_null(strstr(why, path));
	free(why);
	why = NULL;
	text = read_file(path, &len);
	assert_string_equal(text, "[room.side-a]\ncapacity = 7\n");
	free(text);
	/* Deleted: refused too. */
	unlink(path);
	assert_int_equal(ini_doc_save(d, &why), INI_CHANGED_ON_DISK);
	free(why);
	why = NULL;
	ini_doc_free(d);
	/* A missing file is made; made meanwhile by someone: refused. */
	d = ini_doc_load(path, &why);
	d2 = ini_doc_load(path, &why);
	assert_true(ini_doc_fingerprint(d) == 0);
	assert_true(ini_doc_set(d, "a", "b", "c", &why));
	assert_true(ini_doc_set(d2, "a", "b", "d", &why));
	assert_int_equal(ini_doc_save(d, &why), INI_SAVED);
	assert_int_equal(ini_doc_save(d2, &why), INI_CHANGED_ON_DISK);
	free(why);
	why = NULL;
	/* A fingerprint from an earlier read, given by the caller. */
	ini_doc_expect(d2, ini_doc_fingerprint(d));
	assert_int_equal(ini_doc_save(d2, &why), INI_SAVED);
	ini_doc_free(d);
	ini_doc_free(d2);
	unlink(path);
	free(path);
}

static void
test_merge_changed_on_disk(void **state)
{
	char *path = xasprintf("%s/merge.ini", tmpdir), *why = NULL, *text;
	struct strlist diffs = {0};
	struct ini_doc *d;
	dictionary *dict;
	size_t len;

	(void)state;
	write_file(path, sample);
	d = ini_doc_load(path, &why);
	assert_true(ini_doc_set(d, "room.side-a", "capacity", "100", &why));
	assert_true(ini_doc_set(d, "room.new", "name", "New Room", &why));
	/* Somebody else changes another key, and adds a section. */
	text = xstrdup(sample);
	{
		char *at = strstr(text, "capacity = 600");
		char *edited = xasprintf(
		    "%.*scapacity = 650%s\n[amal]\nx = 2\n", (int)(at - text),
		    text, at + strlen("capacity = 600"));

		write_file(path, edited);
		free(edited);
	}
	free(text);
	assert_int_equal(ini_doc_save(d, &why), INI_CHANGED_ON_DISK);
	free(why);
	why = NULL;
	assert_true(ini_doc_disk_differences(d, &diffs, &why));
	assert_true(strlist_has(&diffs, "[room.plenary] capacity"));
	assert_true(strlist_has(&diffs, "[amal] x"));
	assert_true(strlist_has(&diffs, "[amal]"));
	assert_false(strlist_has(&diffs, "[room.side-a] capacity"));
	strlist_clear(&diffs);
	/* No key changed on both sides: the merge keeps both. */
	assert_true(ini_doc_merge(d, &why));
	assert_int_equal(ini_doc_save(d, &why), INI_SAVED);
	dict = iniparser_load(path);
	assert_int_equal(iniparser_getint(dict, "room.plenary:capacity", 0),
	                 650);
	assert_int_equal(iniparser_getint(dict, "room.side-a:capacity", 0),
	                 100);
	assert_string_equal(iniparser_getstring(dict, "room.new:name", ""),
	                    "New Room");
	assert_int_equal(iniparser_getint(dict, "amal:x", 0), 2);
	iniparser_freedict(dict);
	/* Now both change [room.side-a] capacity: refused, named. */
	assert_true(ini_doc_set(d, "room.side-a", "capacity", "90", &why));
	text = read_file(path, &len);
	{
		char *at = strstr(text, "capacity = 100");
		char *edited =
		    xasprintf("%.*scapacity = 95%s", (int)(at - text), text,
		              at + strlen("capacity = 100"));

		write_file(path, edited);
		free(edited);
	}
	free(text);
	assert_int_equal(ini_doc_save(d, &why), INI_CHANGED_ON_DISK);
	free(why);
	why = NULL;
	assert_false(ini_doc_merge(d, &why));
	assert_non_null(strstr(why, "changed on disk and here: "
	                            "[room.side-a] capacity"));
	free(why);
	why = NULL;
	text = read_file(path, &len);
	assert_non_null(strstr(text, "capacity = 95\n"));
	free(text);
	ini_doc_free(d);
	unlink(path);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip_example_and_fixtures),
	    cmocka_unit_test(test_in_place_keeps_style),
	    cmocka_unit_test(test_new_keys_and_sections),
	    cmocka_unit_test(test_remove),
	    cmocka_unit_test(test_crlf_and_continuation),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_save_and_external_change),
	    cmocka_unit_test(test_merge_changed_on_disk),
	};
	char *path;
	int rc;

	iniparser_set_error_callback(quiet);
	assert_non_null(mkdtemp(tmpdir));
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	path = xasprintf("%s/parse.ini", tmpdir);
	unlink(path);
	free(path);
	rmdir(tmpdir);
	return rc;
}
