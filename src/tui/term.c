/*
 * term.c: everything curses. Views never see curses: they fill a canvas,
 * and this file paints it, cell by cell with setcchar so that wide
 * characters and combining marks reach the screen whole.
 */
#include "term.h"

#include <curses.h>
#include <langinfo.h>
#include <poll.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "dais/textwidth.h"
#include "dais/xalloc.h"
#include "keys.h"

static bool colour;
static bool default_colours; /* the terminal's own colours, as -1 */
static bool started;
static struct theme current;
/*
 * The canvas as last painted: a cell that has not changed since is not
 * handed to curses again. At every key the whole screen was painted, and
 * that was most of a key's cost (a 2 000-character paste is 2 000 frames
 * that differ in one field). Forgotten (NULL) whenever what is on screen
 * may differ from it: a resize, a new theme, a forced redraw.
 */
static struct cell *painted;
static int painted_w, painted_h;

static void
forget_painted(void)
{
	free(painted);
	painted = NULL;
	painted_w = painted_h = 0;
}

bool
term_has_colour(void)
{
	return colour;
}

static short
clamp_colour(short c, short fallback)
{
	if (c < 0)
		return default_colours ? -1 : fallback;
	if (c >= COLORS)
		return (short)(c % 8);
	return c;
}

void
term_apply_theme(const struct theme *theme)
{
	int i;

	current = *theme;
	forget_painted(); /* the same cells now look different */
	if (!colour)
		return;
	for (i = 0; i < STYLE_COUNT; i++)
		init_pair((short)(i + 1),
		          clamp_colour(theme->styles[i].fg, COLOR_WHITE),
		          clamp_colour(theme->styles[i].bg, COLOR_BLACK));
}

/*
 * SIGHUP (the SSH session closed) and SIGTERM (shutdown) end the planner
 * through its main loop, not in the middle of an edit: the handler only
 * notes the signal, and without SA_RESTART the blocked read returns so
 * term_read_key can say TK_HANGUP. Every edit is already in the recovery
 * journal; what the loop adds is leaving the journal in place (a normal
 * quit removes it) and the terminal restored. Installed before initscr()
 * so ncurses does not put its own SIGTERM handler, which exits at once.
 */
static volatile sig_atomic_t hangup_signal;

static void
on_hangup(int sig)
{
	hangup_signal = sig;
}

