/*
 * keys.h: the planner's keys in one table. Each action has a name (what
 * dais.ini's [keys] section uses), the context it works in, a line of help
 * and its default keys. The same table drives dispatch, the `?` screen and
 * the checking of the user's configuration. Key codes here are dais's own,
 * not curses's (term.c translates), so all of this is testable.
 */
#ifndef DAIS_TUI_KEYS_H
#define DAIS_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "dais/diag.h"

/*
 * A key: a Unicode code point for a character (control keys are 1..26),
 * or one of these, above the Unicode range.
 */
enum {
	TK_NONE = 0,
	TK_BASE = 0x110000,
	TK_UP,
	TK_DOWN,
	TK_LEFT,
	TK_RIGHT,
	TK_S_UP, /* shifted arrows */
	TK_S_DOWN,
	TK_S_LEFT,
	TK_S_RIGHT,
	TK_PGUP,
	TK_PGDN,
	TK_HOME,
	TK_END,
	TK_ENTER,
	TK_ESC,
	TK_TAB,
	TK_BTAB, /* shift-tab */
	TK_BACKSPACE,
	TK_DELETE,
	TK_INSERT,
	TK_F1,
	TK_F12 = TK_F1 + 11,
	TK_RESIZE, /* the terminal changed size */
	TK_MOUSE,  /* see term_mouse() */
	TK_HANGUP, /* the terminal is gone, or SIGHUP or SIGTERM came */
	TK_WAKE,   /* no key: term_wake() was called (a sync ended) */
	TK_LAST
};

/* Where an action works. Global keys work in every view. */
enum key_context {
	CTX_GLOBAL,   /* every view */
	CTX_MOVE,     /* moving in every view and list */
	CTX_SESSIONS, /* grid and list */
	CTX_GRID,     /* grid only */
	CTX_PEOPLE,
	CTX_CONFLICTS,
	CTX_REQUESTS,
	CTX_ASSIGN, /* the assignments of the selected session */
	CTX_HELP,
	CTX_FORM,   /* forms, pickers and prompts */
	CTX_PICKER, /* the type-ahead picker */
	CTX_EDIT,   /* a text field being typed in */
	CTX_COUNT
};

enum action {
	ACT_NONE,
	/* global */
	ACT_HELP,
	ACT_QUIT,
	ACT_SAVE,
	ACT_UNDO,
	ACT_REDO,
	ACT_NEXT_VIEW,
	ACT_PREV_VIEW,
	ACT_VIEW_GRID,
	ACT_VIEW_LIST,
	ACT_VIEW_PEOPLE,
	ACT_VIEW_CONFLICTS,
	ACT_VIEW_REQUESTS,
	ACT_NEXT_DAY,
	ACT_PREV_DAY,
	ACT_DAY_1,
	ACT_DAY_2,
	ACT_DAY_3,
	ACT_DAY_4,
	ACT_DAY_5,
	ACT_DAY_6,
	ACT_DAY_7,
	ACT_DAY_8,
	ACT_DAY_9,
	ACT_SEARCH,
	ACT_SEARCH_NEXT,
	ACT_SEARCH_PREV,
	ACT_EXPORT,
	ACT_IMPORT,
	ACT_PRINT,
	ACT_TOGGLE_DETAIL,
	ACT_REDRAW,
	ACT_SYNC,
	/* moving in lists and the grid */
	ACT_UP,
	ACT_DOWN,
	ACT_LEFT,
	ACT_RIGHT,
	ACT_PAGE_UP,
	ACT_PAGE_DOWN,
	ACT_FIRST,
	ACT_LAST,
	ACT_SELECT, /* Enter */
	ACT_BACK,   /* Esc */
	/* sessions */
	ACT_NEXT_SESSION,
	ACT_PREV_SESSION,
	ACT_CREATE,
	ACT_EDIT,
	ACT_DUPLICATE,
	ACT_CANCEL_RESTORE,
	ACT_DELETE,
	ACT_MOVE_TO,
	ACT_MOVE_EARLIER,
	ACT_MOVE_LATER,
	ACT_MOVE_ROOM_LEFT,
	ACT_MOVE_ROOM_RIGHT,
	ACT_LONGER,
	ACT_SHORTER,
	ACT_ASSIGN,
	ACT_ASSIGNMENTS,
	ACT_FIND_SLOT,
	ACT_ZOOM_IN,
	ACT_ZOOM_OUT,
	/* people */
	ACT_FILTER_KIND,
	ACT_FILTER_DELEGATION,
	ACT_ASSIGN_TO_SESSION,
	ACT_PERSON_NEW,
	ACT_PERSON_EDIT,
	ACT_PERSON_REMOVE,
	/* rooms and buildings (registry_form.c) */
	ACT_ROOM_NEW,
	ACT_ROOM_EDIT,
	ACT_ROOM_REMOVE,
	ACT_BUILDING_EDIT,
	/* conflicts */
	ACT_FIX_CONFLICT,
	/* requests */
	ACT_SCHEDULE,
	/* assignments */
	ACT_ASSIGN_ADD,
	ACT_UNASSIGN,
	ACT_CYCLE_ROLE,
	ACT_ASSIGN_UP,
	ACT_ASSIGN_DOWN,
	/* forms, pickers, prompts */
	ACT_FORM_ACCEPT,
	ACT_FORM_CANCEL,
	ACT_FORM_NEXT,
	ACT_FORM_PREV,
	ACT_PICK_ROLE,
	/* text fields */
	ACT_EDIT_LEFT,
	ACT_EDIT_RIGHT,
	ACT_EDIT_HOME,
	ACT_EDIT_END,
	ACT_EDIT_BACKSPACE,
	ACT_EDIT_DELETE,
	ACT_EDIT_KILL,
	ACT_EDIT_KILL_WORD,
	ACT_COUNT
};

