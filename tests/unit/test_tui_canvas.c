/*
 * test_tui_canvas.c: the planner's building blocks that need no terminal:
 * the line buffer (widths, truncation, wide characters and combining marks
 * never split), the line editor, the key table and its names, the theme's
 * colour parsing and the dais.ini reader.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "canvas.h"
#include "config.h"
#include "dais/textwidth.h"
#include "keys.h"
#include "lineedit.h"
#include "theme.h"

static char *
row(const struct canvas *c, int y)
{
	return canvas_row_text(c, y, 1);
}

static void
assert_row(const struct canvas *c, int y, const char *want)
{
	char *got = row(c, y);

	assert_string_equal(got, want);
	assert_int_equal(text_width(got), c->w);
	free(got);
}

static void
test_put_ascii(void **state)
{
	struct canvas *c = canvas_new(10, 2);

	(void)state;
	assert_int_equal(canvas_put(c, 0, 2, 5, "abcdefgh", STYLE_NORMAL, 0),
	                 5);
	assert_row(c, 0, "  abcde   ");
	/* Clipped at the right edge. */
	assert_int_equal(canvas_put(c, 1, 7, 20, "xyz123", STYLE_NORMAL, 0), 3);
	assert_row(c, 1, "       xyz");
	/* Off the canvas: nothing, no crash. */
	assert_int_equal(canvas_put(c, 5, 0, 5, "abc", STYLE_NORMAL, 0), 0);
	assert_int_equal(canvas_put(c, -1, 0, 5, "abc", STYLE_NORMAL, 0), 0);
	canvas_free(c);
}

static void
test_put_wide(void **state)
{
	struct canvas *c = canvas_new(7, 3);

	(void)state;
	/* CJK takes two columns each; one that does not fit is left out. */
	assert_int_equal(canvas_put(c, 0, 0, 5, "中华人民", STYLE_NORMAL, 0),
	                 4);
	assert_row(c, 0, "中华   ");
	assert_int_equal(canvas_cell(c, 0, 0)->width, 2);
	assert_int_equal(canvas_cell(c, 0, 1)->width, 0);
	/* Overwriting the right half of a wide character blanks its left. */
	canvas_put(c, 0, 1, 1, "x", STYLE_NORMAL, 0);
	assert_row(c, 0, " x华   ");
	/* And overwriting the left half blanks the right. */
	canvas_put(c, 0, 2, 1, "y", STYLE_NORMAL, 0);
	assert_row(c, 0, " xy    ");
	/* Emoji are wide too; Arabic and Cyrillic one column. */
	canvas_put(c, 1, 0, 7, "🙂ab", STYLE_NORMAL, 0);
	assert_row(c, 1, "🙂ab   ");
	canvas_put(c, 2, 0, 7, "Жكz", STYLE_NORMAL, 0);
	assert_row(c, 2, "Жكz    ");
	canvas_free(c);
}

static void
test_put_marks_and_controls(void **state)
{
	struct canvas *c = canvas_new(6, 2);
	char *r;

	(void)state;
	/* e + combining acute stays in one cell. */
	assert_int_equal(canvas_put(c, 0, 0, 6, "e\xcc\x81x", STYLE_NORMAL, 0),
	                 2);
	r = row(c, 0);
	assert_string_equal(r, "e\xcc\x81x    ");
	free(r);
	/* A tab and a newline become spaces; an invalid byte U+FFFD. */
	canvas_put(c, 1, 0, 6, "a\tb\n\xff", STYLE_NORMAL, 0);
	r = row(c, 1);
	assert_string_equal(r, "a b \xef\xbf\xbd ");
	free(r);
	canvas_free(c);
}

static void
test_fit(void **state)
{
	struct canvas *c = canvas_new(12, 4);

	(void)state;
	canvas_put_fit(c, 0, 0, 6, "Opening plenary", STYLE_NORMAL, 0);
	canvas_put_fit(c, 0, 6, 6, "ab", STYLE_DIM, 0);
	assert_row(c, 0, "Openi…ab    ");
	assert_int_equal(canvas_cell(c, 0, 11)->style, STYLE_DIM);
	/* Wide text cut to an odd width pads instead of splitting. */
	canvas_put_fit(c, 1, 0, 4, "中华人民共和国", STYLE_NORMAL, 0);
	canvas_put(c, 1, 4, 1, "|", STYLE_NORMAL, 0);
	assert_row(c, 1, "中… |       ");
	canvas_put_right(c, 2, 0, 6, "42", STYLE_NORMAL, 0);
	assert_row(c, 2, "    42      ");
	canvas_put_fit(c, 3, 0, 12, "وزير الداخلية", STYLE_NORMAL, 0);
	assert_row(c, 3, "وزير الداخل…");
	canvas_free(c);
}