static void
catch_hangup(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_hangup;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* Whether input is gone: a signal came, or the terminal hung up. */
static bool
input_gone(void)
{
	struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};

	if (hangup_signal != 0)
		return true;
	if (poll(&pfd, 1, 0) <= 0)
		return false;
	return (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

bool
term_start(const struct theme *theme, char **warning)
{
	const char *nc = getenv("NO_COLOR");
	const char *codeset = nl_langinfo(CODESET);

	*warning = NULL;
	catch_hangup();
	if (initscr() == NULL) {
		*warning = xstrdup("cannot use this terminal; check TERM");
		return false;
	}
	started = true;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	/* Wake once a second, so a signal that came just before the read
	 * is seen without waiting for a key. */
	timeout(1000);
	scrollok(stdscr, FALSE);
	curs_set(0);
	/* A full second of ESC delay makes Esc feel broken. */
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED |
	              BUTTON5_PRESSED,
	          NULL);
	mouseinterval(0);
	colour = has_colors() && (nc == NULL || nc[0] == '\0');
	if (colour) {
		start_color();
		/* Without it, "default" becomes white on black. */
		default_colours = use_default_colors() == OK;
	}
	term_apply_theme(theme);
	if (codeset == NULL ||
	    (strcmp(codeset, "UTF-8") != 0 && strcmp(codeset, "utf8") != 0))
		*warning = xasprintf(
		    "The locale's character set is %s, not UTF-8: names in "
		    "Arabic, Cyrillic and other scripts will show as blanks. "
		    "Set LANG=C.UTF-8 or another UTF-8 locale.",
		    codeset != NULL ? codeset : "unknown");
	return true;
}

void
term_stop(void)
{
	if (!started)
		return;
	endwin();
	started = false;
	forget_painted();
}

void
term_size(int *w, int *h)
{
	getmaxyx(stdscr, *h, *w);
}

void
term_invalidate(void)
{
	clearok(curscr, TRUE);
	forget_painted();
}

static attr_t
mods_attr(int mods)
{
	attr_t a = A_NORMAL;

	if (mods & MOD_BOLD)
		a |= A_BOLD;
	if (mods & MOD_REVERSE)
		a |= A_REVERSE;
	if (mods & MOD_UNDERLINE)
		a |= A_UNDERLINE;
	if (mods & MOD_DIM)
		a |= A_DIM;
	return a;
}

static void
paint_cell(int y, int x, const struct cell *cl)
{
	const struct style_def *d = &current.styles[cl->style];
	wchar_t wch[CELL_BYTES + 1];
	size_t i = 0, n = strlen(cl->ch), k = 0;
	cchar_t cc;
	attr_t attr;
	short pair = 0;

	while (i < n && k < CELL_BYTES) {
		unsigned int wc;

		i += text_decode(cl->ch + i, n - i, &wc);
		wch[k++] = (wchar_t)wc;
	}
	if (k == 0)
		wch[k++] = L' ';
	wch[k] = L'\0';
	if (colour) {
		attr = mods_attr(d->mods | cl->mods);
		pair = (short)(cl->style + 1);
	} else {
		attr = mods_attr(d->mono | cl->mods);
	}
	setcchar(&cc, wch, attr, pair, NULL);
	mvadd_wch(y, x, &cc);
}

void
term_paint(const struct canvas *c, int cy, int cx)
{
	int y, x, w, h;
	bool known;

	getmaxyx(stdscr, h, w);
	known = painted != NULL && painted_w == c->w && painted_h == c->h &&
	        c->w == w && c->h == h;
	for (y = 0; y < c->h && y < h; y++)
		for (x = 0; x < c->w && x < w; x++) {
			const struct cell *cl = canvas_cell(c, y, x);

			if (known &&
			    memcmp(cl, &painted[(size_t)y * (size_t)c->w + x],
			           sizeof *cl) == 0)
				continue;
			/* A wide character at the right edge cannot be
			 * shown whole; curses would wrap it. */
			if (cl->width == 0 || (cl->width == 2 && x + 1 >= w))
				continue;
			paint_cell(y, x, cl);
		}
	if (c->w == w && c->h == h && c->w > 0 && c->h > 0) {
		if (!known) {
			forget_painted();
			painted = xreallocarray(NULL, (size_t)c->w * c->h,
			                        sizeof *painted);
			painted_w = c->w;
			painted_h = c->h;
		}
		memcpy(painted, c->cells,
		       (size_t)c->w * (size_t)c->h * sizeof *painted);
	} else {
		forget_painted();
	}
	if (cy >= 0 && cy < h && cx >= 0 && cx < w) {
		move(cy, cx);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

static int
translate_code(int code, struct term_mouse *mouse)
{
	const char *name;

	switch (code) {
	case KEY_UP:
		return TK_UP;
	case KEY_DOWN:
		return TK_DOWN;
	case KEY_LEFT:
		return TK_LEFT;
	case KEY_RIGHT:
		return TK_RIGHT;
	case KEY_SR:
		return TK_S_UP;
	case KEY_SF:
		return TK_S_DOWN;
	case KEY_SLEFT:
		return TK_S_LEFT;
	case KEY_SRIGHT:
		return TK_S_RIGHT;
	case KEY_PPAGE:
		return TK_PGUP;
	case KEY_NPAGE:
		return TK_PGDN;
	case KEY_HOME:
		return TK_HOME;
	case KEY_END:
		return TK_END;
	case KEY_ENTER:
		return TK_ENTER;
	case KEY_BTAB:
		return TK_BTAB;
	case KEY_BACKSPACE:
		return TK_BACKSPACE;
	case KEY_DC:
		return TK_DELETE;
	case KEY_IC:
		return TK_INSERT;
	case KEY_RESIZE:
		forget_painted(); /* curses may have cut what it held */
		return TK_RESIZE;
	case KEY_MOUSE: {
		MEVENT ev;

		if (getmouse(&ev) != OK)
			return TK_NONE;
		mouse->x = ev.x;
		mouse->y = ev.y;
		if (ev.bstate & BUTTON1_PRESSED)
			mouse->kind = TERM_MOUSE_PRESS;
		else if (ev.bstate & BUTTON1_RELEASED)
			mouse->kind = TERM_MOUSE_RELEASE;
		else if (ev.bstate & BUTTON4_PRESSED)
			mouse->kind = TERM_MOUSE_WHEEL_UP;
		else if (ev.bstate & BUTTON5_PRESSED)
			mouse->kind = TERM_MOUSE_WHEEL_DOWN;
		else
			return TK_NONE;
		return TK_MOUSE;
	}
	default:
		break;
	}
	if (code >= KEY_F(1) && code <= KEY_F(12))
		return TK_F1 + (code - KEY_F(1));
	/* Shifted up and down have no classic code; terminfo names them. */
	name = keyname(code);
	if (name != NULL && strcmp(name, "kUP") == 0)
		return TK_S_UP;
	if (name != NULL && strcmp(name, "kDN") == 0)
		return TK_S_DOWN;
	return TK_NONE;
}

/* Set by term_wake, from any thread. */
static atomic_bool wake_pending;

void
term_wake(void)
{
	atomic_store(&wake_pending, true);
}

int
term_read_key(struct term_mouse *mouse)
{
	for (;;) {
		wint_t wc;
		int r = get_wch(&wc);
		int key;

		if (r == ERR) {
			if (input_gone())
				return TK_HANGUP;
			if (atomic_exchange(&wake_pending, false))
				return TK_WAKE;
			continue;
		}
		if (r == KEY_CODE_YES) {
			key = translate_code((int)wc, mouse);
			if (key != TK_NONE)
				return key;
			continue;
		}
		switch (wc) {
		case '\r':
		case '\n':
			return TK_ENTER;
		case 27:
			return TK_ESC;
		case '\t':
			return TK_TAB;
		case 8:
		case 127:
			return TK_BACKSPACE;
		default:
			return (int)wc;
		}
	}
}
