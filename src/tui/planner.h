/*
 * planner.h: the state of the interactive planner and the functions its
 * views, widgets and actions share. The state holds no curses: views draw
 * it into a canvas (canvas.h), so everything here can be driven and
 * checked by the unit tests without a terminal.
 *
 * Adding a view: a file view_NAME.c (and its line in meson.build) with its
 * state (a struct of its own, made by .new and reached through
 * planner_view_state(pl, &NAME_view)) and a const struct view_ops
 * NAME_view giving at least name, context, draw and action; and the row
 * &NAME_view in planner_views (planner.c), whose order is that of the
 * tabs. The frame, Tab, the tabs and their mouse clicks, the detail pane
 * (VIEWF_SESSIONS) and dispatch all follow from the row. A key of its own
 * is a row in keys.c's table whose action is the view's .show_action (the
 * table says every key once, for ? and for dais.ini).
 *
 * Adding a modal layer (a dialog, a picker): a file with a static const
 * struct layer_ops (mode, key, and the draw hooks it needs) and a
 * NAME_open() that fills its state and calls layer_open(); its key
 * function calls layer_close() when done and then a completion callback
 * given to NAME_open() by whoever asked, as prompt_open and confirm_open
 * do. Only the top layer gets keys and draws; the one below comes back
 * when it closes.
 */
#ifndef DAIS_TUI_PLANNER_H
#define DAIS_TUI_PLANNER_H

#include <stdbool.h>
#include <stddef.h>

#include "canvas.h"
#include "config.h"
#include "dais/conflict.h"
#include "dais/edit.h"
#include "dais/model.h"
#include "dais/save.h"
#include "keys.h"
#include "lineedit.h"

struct planner;

/* The smallest screen the planner draws on; below it, it says so. */
#define PLANNER_MIN_W 80
#define PLANNER_MIN_H 24

/* What the keyboard is talking to: the top modal layer, or the view. */
enum mode {
	MODE_VIEW,    /* the current view: no layer open */
	MODE_HELP,    /* the ? screen */
	MODE_ASSIGN,  /* the selected session's assignments */
	MODE_PROMPT,  /* one line typed at the bottom */
	MODE_FORM,    /* the session form */
	MODE_PICKER,  /* a type-ahead picker */
	MODE_CONFIRM, /* a question answered with one key */
};

/* A session named the way edit.h names it: stable across edits. */
struct session_key {
	char *uid; /* owned; NULL for none */
	dais_time rid;
};

/* A scrolling list's cursor: the widget behind every list on screen. */
struct listnav {
	int cur, top, n;
};

/* Moves by ACT_UP/DOWN/PAGE_UP/PAGE_DOWN/FIRST/LAST; false if not one. */
bool listnav_action(struct listnav *l, enum action a, int page);
/* Keeps cur within 0..n-1 and visible in `rows` rows. */
void listnav_fix(struct listnav *l, int rows);

/* ---- The grid's layout ------------------------------------------------ */

struct grid_col {
	const char *room_id; /* borrowed; NULL: sessions without a known room */
	const struct room *room;
};

struct grid_block {
	size_t session; /* index into p->sessions */
	int col, lane, nlanes;
	int m0, m1; /* minutes since the day's local midnight, clipped */
};

struct grid_layout {
	int day;
	int zoom;       /* minutes a row */
	int start, end; /* minutes since local midnight, whole rows */
	int nrows;
	struct grid_col *cols;
	int ncols;
	struct grid_block *blocks; /* by column, then start */
	size_t nblocks;
};

/*
 * Lays out day `day` of p: a column per room of venues.ini, in its order,
 * then one for sessions whose room is unknown or missing (when there are
 * any); rows of `zoom` minutes from the daily start (or the earliest
 * session) to the daily end (or the latest); overlapping sessions in a
 * room side by side in lanes. All-day items are left out: they have no
 * hours (the grid names them above it).
 */