/*
 * What an action needs, said once in the table instead of in case lists
 * where it is dispatched. An action without KEYF_EDITS is allowed in a
 * read-only planner (export, print, moving about); save, undo and redo are
 * refused by the editor and planner_save themselves.
 */
enum key_flag {
	KEYF_EDITS = 1 << 0, /* changes the programme: refused read-only */
	KEYF_NEEDS_SESSION = 1 << 1, /* acts on the selected session */
};

struct key_action {
	enum action action;
	const char *name; /* for dais.ini: "undo" */
	enum key_context context;
	const char *defaults; /* "u" or "C-r, U" */
	const char *help;     /* one line for the ? screen */
	unsigned flags;       /* enum key_flag */
};

/* The table, in the order the help screen shows; ends with ACT_NONE. */
extern const struct key_action key_actions[];
const struct key_action *key_action_find(const char *name);
const struct key_action *key_action_of(enum action a);
/* The action's KEYF_* flags; 0 for ACT_NONE. */
unsigned key_action_flags(enum action a);
const char *key_context_label(enum key_context ctx);

/*
 * Key names: "a", "A", "é" (any one character), "C-a" .. "C-z", "Space",
 * "Up", "Down", "Left", "Right", "S-Up" ..., "PgUp", "PgDn", "Home", "End",
 * "Enter", "Esc", "Tab", "BTab" (shift-tab), "Backspace", "Delete", "Insert",
 * "F1" .. "F12". Parsing returns TK_NONE for anything else.
 */
int keys_parse(const char *name);
/* The name of a key, into buf (at least 16 bytes); returns buf. */
char *keys_name(int key, char *buf);

#define KEYMAP_MAX_KEYS 6

/* Which keys each action has, defaults or from dais.ini. */
struct keymap {
	int keys[ACT_COUNT][KEYMAP_MAX_KEYS];
	int nkeys[ACT_COUNT];
};

void keymap_defaults(struct keymap *km);
/*
 * Sets an action's keys from a list of names ("u, C-z"), replacing its
 * defaults. On a bad name or an unknown action nothing changes, false is
 * returned and *why (owned by the caller) says what is wrong.
 */
bool keymap_bind(struct keymap *km, const char *action, const char *keys,
                 char **why);
/*
 * Reports keys that mean two things where both could apply (two actions
 * in the contexts one lookup searches), and characters bound in contexts
 * where they are typed as text. Each becomes a warning in diags (with
 * `file`). Returns how many.
 */
size_t keymap_check(const struct keymap *km, const char *file,
                    struct diag_list *diags);
/*
 * The action of key in ctx. Views look in their own context, then CTX_MOVE,
 * then CTX_GLOBAL (the grid looks in CTX_SESSIONS before CTX_MOVE); forms
 * and prompts in CTX_FORM then CTX_EDIT; the picker in CTX_PICKER first.
 * ACT_NONE when the key means nothing there.
 */
enum action keymap_lookup(const struct keymap *km, enum key_context ctx,
                          int key);
/* An action's keys as "u, C-z" into buf of size n; returns buf. */
char *keymap_keys_text(const struct keymap *km, enum action a, char *buf,
                       size_t n);
/* The first key of an action ("?"), for hints; "" when it has none. */
char *keymap_first_key(const struct keymap *km, enum action a, char *buf);

/*
 * The help screen's lines, from the table: a heading per context and a line
 * per action ("  u, C-z        undo the last edit"), a description longer
 * than width columns going on under itself. The caller frees each line and
 * the array.
 */
char **keymap_help_lines(const struct keymap *km, int width, size_t *nlines);

#endif