/* Columns after names in any script start at the same display column. */
static void
test_alignment(void **state)
{
	static const char *const names[] = {
	    "Minister of Interior — Kuwait",
	    "وزير الداخلية — الكويت",
	    "Вазири корҳои дохилӣ — Тоҷикистон",
	    "中华人民共和国公安部",
	    "🇰🇼 Kuwait",
	    "Ministre de l'Intérieur",
	};
	struct canvas *c = canvas_new(40, 6);
	size_t i;

	(void)state;
	for (i = 0; i < 6; i++) {
		canvas_put_fit(c, (int)i, 0, 15, names[i], STYLE_NORMAL, 0);
		canvas_put(c, (int)i, 15, 1, "|", STYLE_NORMAL, 0);
	}
	for (i = 0; i < 6; i++) {
		char *r = row(c, (int)i);
		char *bar = strchr(r, '|');

		assert_non_null(bar);
		*bar = '\0';
		assert_int_equal(text_width(r), 15);
		free(r);
	}
	canvas_free(c);
}

static void
test_fill_restyle_resize(void **state)
{
	struct canvas *c = canvas_new(4, 2);

	(void)state;
	canvas_put(c, 0, 0, 4, "abcd", STYLE_NORMAL, 0);
	canvas_restyle(c, 0, 1, 2, STYLE_ERROR, MOD_BOLD);
	assert_int_equal(canvas_cell(c, 0, 1)->style, STYLE_ERROR);
	assert_int_equal(canvas_cell(c, 0, 2)->mods, MOD_BOLD);
	assert_int_equal(canvas_cell(c, 0, 3)->style, STYLE_NORMAL);
	canvas_fill(c, 0, 1, 2, 5, STYLE_CURSOR, 0);
	assert_row(c, 0, "a  d");
	canvas_resize(c, 3, 1);
	assert_int_equal(c->w, 3);
	assert_row(c, 0, "   ");
	assert_null(canvas_cell(c, 1, 0));
	canvas_free(c);
}

static void
test_lineedit(void **state)
{
	struct lineedit le;
	int col;
	char *v;

	(void)state;
	lineedit_init(&le, "09:30");
	/* A fresh field is replaced by the first character typed. */
	lineedit_insert(&le, '1');
	assert_string_equal(le.text, "1");
	lineedit_insert(&le, 0x0416); /* Ж */
	lineedit_insert(&le, 'x');
	assert_string_equal(le.text, "1Жx");
	lineedit_action(&le, ACT_EDIT_LEFT);
	lineedit_action(&le, ACT_EDIT_BACKSPACE);
	assert_string_equal(le.text, "1x");
	assert_int_equal(le.cursor, 1);
	lineedit_action(&le, ACT_EDIT_HOME);
	lineedit_action(&le, ACT_EDIT_DELETE);
	assert_string_equal(le.text, "x");
	lineedit_set(&le, "border data");
	/* Moving first keeps a fresh text. */
	lineedit_action(&le, ACT_EDIT_END);
	lineedit_insert(&le, 's');
	assert_string_equal(le.text, "border datas");
	lineedit_action(&le, ACT_EDIT_KILL_WORD);
	assert_string_equal(le.text, "border ");
	lineedit_action(&le, ACT_EDIT_KILL);
	assert_string_equal(le.text, "");
	/* Backspace takes a combining mark with its letter. */
	lineedit_insert(&le, 'a');
	lineedit_insert(&le, 'e');
	lineedit_insert(&le, 0x301);
	lineedit_action(&le, ACT_EDIT_BACKSPACE);
	assert_string_equal(le.text, "a");
	/* The view scrolls so that the cursor shows. */
	lineedit_set(&le, "0123456789abcdef");
	v = lineedit_view(&le, 6, &col);
	assert_true(col < 6);
	assert_non_null(strstr(v, "ef"));
	free(v);
	lineedit_action(&le, ACT_EDIT_HOME);
	v = lineedit_view(&le, 6, &col);
	assert_int_equal(col, 0);
	assert_string_equal(v, "01234…");
	free(v);
	assert_false(lineedit_action(&le, ACT_UNDO));
	lineedit_free(&le);
}

