/*
 * test_textwidth.c: UTF-8 text measured, cut, padded and wrapped by
 * terminal columns (textwidth.h), on the scripts of the conference: Arabic,
 * Tajik and Russian Cyrillic, Chinese, combining marks and broken bytes.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dais/textwidth.h"

#define ARABIC  "وزير الداخلية"       /* 13 letters and a space */
#define HARAKAT "مُحَمَّد"                /* 4 letters, 4 marks */
#define TAJIK   "Ҷумҳурии Тоҷикистон" /* 19 columns */
#define CHINESE "中华人民共和国"      /* 7 characters, 14 columns */
#define ACUTE   "\xcc\x81"            /* U+0301 COMBINING ACUTE ACCENT */

/* True when s is well-formed UTF-8 (no replacement needed anywhere). */
static int
valid_utf8(const char *s)
{
	size_t n = strlen(s), i = 0;

	while (i < n) {
		unsigned int wc;
		size_t len = text_decode(s + i, n - i, &wc);

		if (wc == 0xfffd && len == 1)
			return 0;
		i += len;
	}
	return 1;
}

static void
free_lines(char **lines, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("Kuwait City"), 11);
	assert_int_equal(text_width(ARABIC), 13);
	assert_int_equal(text_width(HARAKAT), 4);
	assert_int_equal(text_width(TAJIK), 19);
	assert_int_equal(text_width("Душанбе"), 7);
	assert_int_equal(text_width(CHINESE), 14);
	assert_int_equal(text_width("Cafe" ACUTE), 4);
	assert_int_equal(text_width("e" ACUTE ACUTE ACUTE), 1);
	/* A tab is one cell; so is each byte that is not UTF-8. */
	assert_int_equal(text_width("a\tb"), 3);
	assert_int_equal(text_width("a\xff"
	                            "b"),
	                 3);
	assert_int_equal(text_width("\xe2\x82"), 2);         /* cut short */
	assert_int_equal(text_width("\xc0\xaf"), 2);         /* overlong '/' */
	assert_int_equal(text_width("\xed\xa0\x80"), 3);     /* a surrogate */
	assert_int_equal(text_width("\xf4\x90\x80\x80"), 4); /* > U+10FFFF */
}

static void
test_decode(void **state)
{
	unsigned int wc;

	(void)state;
	assert_int_equal(text_decode("A", 1, &wc), 1);
	assert_int_equal(wc, 'A');
	assert_int_equal(text_decode("Д", 2, &wc), 2);
	assert_int_equal(wc, 0x0414);
	assert_int_equal(text_decode("中", 3, &wc), 3);
	assert_int_equal(wc, 0x4e2d);
	assert_int_equal(text_decode("\xf0\x9f\x98\x80", 4, &wc), 4);
	assert_int_equal(wc, 0x1f600);
	/* Not enough bytes left for the sequence. */
	assert_int_equal(text_decode("中", 2, &wc), 1);
	assert_int_equal(wc, 0xfffd);
	assert_int_equal(text_decode("\x80", 1, &wc), 1);
	assert_int_equal(wc, 0xfffd);
	assert_int_equal(text_decode("", 0, &wc), 0);
}

static void
test_truncate(void **state)
{
	char *t;

	(void)state;
	t = text_truncate("Душанбе", 4);
	assert_string_equal(t, "Душ…");
	free(t);
	t = text_truncate("Душанбе", 7);
	assert_string_equal(t, "Душанбе");
	free(t);
	t = text_truncate(ARABIC, 5);
	assert_string_equal(t, "وزير…");
	assert_int_equal(text_width(t), 5);
	free(t);
	/* A wide character that does not fit is left out, not split. */
	t = text_truncate(CHINESE, 5);
	assert_string_equal(t, "中华…");
	free(t);
	t = text_truncate(CHINESE, 4);
	assert_string_equal(t, "中…");
	assert_int_equal(text_width(t), 3);
	free(t);
	t = text_truncate(CHINESE, 1);
	assert_string_equal(t, "…");
	free(t);
	/* The accent stays with its letter. */
	t = text_truncate("Cafe" ACUTE " noir", 5);
	assert_string_equal(t, "Cafe" ACUTE "…");
	free(t);
	t = text_truncate(HARAKAT, 3);
	assert_string_equal(t, "مُحَ…");
	free(t);
	/* Broken bytes are cells and are cut like any other. */
	t = text_truncate("ab\xff\xfe"
	                  "cd",
	                  4);
	assert_string_equal(t, "ab\xff…");
	free(t);
	t = text_truncate("anything", 0);
	assert_string_equal(t, "");
	free(t);
	t = text_truncate("anything", -3);
	assert_string_equal(t, "");
	free(t);
}