void grid_layout_build(struct grid_layout *g, const struct programme *p,
                       int day, int zoom);
void grid_layout_free(struct grid_layout *g);
/*
 * The sessions that start on conference day `day` (local time) are
 * p->sessions[*first .. *end): p->sessions is in time order, so this is a
 * binary search, not a walk over the whole programme.
 */
void programme_day_range(const struct programme *p, int day, size_t *first,
                         size_t *end);
/* The block of session index s, or -1. */
long grid_find_block(const struct grid_layout *g, size_t s);
/* The block in column col at minute m (lane `lane` if several), or -1. */
long grid_block_at(const struct grid_layout *g, int col, int lane, int m);
int grid_row_of(const struct grid_layout *g, int minute);
/* Column of a room id (NULL or unknown: the last, unknown-room column). */
int grid_col_of(const struct grid_layout *g, const struct programme *p,
                const char *room_id);

/* ---- Conflicts (recheck.c) --------------------------------------------- */

/* Runs the whole conflict check and rebuilds what derives from it. */
void recheck_full(struct planner *pl);
/*
 * After an edit: re-checks only the sessions within reach of those the
 * event changed, keeps the other conflicts (re-finding their sessions by
 * key), and rebuilds what derives from the list. The result is the set
 * conflict_check would give; test_tui_views checks that on random edits.
 */
void recheck_after(struct planner *pl, const struct edit_event *ev);
void recheck_free(struct planner *pl);
/* The worst severity of session index s's conflicts; SEVERITY_OFF for
 * none. */
enum severity planner_session_worst(const struct planner *pl, size_t s);

/* ---- Widgets --------------------------------------------------------- */

/*
 * A modal layer (layer.c): its own key and draw functions over its own
 * state; only the top one of the stack gets keys and draws. A layer closes
 * itself (layer_close) when done, before it calls whoever opened it.
 */
struct layer_ops {
	const char *name;
	enum mode mode; /* what planner_mode() says while it is on top */
	void (*key)(struct planner *pl, void *state, int key);
	/* Each drawing hook may be NULL. draw_body replaces the view and
	 * the pane (help); draw_pane replaces the detail pane (assignments),
	 * which shows_pane shows in every view; draw comes over the whole
	 * screen after the status line (prompts, forms); *cy, *cx get where
	 * the text cursor goes. */
	void (*draw_body)(struct planner *pl, void *state, struct canvas *c,
	                  int x, int y, int w, int h);
	void (*draw_pane)(struct planner *pl, void *state, struct canvas *c,
	                  int x, int y, int w, int h);
	void (*draw)(struct planner *pl, void *state, struct canvas *c, int *cy,
	             int *cx);
	void (*free)(void *state);
	bool shows_pane;
	/* Opens over the assignments pane, which comes back when it closes
	 * (the picker); any other layer replaces the pane. */
	bool over_assign;
};

/* Pushes a layer; state is the layer's from now on (ops->free frees it). */
void layer_open(struct planner *pl, const struct layer_ops *ops, void *state);
/* Closes the top layer, freeing its state. */
void layer_close(struct planner *pl);
void layer_close_all(struct planner *pl);
/* The top layer's ops, or NULL when the view has the keys. */
const struct layer_ops *layer_top(const struct planner *pl);
void *layer_top_state(const struct planner *pl);
/* The top layer's state when it is an `ops` layer, else NULL. */
void *layer_state(const struct planner *pl, const struct layer_ops *ops);
/* Gives a key to the top layer (there must be one). */
void layer_key(struct planner *pl, int key);
enum mode planner_mode(const struct planner *pl);

/*
 * A prompt's completion: called with the text typed when the user accepts
 * it. NULL: done, the prompt closes. Otherwise why the answer is refused
 * (owned by the prompt from then on), shown in place; the prompt stays.
 */
typedef char *(*prompt_done)(struct planner *pl, const char *text);

struct prompt {
	char *label; /* "Search: " */
	struct lineedit edit;
	char *error; /* why the last answer was refused, shown in place */
	prompt_done done;
};