/* The view of le as a field drawn for the first time would show it. */
static void
assert_view_as_fresh(struct lineedit *le, int width)
{
	struct lineedit fresh;
	char *a, *b;
	int ca, cb;

	lineedit_init_field(&fresh, le->text);
	fresh.cursor = le->cursor;
	a = lineedit_view(le, width, &ca);
	b = lineedit_view(&fresh, width, &cb);
	assert_string_equal(a, b);
	assert_int_equal(ca, cb);
	free(a);
	free(b);
	lineedit_free(&fresh);
}

/*
 * The view starts from where it began last time (a key must not measure
 * the whole text: review3 finding 21), yet shows exactly what a field
 * drawn afresh would: after typing, moving, deleting and inserting before
 * the view, with wide characters and combining marks.
 */
static void
test_lineedit_scroll(void **state)
{
	static const unsigned int typed[] = {
	    'K', 0x0443, 0x0432, 0x5a01, 0x7279, 'e', 0x301,
	    ' ', 0x0627, 0x0644, '-',    0x79d1, '9'};
	struct lineedit le;
	size_t i, k;

	(void)state;
	lineedit_init_field(&le, "");
	for (i = 0; i < 40; i++) {
		lineedit_insert(&le, typed[i % (sizeof typed / sizeof *typed)]);
		assert_view_as_fresh(&le, 12);
	}
	for (i = 0; i < 30; i++) {
		lineedit_action(&le, ACT_EDIT_LEFT);
		assert_view_as_fresh(&le, 12);
	}
	for (k = 0; k < 5; k++) {
		lineedit_action(&le, ACT_EDIT_BACKSPACE);
		assert_view_as_fresh(&le, 12);
		lineedit_insert(&le, 0x5a01);
		lineedit_action(&le, ACT_EDIT_RIGHT);
		assert_view_as_fresh(&le, 7);
	}
	lineedit_action(&le, ACT_EDIT_END);
	assert_view_as_fresh(&le, 12);
	/* Edits before where the view began, with no drawing between. */
	for (k = 0; k < 3; k++) {
		for (i = 0; i < 16; i++)
			lineedit_action(&le, ACT_EDIT_LEFT);
		lineedit_insert(&le, 0x0644);
		lineedit_insert(&le, 0x79d1);
		lineedit_action(&le, ACT_EDIT_DELETE);
		lineedit_action(&le, ACT_EDIT_LEFT);
		lineedit_action(&le, ACT_EDIT_BACKSPACE);
		lineedit_action(&le, ACT_EDIT_END);
		assert_view_as_fresh(&le, 12);
		lineedit_action(&le, ACT_EDIT_HOME);
		lineedit_insert(&le, 'x');
		lineedit_action(&le, ACT_EDIT_END);
		assert_view_as_fresh(&le, 12);
	}
	lineedit_action(&le, ACT_EDIT_HOME);
	assert_view_as_fresh(&le, 12);
	lineedit_action(&le, ACT_EDIT_END);
	lineedit_action(&le, ACT_EDIT_KILL_WORD);
	assert_view_as_fresh(&le, 12);
	for (i = 0; i < 20; i++) {
		lineedit_action(&le, ACT_EDIT_BACKSPACE);
		assert_view_as_fresh(&le, 5);
	}
	lineedit_free(&le);
}

static void
test_key_names(void **state)
{
	char buf[16];
	int k;

	(void)state;
	assert_int_equal(keys_parse("a"), 'a');
	assert_int_equal(keys_parse("C-r"), 18);
	assert_int_equal(keys_parse("F5"), TK_F1 + 4);
	assert_int_equal(keys_parse("BTab"), TK_BTAB);
	assert_int_equal(keys_parse("Space"), ' ');
	assert_int_equal(keys_parse("ж"), 0x0436);
	assert_int_equal(keys_parse("F13"), TK_NONE);
	assert_int_equal(keys_parse("C-"), TK_NONE);
	assert_int_equal(keys_parse("ab"), TK_NONE);
	assert_int_equal(keys_parse(""), TK_NONE);
	for (k = TK_UP; k <= TK_F12; k++) {
		keys_name(k, buf);
		assert_int_equal(keys_parse(buf), k);
	}
	assert_string_equal(keys_name(3, buf), "C-c");
	assert_string_equal(keys_name(0x0436, buf), "ж");
}