/* Names that differ keep their difference when cut: the middle gives way
 * (issue 14 item 4: "Side Event Ro…|Side Event Ro…"). */
static void
test_abbreviate(void **state)
{
	static const char *const rooms[] = {
	    "Side Event Room A",
	    "Side Event Room B",
	    "Bilateral Meeting Room 1",
	    "Bilateral Meeting Room 2",
	    "International Centre for Migration Policy Development",
	    "International Centre for Counter-Terrorism"};
	char *t, *u;
	size_t i, j;
	int w;

	(void)state;
	t = text_abbreviate("Side Event Room A", 15);
	assert_string_equal(t, "Side Ev… Room A");
	free(t);
	t = text_abbreviate("Side Event Room A", 17);
	assert_string_equal(t, "Side Event Room A");
	free(t);
	t = text_abbreviate("Side Event Room A", 12);
	assert_string_equal(t, "Side Even… A");
	free(t);
	/* At every width from 6 up, different names stay different and
	 * within the width. */
	for (w = 6; w < 40; w++)
		for (i = 0; i < sizeof rooms / sizeof *rooms; i++) {
			t = text_abbreviate(rooms[i], w);
			assert_true(text_width(t) <= w);
			for (j = i + 1; j < sizeof rooms / sizeof *rooms; j++) {
				u = text_abbreviate(rooms[j], w);
				if (w >= 8 && strcmp(t, u) == 0)
					fail_msg(
					    "'%s' and '%s' both '%s' at %d",
					    rooms[i], rooms[j], t, w);
				free(u);
			}
			free(t);
		}
	/* One long word: its last characters stay. */
	t = text_abbreviate("Counter-Terrorism-Committee-Room", 12);
	assert_int_equal(text_width(t), 12);
	assert_string_equal(t + strlen(t) - 4, "Room");
	free(t);
	/* Other scripts are cut by width, never inside a character. */
	t = text_abbreviate(CHINESE, 7);
	assert_true(text_width(t) <= 7);
	free(t);
	t = text_abbreviate("Зал для двусторонних встреч 2", 14);
	assert_string_equal(t, "Зал для дву… 2");
	free(t);
	t = text_abbreviate("anything", 3);
	assert_string_equal(t, "an…");
	free(t);
}

static void
test_fit(void **state)
{
	char *t;

	(void)state;
	t = text_fit("Душанбе", 10);
	assert_string_equal(t, "Душанбе   ");
	free(t);
	t = text_fit_right("Душанбе", 10);
	assert_string_equal(t, "   Душанбе");
	free(t);
	t = text_fit(CHINESE, 4);
	assert_string_equal(t, "中… ");
	assert_int_equal(text_width(t), 4);
	free(t);
	t = text_fit(CHINESE, 5);
	assert_string_equal(t, "中华…");
	free(t);
	t = text_fit_right(ARABIC, 15);
	assert_string_equal(t, "  " ARABIC);
	free(t);
	t = text_fit("e" ACUTE, 3);
	assert_string_equal(t, "e" ACUTE "  ");
	free(t);
	t = text_fit("\xff", 2);
	assert_string_equal(t, "\xff ");
	free(t);
	t = text_fit("", 3);
	assert_string_equal(t, "   ");
	free(t);
}

static void
test_wrap_words(void **state)
{
	static const char *const want[] = {"Конференция", "по", "безопасности",
	                                   "границ"};
	char **l;
	size_t n, i;

	(void)state;
	l = text_wrap("Конференция по безопасности границ", 12, &n);
	assert_int_equal(n, 4);
	for (i = 0; i < n; i++) {
		assert_string_equal(l[i], want[i]);
		assert_true(text_width(l[i]) <= 12);
	}
	free_lines(l, n);

	l = text_wrap(ARABIC, 8, &n);
	assert_int_equal(n, 2);
	assert_string_equal(l[0], "وزير");
	assert_string_equal(l[1], "الداخلية");
	free_lines(l, n);

	/* Fits: one line, unchanged. */
	l = text_wrap(TAJIK, 19, &n);
	assert_int_equal(n, 1);
	assert_string_equal(l[0], TAJIK);
	free_lines(l, n);

	/* Newlines are kept, empty lines too. */
	l = text_wrap("Doors 08:30\n\nGate 4", 40, &n);
	assert_int_equal(n, 3);
	assert_string_equal(l[0], "Doors 08:30");
	assert_string_equal(l[1], "");
	assert_string_equal(l[2], "Gate 4");
	free_lines(l, n);

	l = text_wrap("", 10, &n);
	assert_int_equal(n, 1);
	assert_string_equal(l[0], "");
	free_lines(l, n);
}