/*
 * A question's completion: called, with the question already closed, with
 * the key that answered it. `answers` (NULL: every key does) says whether
 * a key is an answer; another key leaves the question open.
 */
typedef void (*confirm_done)(struct planner *pl, int key);
typedef bool (*confirm_answers)(struct planner *pl, int key);

struct confirm {
	/* "Delete 'Opening plenary'? y/n". Lines before the last '\n' are
	 * shown above the status line; the last one is on it. */
	char *question;
	confirm_answers answers;
	confirm_done done;
};

enum field_type {
	FIELD_TEXT,
	FIELD_CHOICE,
	FIELD_CLOCK, /* 9:30, 0930 */
	FIELD_END,   /* a clock time, or +45m */
	FIELD_NUMBER,
};

struct form_field {
	const char *label;
	enum field_type type;
	struct lineedit edit;     /* text, clock, end, number */
	const char *const *names; /* choices, shown; borrowed */
	size_t nchoices;
	size_t choice;
	char *error; /* refusal shown beside the field */
};

enum form_field_id {
	FF_TITLE,
	FF_KIND,
	FF_DAY,
	FF_START,
	FF_END,
	FF_ROOM,
	FF_STATUS,
	FF_CLASS, /* public, or a closed meeting (CLASS) */
	FF_EXPECTED,
	FF_LANGUAGES,
	FF_DESCRIPTION,
	FF_NOTES,
	FF_COUNT
};

struct form {
	bool create;            /* a new session, or editing `key` */
	bool all_day;           /* editing an all-day item: its start and
	                         * end read "all day" until changed */
	struct session_key key; /* when editing */
	struct form_field f[FF_COUNT];
	int cur;
	int start_shown;   /* the start (minutes) the end was last shown for */
	bool class_chosen; /* the organiser set Public/Closed: the kind no
	                    * longer decides it */
	char *error;       /* an edit refusal for the whole form */
	/* Choice names, owned here: kinds, days, rooms (ids parallel). */
	char **kind_names, **day_names, **room_names, **room_ids;
	size_t nkinds, ndays, nrooms;
};

struct picker;
struct pick_item;
/*
 * A picker's callbacks, given by whoever opens it. predict works out what
 * choosing `it` would cause (it->warning, it->error), the first time it is
 * shown. done is the completion: NULL when the choice is made (the picker
 * closes), else why not (owned by the picker), shown in place.
 */
typedef void (*picker_predict)(struct planner *pl, const struct picker *pk,
                               struct pick_item *it);
typedef char *(*picker_done)(struct planner *pl, const struct picker *pk,
                             const struct pick_item *it);

struct pick_item {
	char *text;     /* first line: name, or time and title */
	char *detail;   /* second column: delegation and kind, or room */
	char *match;    /* everything the query matches against, folded */
	bool predicted; /* warning and error are known (worked out lazily) */
	char *warning;  /* the conflict choosing it would create, or NULL */
	bool error;     /* that conflict is an error */
	char *id;       /* participant id, or session UID */
	char *name;     /* named in the picker's title when it is chosen */
	dais_time rid;  /* the session's recurrence id */
};

struct picker {
	/* The title; with title_after (not NULL) the name of the choice under
	 * the cursor goes between them: "Assign" NAME "to 'Opening'". */
	char *title, *title_after;
	struct lineedit query;
	struct pick_item *items;
	size_t nitems, capitems;
	size_t *shown; /* indexes of items matching the query */
	size_t nshown;
	struct listnav nav;
	enum role role; /* the role the choice gets (C-r cycles it) */
	/* What the choice is for, the opener's: a session (picking
	 * participants) or a participant id (picking sessions). */
	struct session_key for_session;
	char *for_participant;
	char *error; /* a refused choice, shown in place */
	picker_predict predict;
	picker_done done;
};

/* ---- Views ------------------------------------------------------------ */