static void
test_keymap(void **state)
{
	struct keymap km;
	struct diag_list d = {0};
	char *why = NULL, buf[64];

	(void)state;
	keymap_defaults(&km);
	/* The shipped table has no clashes. */
	assert_int_equal(keymap_check(&km, "dais.ini", &d), 0);
	assert_int_equal(keymap_lookup(&km, CTX_GRID, 'u'), ACT_UNDO);
	assert_int_equal(keymap_lookup(&km, CTX_GRID, '+'), ACT_ZOOM_IN);
	assert_int_equal(keymap_lookup(&km, CTX_SESSIONS, '+'), ACT_NONE);
	assert_int_equal(keymap_lookup(&km, CTX_GRID, 'j'), ACT_DOWN);
	assert_int_equal(keymap_lookup(&km, CTX_GRID, 'J'), ACT_MOVE_LATER);
	assert_int_equal(keymap_lookup(&km, CTX_ASSIGN, 'J'), ACT_ASSIGN_DOWN);
	assert_int_equal(keymap_lookup(&km, CTX_PEOPLE, 'a'),
	                 ACT_ASSIGN_TO_SESSION);
	/* In forms, characters are text, not commands. */
	assert_int_equal(keymap_lookup(&km, CTX_FORM, 'q'), ACT_NONE);
	assert_int_equal(keymap_lookup(&km, CTX_FORM, TK_ENTER),
	                 ACT_FORM_ACCEPT);
	assert_int_equal(keymap_lookup(&km, CTX_PICKER, 18), ACT_PICK_ROLE);

	assert_true(keymap_bind(&km, "undo", "z, C-z", &why));
	assert_int_equal(keymap_lookup(&km, CTX_GRID, 'z'), ACT_UNDO);
	assert_int_equal(keymap_lookup(&km, CTX_GRID, 'u'), ACT_NONE);
	assert_string_equal(keymap_keys_text(&km, ACT_UNDO, buf, sizeof buf),
	                    "z, C-z");
	assert_false(keymap_bind(&km, "undoo", "u", &why));
	assert_non_null(strstr(why, "undoo"));
	free(why);
	assert_false(keymap_bind(&km, "redo", "Ctrl-R", &why));
	assert_non_null(strstr(why, "Ctrl-R"));
	free(why);
	/* A clash is reported, and a character in a text context too. */
	assert_true(keymap_bind(&km, "save", "z", &why));
	assert_true(keymap_bind(&km, "accept", "Enter, x", &why));
	assert_int_equal(keymap_check(&km, "dais.ini", &d), 2);
	assert_non_null(strstr(d.v[0].message, "'undo'"));
	diag_clear(&d);
	free(d.v);
}