/* text_wrap_words never carries a word over two lines: one too wide is
 * cut with "…" (issue 14 item 6: "Rehabilitatio" / "n and"). */
static void
test_wrap_words_whole(void **state)
{
	static const char *const want[] = {"Rehabilitati…", "and",
	                                   "reintegration", "of foreign"};
	char **l;
	size_t n, i;

	(void)state;
	l = text_wrap_words("Rehabilitation and reintegration of foreign", 13,
	                    &n);
	assert_int_equal(n, 4);
	for (i = 0; i < n; i++)
		assert_string_equal(l[i], want[i]);
	free_lines(l, n);
	l = text_wrap_words("Women's leadership", 6, &n);
	assert_int_equal(n, 2);
	assert_string_equal(l[0], "Women…");
	assert_string_equal(l[1], "leade…");
	free_lines(l, n);
}

static void
test_wrap_without_spaces(void **state)
{
	char **l;
	size_t n, i;

	(void)state;
	l = text_wrap(CHINESE, 5, &n);
	assert_int_equal(n, 4);
	assert_string_equal(l[0], "中华");
	assert_string_equal(l[1], "人民");
	assert_string_equal(l[2], "共和");
	assert_string_equal(l[3], "国");
	free_lines(l, n);

	/* Narrower than one character: each line holds one whole one. */
	l = text_wrap("中华人", 1, &n);
	assert_int_equal(n, 3);
	assert_string_equal(l[0], "中");
	assert_string_equal(l[1], "华");
	assert_string_equal(l[2], "人");
	free_lines(l, n);

	/* Accents go with their letters. */
	l = text_wrap("e" ACUTE "e" ACUTE "e" ACUTE, 2, &n);
	assert_int_equal(n, 2);
	assert_string_equal(l[0], "e" ACUTE "e" ACUTE);
	assert_string_equal(l[1], "e" ACUTE);
	free_lines(l, n);

	/* A long mixed title: every line fits and is whole UTF-8. */
	l = text_wrap("Regional cooperation 中华人民共和国外交部 and "
	              "Ҷумҳурии Тоҷикистон " HARAKAT,
	              7, &n);
	assert_true(n >= 8);
	for (i = 0; i < n; i++) {
		assert_true(text_width(l[i]) <= 7);
		assert_true(valid_utf8(l[i]));
	}
	free_lines(l, n);

	/* Broken bytes wrap as cells. */
	l = text_wrap("\xff\xfe\xfd\xfc", 2, &n);
	assert_int_equal(n, 2);
	assert_string_equal(l[0], "\xff\xfe");
	assert_string_equal(l[1], "\xfd\xfc");
	free_lines(l, n);
}

static void
test_folding(void **state)
{
	(void)state;
	assert_true(text_compare_folded("apple", "Banana") < 0);
	assert_true(text_compare_folded("Banana", "apple") > 0);
	assert_true(text_compare_folded("абв", "БВГ") < 0);
	assert_true(text_compare_folded("Kuwait", "Kuwait") == 0);
	/* Equal when folded: a byte order keeps the sort stable. */
	assert_true(text_compare_folded("Kuwait", "kuwait") < 0);
	assert_true(text_compare_folded("Kuwait", "Kuwait City") < 0);
	assert_true(text_contains_folded("Министр внутренних дел", "ВНУТРЕН"));
	assert_true(text_contains_folded("Kuwait City", "CITY"));
	assert_true(text_contains_folded("Kuwait", ""));
	assert_false(text_contains_folded("Kuwait", "Qatar"));
	assert_false(text_contains_folded("", "a"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_width),
	    cmocka_unit_test(test_decode),
	    cmocka_unit_test(test_truncate),
	    cmocka_unit_test(test_fit),
	    cmocka_unit_test(test_wrap_words),
	    cmocka_unit_test(test_wrap_without_spaces),
	    cmocka_unit_test(test_wrap_words_whole),
	    cmocka_unit_test(test_abbreviate),
	    cmocka_unit_test(test_folding),
	};

	/* wcwidth knows nothing beyond ASCII in the C locale. */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		fprintf(stderr, "test_textwidth: the C.UTF-8 locale is "
		                "missing\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