struct term_mouse;

enum view_flag {
	/* Shows the day's sessions: the detail pane beside it, the session
	 * keys (CTX_SESSIONS), and Enter opens the session's form (an edit,
	 * refused read-only). */
	VIEWF_SESSIONS = 1 << 0,
};

/*
 * A view: one file (view_*.c) holding its state and these functions, and
 * one row in planner_views (planner.c). The planner calls them and never
 * asks which view is shown. Every function but draw and action may be
 * NULL (nothing to do).
 */
struct view_ops {
	const char *name;         /* its tab: "Grid" */
	enum key_context context; /* where its keys are looked up first */
	enum action show_action;  /* the key action that shows it (F2 ...) */
	unsigned flags;           /* enum view_flag */
	void *(*new)(struct planner *pl); /* its state (pl->view_state) */
	void (*free)(void *state);
	void (*draw)(struct planner *pl, struct canvas *c, int x, int y, int w,
	             int h);
	/* A key's action; false when it is not one of the view's. */
	bool (*action)(struct planner *pl, enum action a);
	void (*enter)(struct planner *pl); /* switched to */
	void (*day_changed)(struct planner *pl);
	/* Shows the selected session after it was edited or chosen. */
	void (*follow)(struct planner *pl);
	/* The selected session was deleted: select what takes its place. */
	void (*deleted)(struct planner *pl);
	/* A press or release where the view was drawn (hit-tested there). */
	void (*mouse)(struct planner *pl, const struct term_mouse *m);
	/* The programme was replaced (a reload): drop what pointed into the
	 * old one. */
	void (*reload)(struct planner *pl);
	/* The conflicts changed (after every edit). */
	void (*rechecked)(struct planner *pl);
	/* Written after its name on the tab ("Conflicts 4"); NULL: none. */
	const char *(*tab_note)(const struct planner *pl, char *buf, size_t n);
	/* / in this view: its own prompt and search (participants); NULL:
	 * the sessions are searched. */
	const char *search_label;
	void (*search)(struct planner *pl, const char *query, int dir);
};

/* The views, in the order of their tabs: the one list of them. */
extern const struct view_ops *const planner_views[];
extern const size_t planner_nviews;
/* The view shown. */
const struct view_ops *planner_view(const struct planner *pl);
/* Shows view v (one of planner_views): its enter hook runs. */
void planner_show_view(struct planner *pl, const struct view_ops *v);
/* View v's own state (what its .new made), or NULL before it was made;
 * the slot it is kept in, for a .new that needs it before it returns. */
void *planner_view_state(const struct planner *pl, const struct view_ops *v);
void **planner_view_slot(struct planner *pl, const struct view_ops *v);
/* Tells every view the conflicts changed (recheck.c). */
void planner_views_rechecked(struct planner *pl);
/* Calls the shown view's follow, if it has one. */
void planner_follow(struct planner *pl);

/* A tab as drawn: columns [x0, x1) of row 0, a day or a view. */
struct tab_place {
	int x0, x1;
	bool is_view;
	int index; /* day, or the view's index in planner_views */
};
#define TABS_MAX 32

/* ---- The planner ------------------------------------------------------ */

/*
 * What the planner keeps beside each conflict so that the conflict
 * outlives the edit after which it was found: its sessions by key and
 * time, and its own copies of the room and participant ids (the list's
 * room_id and participant_id point at these).
 */
struct conflict_extra {
	struct session_key *keys;
	dais_time *starts, *ends;
	size_t n;
	char *room, *participant;
};

/*
 * What the conflict check found and what derives from it, together: only
 * recheck.c writes it, after every edit, so none of it is ever stale.
 */