static void
test_help_lines(void **state)
{
	struct keymap km;
	size_t n, i;
	char **lines;
	bool undo = false, days = false, fields = false;

	(void)state;
	keymap_defaults(&km);
	lines = keymap_help_lines(&km, 99, &n);
	for (i = 0; i < n; i++) {
		/* Wrapped, not cut: every line fits, whole. */
		assert_true(text_width(lines[i]) <= 99);
		assert_null(strstr(lines[i], "…"));
		if (strstr(lines[i], "undo the last edit") != NULL) {
			assert_non_null(strstr(lines[i], "  u "));
			undo = true;
		}
		days = days || strstr(lines[i], "1..9") != NULL;
		fields = fields || strcmp(lines[i], "Text fields") == 0;
		free(lines[i]);
	}
	free(lines);
	assert_true(undo && days && fields);
	/* At 60 columns too, a long description going on under itself,
	 * from the description's column. */
	lines = keymap_help_lines(&km, 60, &n);
	for (i = 0; i < n; i++) {
		assert_true(text_width(lines[i]) <= 60);
		if (i > 0 && strncmp(lines[i], "                   ", 19) == 0)
			assert_true(lines[i][19] != ' ' &&
			            strncmp(lines[i - 1], "  ", 2) == 0);
	}
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

static void
test_theme(void **state)
{
	struct theme t;
	struct style_def d = {0, 0, 0, 0};
	char *why = NULL;
	const char *kinds[] = {"PLENARY", "REGISTRATION", "PRESS", "OTHER"};

	(void)state;
	theme_defaults(&t);
	assert_int_equal(theme_style_parse("tab-active"), STYLE_TAB_ACTIVE);
	assert_int_equal(theme_style_parse("nope"), -1);
	assert_true(
	    theme_parse_def("bright-red default bold underline", &d, &why));
	assert_int_equal(d.fg, 9);
	assert_int_equal(d.bg, COLOUR_DEFAULT);
	assert_int_equal(d.mods, MOD_BOLD | MOD_UNDERLINE);
	assert_true(theme_parse_def("208 17", &d, &why));
	assert_int_equal(d.fg, 208);
	assert_false(theme_parse_def("pink", &d, &why));
	assert_non_null(strstr(why, "pink"));
	free(why);
	assert_int_equal(theme_kind_style("plenary", kinds, 4), STYLE_KIND_0);
	assert_int_equal(theme_kind_style("BILATERAL", kinds, 4), STYLE_KIND_5);
	assert_int_equal(theme_kind_style("REGISTRATION", kinds, 4),
	                 STYLE_KIND_6);
	assert_int_equal(theme_kind_style("PRESS", kinds, 4), STYLE_KIND_7);
	assert_int_equal(theme_kind_style("OTHER", kinds, 4), STYLE_KIND_6);
	assert_int_equal(theme_kind_style(NULL, kinds, 4), STYLE_KIND_7);
}

static char *
write_ini(const char *text)
{
	char *path = strdup("/tmp/dais-test-ini-XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void
test_config(void **state)
{
	struct tui_config cfg;
	struct diag_list d = {0};
	char *path;
	size_t i;
	bool line7 = false;

	(void)state;
	config_init(&cfg);
	assert_true(config_load(&cfg, "/nonexistent/dais.ini", &d));
	assert_int_equal(d.n, 0);
	assert_string_equal(cfg.print_command, "lpr");
	path = write_ini("[keys]\n"
	                 "undo = \"z\"\n"
	                 "bogus = \"x\"\n"
	                 "[colours]\n"
	                 "error = \"magenta default bold\"\n"
	                 "kind.press = \"black red\"\n"
	                 "warning = \"puce\"\n"
	                 "[print]\n"
	                 "command = \"lp -d floor; echo done\"\n"
	                 "[export]\n"
	                 "directory = \"~/out\"\n"
	                 "[planner]\n"
	                 "zoom = 30\n"
	                 "detail = \"false\"\n"
	                 "colour = 1\n");
	setenv("HOME", "/home/test", 1);
	assert_true(config_load(&cfg, path, &d));
	assert_int_equal(keymap_lookup(&cfg.keys, CTX_GRID, 'z'), ACT_UNDO);
	assert_int_equal(cfg.theme.styles[STYLE_ERROR].fg, 5);
	assert_int_equal(cfg.nkinds, 1);
	assert_string_equal(cfg.kinds[0].kind, "press");
	assert_int_equal(cfg.kinds[0].def.bg, 1);
	assert_string_equal(cfg.print_command, "lp -d floor; echo done");
	assert_string_equal(cfg.export_dir, "/home/test/out");
	assert_int_equal(cfg.zoom, 30);
	assert_false(cfg.detail);
	/* bogus action, bad colour, unknown key: each named with its line. */
	assert_int_equal(d.n, 3);
	for (i = 0; i < d.n; i++) {
		assert_int_equal(d.v[i].level, DIAG_WARNING);
		assert_string_equal(d.v[i].file, path);
		assert_true(d.v[i].line > 0);
		line7 = line7 || d.v[i].line == 7;
	}
	assert_true(line7);
	diag_clear(&d);
	unlink(path);
	free(path);

	path = write_ini("[keys]\nthis line has no equals sign\n");
	assert_false(config_load(&cfg, path, &d));
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].message, "default settings"));
	diag_clear(&d);
	free(d.v);
	unlink(path);
	free(path);
	config_free(&cfg);
}

