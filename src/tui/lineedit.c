/*
 * lineedit.c: editing one line of UTF-8 text. The cursor and deletions move
 * by whole characters (a character with its combining marks), so a field
 * never holds half of one.
 */
#include "lineedit.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "dais/textwidth.h"
#include "dais/utf8.h"
#include "dais/xalloc.h"

void
lineedit_init(struct lineedit *le, const char *text)
{
	memset(le, 0, sizeof *le);
	lineedit_set(le, text != NULL ? text : "");
}

void
lineedit_init_field(struct lineedit *le, const char *text)
{
	lineedit_init(le, text);
	le->fresh = false;
}

void
lineedit_free(struct lineedit *le)
{
	free(le->text);
	memset(le, 0, sizeof *le);
}

static void
reserve(struct lineedit *le, size_t need)
{
	if (need + 1 > le->cap) {
		le->cap = (need + 1) * 2;
		le->text = xreallocarray(le->text, le->cap, 1);
	}
}

void
lineedit_set(struct lineedit *le, const char *text)
{
	size_t n = strlen(text);

	reserve(le, n);
	memcpy(le->text, text, n + 1);
	le->len = n;
	le->cursor = n;
	le->fresh = n > 0;
	le->scroll = 0;
}

void
lineedit_insert(struct lineedit *le, unsigned int wc)
{
	char buf[4];
	size_t n;

	n = utf8_encode(wc, buf);
	if (le->fresh) {
		le->text[0] = '\0';
		le->len = le->cursor = le->scroll = 0;
		le->fresh = false;
	}
	if (le->cursor < le->scroll)
		le->scroll += n; /* the same character begins the view */
	reserve(le, le->len + n);
	memmove(le->text + le->cursor + n, le->text + le->cursor,
	        le->len - le->cursor + 1);
	memcpy(le->text + le->cursor, buf, n);
	le->len += n;
	le->cursor += n;
}

/* Zero-width code points (combining marks) belong to the one before. */
static bool
is_mark(const char *s, size_t n)
{
	unsigned int wc;

	text_decode(s, n, &wc);
	return wc >= 0x300 && wcwidth((wchar_t)wc) == 0;
}

static size_t
next_char(const struct lineedit *le, size_t at)
{
	unsigned int wc;

	if (at >= le->len)
		return le->len;
	at += text_decode(le->text + at, le->len - at, &wc);
	while (at < le->len && is_mark(le->text + at, le->len - at))
		at += text_decode(le->text + at, le->len - at, &wc);
	return at;
}

static size_t
prev_char(const struct lineedit *le, size_t at)
{
	for (;;) {
		if (at == 0)
			return 0;
		at--;
		while (at > 0 && ((unsigned char)le->text[at] & 0xc0) == 0x80)
			at--;
		if (!is_mark(le->text + at, le->len - at))
			return at;
	}
}

static void
cut(struct lineedit *le, size_t from, size_t to)
{
	if (from < le->scroll)
		le->scroll = to <= le->scroll ? le->scroll - (to - from) : from;
	memmove(le->text + from, le->text + to, le->len - to + 1);
	le->len -= to - from;
	le->cursor = from;
}

bool
lineedit_key(struct lineedit *le, enum action a, int key)
{
	if (lineedit_action(le, a))
		return true;
	if (a == ACT_NONE && key >= 0x20 && key < TK_BASE && key != 0x7f) {
		lineedit_insert(le, (unsigned int)key);
		return true;
	}
	return false;
}

bool
lineedit_action(struct lineedit *le, enum action a)
{
	size_t at;

	if (a >= ACT_EDIT_LEFT && a <= ACT_EDIT_KILL_WORD)
		le->fresh = false;
	switch (a) {
	case ACT_EDIT_LEFT:
		le->cursor = prev_char(le, le->cursor);
		return true;
	case ACT_EDIT_RIGHT:
		le->cursor = next_char(le, le->cursor);
		return true;
	case ACT_EDIT_HOME:
		le->cursor = 0;
		return true;
	case ACT_EDIT_END:
		le->cursor = le->len;
		return true;
	case ACT_EDIT_BACKSPACE:
		if (le->cursor > 0)
			cut(le, prev_char(le, le->cursor), le->cursor);
		return true;
	case ACT_EDIT_DELETE:
		if (le->cursor < le->len)
			cut(le, le->cursor, next_char(le, le->cursor));
		return true;
	case ACT_EDIT_KILL:
		le->text[0] = '\0';
		le->len = le->cursor = le->scroll = 0;
		return true;
	case ACT_EDIT_KILL_WORD:
		at = le->cursor;
		while (at > 0 && le->text[at - 1] == ' ')
			at--;
		while (at > 0 && le->text[at - 1] != ' ')
			at = prev_char(le, at);
		cut(le, at, le->cursor);
		return true;
	default:
		return false;
	}
}

/* Columns of le->text from byte `from` to byte `to`. */
static int
width_between(const struct lineedit *le, size_t from, size_t to)
{
	char *part = xstrndup(le->text + from, to - from);
	int w = text_width(part);

	free(part);
	return w;
}

char *
lineedit_view(struct lineedit *le, int width, int *cursor_col)
{
	size_t start = le->scroll < le->cursor ? le->scroll : le->cursor;
	int col;

	if (width < 1)
		width = 1;
	/*
	 * The view begins as far left as lets the cursor fit: drop whole
	 * characters from where it began last time while the cursor does not
	 * fit, then take characters back while it still does. Starting from
	 * the last view, not the text's start, makes a key cost the field's
	 * width: a 2 000-character paste measured everything before the
	 * cursor at each key.
	 */
	/* Only a hint: onto the start of the character it falls in (any
	 * start then gives the same view). */
	while (start > 0 && (((unsigned char)le->text[start] & 0xc0) == 0x80 ||
	                     is_mark(le->text + start, le->len - start)))
		start--;
	col = width_between(le, start, le->cursor);
	while (col >= width && start < le->cursor) {
		size_t next = next_char(le, start);

		col -= width_between(le, start, next);
		start = next;
	}
	while (start > 0) {
		size_t prev = prev_char(le, start);
		int w = width_between(le, prev, start);

		if (col + w >= width)
			break;
		col += w;
		start = prev;
	}
	le->scroll = start;
	*cursor_col = col;
	/* text_truncate marks a cut with "…"; past the cursor that is fine. */
	return text_truncate(le->text + start, width);
}

int
lineedit_draw(struct lineedit *le, struct canvas *c, int y, int x, int w,
              int style, bool focused)
{
	int col = 0, used;
	/* Unfocused, a field shows its beginning; focused, the part around
	 * the cursor. */
	char *shown = focused ? lineedit_view(le, w > 1 ? w - 1 : 1, &col)
	                      : text_truncate(le->text, w);

	used = canvas_put(c, y, x, w, shown, style,
	                  focused && le->fresh ? MOD_REVERSE : 0);
	canvas_fill(c, y, x + used, w - used, 1, style, 0);
	free(shown);
	return x + col;
}