struct planner_checked {
	/* Always what conflict_check(p) would give (as a set). */
	struct conflict_list list;
	struct conflict_extra *extra; /* parallel to list.v */
	/* Per session index: worst severity of its conflicts (enum severity,
	 * SEVERITY_OFF for none). */
	unsigned char *worst;
	size_t nworst;
	/* The conflicts in the order the conflicts view shows: worst first,
	 * as indexes into list.v. */
	size_t *order;
	/* The longest session there has been, and how far apart two
	 * sessions can be and still conflict (changeover and walking): the
	 * reach of an edit, for predictions and the incremental re-check. */
	dais_time longest, reach;
};

struct planner {
	struct programme *p; /* owned; changed only through ed */
	struct editor *ed;
	const struct tui_config *cfg;
	struct planner_checked checked; /* the conflicts, by recheck.c */
	/* Who is in which session, for the participants view; rebuilt when
	 * first needed after an edit. people_at[i]..people_at[i+1] index
	 * people_list for participant i of p->people. */
	size_t *people_at, *people_list;
	bool people_stale;

	int w, h; /* screen size */
	/* Paints the screen at once, between keys (the front end's, tui.c;
	 * NULL when there is no terminal): planner_show_now. */
	void (*show_now)(struct planner *pl);
	size_t view; /* the view shown: its index in planner_views */
	/* Each view's own state (view_ops.new), parallel to planner_views;
	 * views reach theirs with planner_view_state. */
	void **view_state;
	struct layer *layers; /* the modal layers, top first; NULL: none */
	int day;
	bool detail; /* the detail pane is shown */
	int zoom;    /* minutes a grid row, and the step of moves */

	/* The selected session (grid, list, detail pane). */
	struct session_key sel;
	/* Where the day and view tabs were last drawn, for the mouse. */
	struct tab_place tabs[TABS_MAX];
	int ntabs;

	char *search; /* the last search, or NULL */

	char *message;
	bool message_error;
	/* Why the undo history starts later than the planner did: "the
	 * merge at 15:02" (a merge saves the edits and loads the files
	 * again, and the history starts there: external.c). NULL: it
	 * covers the whole run. */
	char *history_began;
	/* Read-only (planner_set_read_only): the sentence every edit, undo,
	 * redo and save is refused with. NULL: editable. */
	char *read_only;
	char *startup_warning; /* locale; shown until the first key */
	/* The last key pressed while the terminal is too small to draw
	 * on, which did nothing: the small screen says so. */
	int small_key;

	/* What the last save found changed on disk, while its dialog is
	 * open (external.c); NULL otherwise. */
	struct save_analysis *external;
	/* Imports made with I that no save has written yet (import.c);
	 * NULL when none was made. */
	struct import_state *imports;

	bool quit;
	/* Quit because the terminal went away or a signal came: the
	 * recovery journal stays for the next start. */
	bool hangup;
	bool repaint; /* C-l: the terminal must be painted afresh */
	/* The recovery journal each edit is appended to before it is drawn;
	 * NULL when read-only or when it could not be written (then the
	 * status line says so). */
	struct journal *journal;
	/* The team's CalDAV server (sync.c); NULL when none is set. */
	struct planner_sync *sync;
};

/* The undo history starts now, after `what` ("merge"): said when u finds
 * nothing to undo (planner.history_began). */
void planner_history_starts(struct planner *pl, const char *what);
/*
 * A planner on p, which it owns from now on (planner_free frees it, and a
 * reload replaces it), with the settings in cfg (borrowed). Makes the
 * editor and the first conflict check.
 */
struct planner *planner_new(struct programme *p, const struct tui_config *cfg);
/* The work the first screen does not wait for (the editor's session
 * index): the main loop calls it once, after painting that screen and
 * before reading the first key. */
void planner_first_painted(struct planner *pl);
void planner_free(struct planner *pl);
/*
 * Opens the programme read-only: `reason` follows "Read-only: " in the
 * sentence edits are refused with, which also names the keys that still
 * work (export, print). The editor enforces it (editor_set_read_only).
 */