/* dais.ini goes through io's INI reader: a value iniparser would cut is
 * named with its line, an unknown key gets a near name, and a file that
 * cannot be read says why first. */
static void
test_config_ini_reader(void **state)
{
	struct tui_config cfg;
	struct diag_list d = {0};
	char *path;

	(void)state;
	config_init(&cfg);
	path = write_ini("[print]\n"
	                 "command = lp -d floor; echo done\n"
	                 "[planner]\n"
	                 "zom = \"30\"\n");
	assert_true(config_load(&cfg, path, &d));
	assert_string_equal(cfg.print_command, "lp -d floor");
	assert_int_equal(d.n, 2);
	assert_int_equal(d.v[0].level, DIAG_WARNING);
	assert_int_equal(d.v[0].line, 2);
	assert_non_null(strstr(d.v[0].message, "cut at ';'"));
	assert_int_equal(d.v[1].line, 4);
	assert_non_null(strstr(d.v[1].message, "did you mean zoom?"));
	diag_clear(&d);
	unlink(path);
	free(path);

	path = write_ini("[print]\n"
	                 "command = a; b\n"
	                 "oops\n");
	assert_false(config_load(&cfg, path, &d));
	assert_int_equal(d.n, 2);
	assert_int_equal(d.v[0].line, 3);
	assert_non_null(strstr(d.v[0].message, "default settings"));
	assert_int_equal(d.v[1].level, DIAG_WARNING);
	diag_clear(&d);
	free(d.v);
	unlink(path);
	free(path);
	config_free(&cfg);
}

/* roff escapes as man/dais.1 writes them: "-" as "\-". */
static char *
roff(const char *s)
{
	char *out = calloc(2 * strlen(s) + 1, 1), *o = out;

	assert_non_null(out);
	for (; *s != '\0'; s++) {
		if (*s == '-')
			*o++ = '\\';
		*o++ = *s;
	}
	return out;
}

/* dais(1)'s KEYS section says what the key table says. */
static void
test_man_page_keys(void **state)
{
	const char *src = getenv("SRCDIR");
	const struct key_action *k;
	struct keymap km;
	char *path, *text;
	FILE *f;
	long n;

	(void)state;
	assert_non_null(src);
	path = calloc(strlen(src) + 32, 1);
	assert_non_null(path);
	sprintf(path, "%s/man/dais.1", src);
	f = fopen(path, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = calloc((size_t)n + 1, 1);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	keymap_defaults(&km);
	for (k = key_actions; k->name != NULL; k++) {
		char keys[128], *name = roff(k->name), *ks, *line;

		keymap_keys_text(&km, k->action, keys, sizeof keys);
		ks = roff(keys);
		line = calloc(strlen(ks) + strlen(name) + 64, 1);
		if (line == NULL) /* a plain test: gcc sees no null sprintf */
			abort();
		sprintf(line, ".B %s\n", ks);
		if (strstr(text, line) == NULL)
			fail_msg("man/dais.1 lacks the keys of %s: %s", k->name,
			         keys);
		sprintf(line, "(\\fI%s\\fR).", name);
		if (strstr(text, line) == NULL)
			fail_msg("man/dais.1 lacks the action %s", k->name);
		free(line);
		free(ks);
		free(name);
	}
	free(text);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_put_ascii),
	    cmocka_unit_test(test_put_wide),
	    cmocka_unit_test(test_put_marks_and_controls),
	    cmocka_unit_test(test_fit),
	    cmocka_unit_test(test_alignment),
	    cmocka_unit_test(test_fill_restyle_resize),
	    cmocka_unit_test(test_lineedit),
	    cmocka_unit_test(test_lineedit_scroll),
	    cmocka_unit_test(test_key_names),
	    cmocka_unit_test(test_keymap),
	    cmocka_unit_test(test_help_lines),
	    cmocka_unit_test(test_theme),
	    cmocka_unit_test(test_config),
	    cmocka_unit_test(test_config_ini_reader),
	    cmocka_unit_test(test_man_page_keys),
	};

	setlocale(LC_CTYPE, ""); /* as dais does (cli/main.c) */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