void planner_set_read_only(struct planner *pl, const char *reason);
/*
 * Swaps in p (owned from now on; loaded without errors) for the planner's
 * programme, which is freed with its editor, undo history and unsaved
 * edits: the caller has kept those somewhere first if they matter. Rebuilds
 * everything that derives from the programme (conflicts, people, the
 * selection, found again by key) and closes any form, prompt or picker.
 * The one place a reload goes through: the recovery journal starts again
 * here, from the files as loaded. False with *why (the caller frees it)
 * when the journal could not be written; the programme is swapped anyway.
 */
bool planner_replace_programme(struct planner *pl, struct programme *p,
                               char **why);
/* Handles one key (keys.h); mouse may be NULL unless key is TK_MOUSE. */
void planner_key(struct planner *pl, int key, const struct term_mouse *mouse);
/* Draws everything into c (resized to the planner's w x h); *cy, *cx get
 * where the text cursor goes, or -1. */
void planner_draw(struct planner *pl, struct canvas *c, int *cy, int *cx);
void planner_resize(struct planner *pl, int w, int h);
/* Below PLANNER_MIN_W x PLANNER_MIN_H: nothing but a notice is drawn. */
bool planner_too_small(const struct planner *pl);

/* The rows above the status line that the message, too long for it, is
 * drawn over (0 when it fits there): a view whose last rows matter keeps
 * them above it. */
int planner_message_rows(const struct planner *pl);

/* Sets the status message (printf-like); error styles it as a failure. */
void planner_message(struct planner *pl, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sets the status message and paints the screen before returning: what
 * is shown while a long computation (the scheduler) holds the planner. */
void planner_message_now(struct planner *pl, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The selected session, or NULL. */
const struct session *planner_selected(const struct planner *pl);
long planner_selected_index(const struct planner *pl);
void planner_select(struct planner *pl, const struct session *s);
void planner_select_none(struct planner *pl);
/* Selects s and shows it: its day, and in the grid its room and time. */
void planner_jump(struct planner *pl, const struct session *s);

void session_key_set(struct session_key *k, const char *uid, dais_time rid);
void session_key_clear(struct session_key *k);

/* Minutes from local midnight of conference day `day` to instant t. */
int planner_minutes(const struct planner *pl, int day, dais_time t);
/* The instant at `minutes` after local midnight of conference day `day`. */
dais_time planner_instant(const struct planner *pl, int day, int minutes);
/* "Wed 4 Nov" into buf (DAIS_TIMEBUF); returns buf. */
char *planner_day_label(const struct planner *pl, int day, char *buf);
/* "Wed 4 Nov 15:00": an instant in the conference's zone, as the tabs and
 * the grid show dates and times, into buf (DAIS_TIMEBUF); returns buf. */
char *planner_when(const struct planner *pl, dais_time t, char *buf);
/* "09:00–10:30" into buf; returns buf. */
char *planner_span(const struct planner *pl, const struct session *s,
                   char *buf);
/* The room's display name, the location, or "(no room)". */
const char *planner_room_name(const struct planner *pl,
                              const struct session *s);
/* Style of a session kind (STYLE_KIND_n). */
int planner_kind_style(const struct planner *pl, const char *kind);
/* The participant's display name or the CN written in the file. */
const char *planner_person_name(const struct planner *pl,
                                const struct assignment *a);

/* ---- Views (view_*.c) ------------------------------------------------ */

extern const struct view_ops grid_view, list_view, people_view, conflicts_view,
    requests_view;

/*
 * After a save of the sessions: each request of requests.ini whose session
 * (the UID dais schedule derives from the request) is now in the files gets
 * its `placed = UID` line, as `dais schedule` writes it, so that a meeting
 * placed with P and later deleted (called off) is not placed again. Returns
 * NULL when nothing was to be marked, else a sentence for the status line
 * (owned); *failed says whether it is an error.
 */
char *requests_record_placed(struct planner *pl, bool *failed);
/*
 * Every edit, undo and redo (the editor's callback): an undo that takes
 * away a request's session (P's run undone) takes the placing back, so
 * that the next save removes its placed line rather than keeping the
 * meeting as called off.
 */
void requests_note_edit(struct planner *pl, const struct edit_event *ev);
/*
 * Why participant `id` (`name`) cannot be removed while requests.ini
 * names it among a request's parties: "Not removed: Minister of Interior
 * — Qatar is a party of 2 bilateral requests in DIR/requests.ini:
 * kw-qa-interior (line 52), ..." with what to do (owned); NULL when no
 * request names it.
 */
char *requests_naming(struct planner *pl, const char *id, const char *name);

/* Selects whatever is under the grid cursor. */
void grid_sync_selection(struct planner *pl);
/* Puts the grid cursor on the selected session. */
void grid_follow_selection(struct planner *pl);
/* The grid cursor's minute of the day: where a search or ] starts from
 * when no session is selected, in any view. */
int grid_cursor_minute(const struct planner *pl);
/* The width of a room column as last drawn. */
int grid_column_width(const struct planner *pl);

/* Session indexes of the current day in time order; caller frees. */
size_t *list_sessions(const struct planner *pl, size_t *n);

/*
 * The detail pane's lines for session s, wrapped to width: each a text
 * and a style. The caller frees the texts and the arrays.
 */
size_t detail_lines(const struct planner *pl, const struct session *s,
                    int width, char ***texts, int **styles);
void detail_draw(struct planner *pl, struct canvas *c, int x, int y, int w,
                 int h);
/* A: the selected session's assignments, in the pane (a layer). */
void assign_open(struct planner *pl);
/* ?: every key and what the marks mean (a layer). */
void help_open(struct planner *pl);

/*
 * The sessions of participant `id` (and, for a delegation or organisation,
 * of its members) in time order, as session indexes; the caller frees.
 */
size_t *people_sessions(struct planner *pl, const char *id, size_t *n);
/* The participant under the people view's cursor, or NULL. */
const struct participant *people_current(const struct planner *pl);
/* The people view's cursor: a row of the participants shown. */
int people_cursor(const struct planner *pl);

/*
 * A participant's timeline on day `day` as a bar of `width` cells from the
 * daily start to the daily end: '.' free, '#' in a session, '!' in two at
 * once (cancelled sessions left out). Owned by the caller.
 */
char *timeline_bar(struct planner *pl, const char *participant_id, int day,
                   int width);

/* ---- Widgets (prompt.c, form.c, picker.c) ---------------------------- */

/* The prompt at the bottom; `initial` is typed in already. */
void prompt_open(struct planner *pl, const char *label, const char *initial,
                 prompt_done done);
/* The open prompt (the top layer), or NULL. */
struct prompt *prompt_of(const struct planner *pl);

void confirm_open(struct planner *pl, const char *question,
                  confirm_answers answers, confirm_done done);

/* I: another client's calendar into the programme, as one edit (import.c). */
void import_open(struct planner *pl);
/* Follows undo and redo of the imports' edits (called for every edit). */
void import_note_edit(struct planner *pl, const struct edit_event *ev);
/* At a save, before the sessions are written: the file of each import
 * whose edit stands, written as `dais import` writes it. A sentence for
 * the status line (the caller frees it), or NULL when there was none;
 * *failed when a file could not be written (then the save stops). */
char *import_save(struct planner *pl, bool *failed);
/* Drops the imports not yet written (the programme is replaced). */
void import_forget(struct planner *pl);

void form_open_edit(struct planner *pl, const struct session *s);
void form_open_create(struct planner *pl, int day, int minute,
                      const char *room_id);
/* The open form (the top layer), or NULL. */
struct form *form_of(const struct planner *pl);
/*
 * Reads a form field typed by a person into the value it stands for;
 * false with *why set (a static sentence) when it cannot. For FIELD_END,
 * start is the start in minutes and *out the end in minutes (which may
 * pass midnight only through a duration).
 */
bool form_parse_clock(const char *text, int *minutes, const char **why);
bool form_parse_end(const char *text, int start, int *end, const char **why);

void picker_open_participants(struct planner *pl, const struct session *s);
void picker_open_sessions(struct planner *pl, const struct participant *who);
/*
 * Any other picker: picker_new, then picker_add for each candidate (fill
 * text, detail, match, id and rid; the picker owns the strings), set title
 * (owned) and for_* as the callbacks need, then picker_open.
 */
struct picker *picker_new(picker_predict predict, picker_done done);
struct pick_item *picker_add(struct picker *pk);
void picker_open(struct planner *pl, struct picker *pk);
/* The open picker (the top layer), or NULL. */
struct picker *picker_of(const struct planner *pl);

/*
 * What assigning participant `who` to session s would add: the first new
 * conflict's sentence (owned by the caller) or NULL, and *error whether it
 * is an error. Checks s against the sessions near it in time only, so it is
 * quick enough to run for every candidate of a picker.
 */
char *predict_assign(const struct planner *pl, const struct session *s,
                     const char *who, bool *error);

/* ---- Actions (actions.c) --------------------------------------------- */

/* The next role in the cycle participant, speaker, chair. */
enum role role_next(enum role r);

/* Runs an action of the sessions context on the selected session. */
bool session_action(struct planner *pl, enum action a);
/* Runs an action that works everywhere (help, save, views, days ...). */
bool planner_global_action(struct planner *pl, enum action a);
/* Whether an edit key is refused because the planner is read-only (and
 * then says so). */
bool planner_read_only_refuses(struct planner *pl, enum action a);
/* Clears the status message (a key was pressed). */
void planner_clear_message(struct planner *pl);
/* Reports the result of an edit: why on failure, else nothing. */
bool planner_edit_result(struct planner *pl, bool ok, const char *why);
/*
 * s: saves; when a programme file changed on disk since dais read it,
 * opens the dialog of external.c instead.
 */
void planner_save(struct planner *pl);

/*
 * The registries' part of s (ini_external.c): venues.ini and
 * participants.ini written when their entries changed; one changed on
 * disk opens its own dialog (differences by key, merge, reload, a copy).
 * sessions_note (may be NULL) is what the sessions' save said, kept in
 * front of the message.
 */
void planner_save_registries(struct planner *pl, const char *sessions_note);

/*
 * The participant, room and building keys (registry_form.c): c, e, X in
 * the participants view; C, R, D, B on the selected session's room. True
 * when a was one of them.
 */
bool registry_form_action(struct planner *pl, enum action a);

/* ---- Files changed on disk (external.c) ------------------------------ */

/*
 * Compares the files with what dais read (save_analyse). When some differ,
 * opens the dialog that names the sessions and offers m merge, r reload, a
 * save as; returns true. False (nothing opened) when none differ.
 */
bool external_offer(struct planner *pl);
void external_close(struct planner *pl);
/*
 * Writes the user's version into the new directory `dir` (save_copy).
 * Returns NULL when done (the status line says where), else why not
 * (owned by the caller), for the prompt to show in place.
 */
char *planner_save_as(struct planner *pl, const char *dir);
void planner_search(struct planner *pl, const char *query, int direction);
/* Prompt completions (prompt_done): the search typed after /, the
 * directory to export into, the print command or file. */
char *planner_search_typed(struct planner *pl, const char *text);
char *planner_export(struct planner *pl, const char *dir);
/* Where E proposes to export when dais.ini names no directory: beside the
 * programme, DIR-export, as an absolute path (owned by the caller). */
char *planner_export_default(const struct planner *pl);
char *planner_print(struct planner *pl, const char *dest);
/* The People view's print: the selected participant's own programme. */
char *planner_print_programme(struct planner *pl, const char *dest);
/* "09:30", "0930", "+15m", "-1h" relative to the session's start;
 * NULL when moved, else why not (owned by the caller). */
char *planner_move_to(struct planner *pl, const char *text);

#endif
