/*
 * keys.c: the table of the planner's actions and their default keys, key
 * names both ways, the user's bindings and the help screen made from them.
 * Dispatch, `?` and the checking of dais.ini all read this one table.
 */
#include "keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/textwidth.h"
#include "dais/utf8.h"
#include "dais/xalloc.h"

const struct key_action key_actions[] = {
    {ACT_HELP, "help", CTX_GLOBAL, "?, F1", "show this list of keys", 0},
    {ACT_QUIT, "quit", CTX_GLOBAL, "q, C-c",
     "quit (asks first when there are unsaved edits)", 0},
    {ACT_SAVE, "save", CTX_GLOBAL, "s, C-s",
     "save the programme: its .ics files, venues.ini, participants.ini", 0},
    {ACT_UNDO, "undo", CTX_GLOBAL, "u", "undo the last edit", 0},
    {ACT_REDO, "redo", CTX_GLOBAL, "C-r, U", "redo what was undone", 0},
    {ACT_NEXT_VIEW, "next-view", CTX_GLOBAL, "Tab",
     "next view: grid, list, people, conflicts, requests", 0},
    {ACT_PREV_VIEW, "previous-view", CTX_GLOBAL, "BTab", "previous view", 0},
    {ACT_VIEW_GRID, "view-grid", CTX_GLOBAL, "F2",
     "rooms by time grid of the day", 0},
    {ACT_VIEW_LIST, "view-list", CTX_GLOBAL, "F3",
     "chronological list of the day", 0},
    {ACT_VIEW_PEOPLE, "view-people", CTX_GLOBAL, "F4",
     "participants and their timelines", 0},
    {ACT_VIEW_CONFLICTS, "view-conflicts", CTX_GLOBAL, "F5, !",
     "every conflict, worst first", 0},
    {ACT_VIEW_REQUESTS, "view-requests", CTX_GLOBAL, "F6",
     "the bilateral requests of requests.ini, placed or why not", 0},
    {ACT_NEXT_DAY, "next-day", CTX_GLOBAL, ">", "next conference day", 0},
    {ACT_PREV_DAY, "previous-day", CTX_GLOBAL, "<", "previous conference day",
     0},
    {ACT_DAY_1, "day-1", CTX_GLOBAL, "1", "first day", 0},
    {ACT_DAY_2, "day-2", CTX_GLOBAL, "2", "second day", 0},
    {ACT_DAY_3, "day-3", CTX_GLOBAL, "3", "third day", 0},
    {ACT_DAY_4, "day-4", CTX_GLOBAL, "4", "fourth day", 0},
    {ACT_DAY_5, "day-5", CTX_GLOBAL, "5", "fifth day", 0},
    {ACT_DAY_6, "day-6", CTX_GLOBAL, "6", "sixth day", 0},
    {ACT_DAY_7, "day-7", CTX_GLOBAL, "7", "seventh day", 0},
    {ACT_DAY_8, "day-8", CTX_GLOBAL, "8", "eighth day", 0},
    {ACT_DAY_9, "day-9", CTX_GLOBAL, "9", "ninth day", 0},
    {ACT_SEARCH, "search", CTX_GLOBAL, "/", "search titles, people and notes",
     0},
    {ACT_SEARCH_NEXT, "search-next", CTX_GLOBAL, "n", "next match", 0},
    {ACT_SEARCH_PREV, "search-previous", CTX_GLOBAL, "N", "previous match", 0},
    {ACT_EXPORT, "export", CTX_GLOBAL, "E",
     "export .ics for participants (asks where)", 0},
    {ACT_IMPORT, "import", CTX_GLOBAL, "I",
     "import another client's calendar (.ics): asks for the file, then "
     "about each room matched by the closest name; one undo removes it",
     KEYF_EDITS},
    {ACT_PRINT, "print", CTX_GLOBAL, "p",
     "print the day's run-sheet; in People, the participant's programme "
     "(asks for the command or a file)",
     0},
    {ACT_TOGGLE_DETAIL, "toggle-detail", CTX_GLOBAL, "i",
     "show or hide the detail pane", 0},
    {ACT_REDRAW, "redraw", CTX_GLOBAL, "C-l", "redraw the screen", 0},
    {ACT_SYNC, "sync", CTX_GLOBAL, "S",
     "sync with the team's CalDAV server now ([server] in conference.ini)", 0},

    {ACT_UP, "up", CTX_MOVE, "Up, k",
     "up; in the grid, from the first row to the day's all-day items", 0},
    {ACT_DOWN, "down", CTX_MOVE, "Down, j", "down", 0},
    {ACT_LEFT, "left", CTX_MOVE, "Left, h",
     "left: previous room; in people, back to the list", 0},
    {ACT_RIGHT, "right", CTX_MOVE, "Right, l",
     "right: next room; in people, into the timeline", 0},
    {ACT_PAGE_UP, "page-up", CTX_MOVE, "PgUp, C-b", "a page up", 0},
    {ACT_PAGE_DOWN, "page-down", CTX_MOVE, "PgDn, C-f", "a page down", 0},
    {ACT_FIRST, "first", CTX_MOVE, "Home, g", "to the top", 0},
    {ACT_LAST, "last", CTX_MOVE, "End, G", "to the bottom", 0},
    {ACT_SELECT, "select", CTX_MOVE, "Enter",
     "edit the session; in conflicts and timelines, jump to it", 0},
    {ACT_BACK, "back", CTX_MOVE, "Esc", "close, leave, go back", 0},

    {ACT_NEXT_SESSION, "next-session", CTX_SESSIONS, "]",
     "next session in time", 0},
    {ACT_PREV_SESSION, "previous-session", CTX_SESSIONS, "[",
     "previous session in time", 0},
    {ACT_CREATE, "create", CTX_SESSIONS, "c",
     "create a session (at the cursor in the grid)", KEYF_EDITS},
    {ACT_EDIT, "edit", CTX_SESSIONS, "e", "edit the session in a form",
     KEYF_EDITS | KEYF_NEEDS_SESSION},
    {ACT_DUPLICATE, "duplicate", CTX_SESSIONS, "y", "duplicate the session",
     KEYF_EDITS | KEYF_NEEDS_SESSION},
    {ACT_CANCEL_RESTORE, "cancel-restore", CTX_SESSIONS, "x",
     "cancel the session, or restore it as it was before",
     KEYF_EDITS | KEYF_NEEDS_SESSION},
    {ACT_DELETE, "delete", CTX_SESSIONS, "Delete, X",
     "delete the session (asks first)", KEYF_EDITS | KEYF_NEEDS_SESSION},
    {ACT_MOVE_TO, "move-to", CTX_SESSIONS, "m",
     "move to a time typed (9:30, 0930, +15m, -1h)",
     KEYF_EDITS | KEYF_NEEDS_SESSION},
    {ACT_MOVE_EARLIER, "move-earlier", CTX_SESSIONS, "K, S-Up",
     "move one row earlier", KEYF_EDITS | KEYF_NEEDS_SESSION},
    {ACT_MOVE_LATER, "move-later", CTX_SESSIONS, "J, S-Down",
     "move one row later", KEYF_EDITS | KEYF_NEEDS_SESSION},
    {ACT_MOVE_ROOM_LEFT, "move-room-left", CTX_SESSIONS, "H, S-Left",
     "move to the room on the left", KEYF_EDITS | KEYF_NEEDS_SESSION},
    {ACT_MOVE_ROOM_RIGHT, "move-room-right", CTX_SESSIONS, "L, S-Right",
     "move to the room on the right", KEYF_EDITS | KEYF_NEEDS_SESSION},
    {ACT_LONGER, "longer", CTX_SESSIONS, "}", "make one row longer",
     KEYF_EDITS | KEYF_NEEDS_SESSION},
    {ACT_SHORTER, "shorter", CTX_SESSIONS, "{", "make one row shorter",
     KEYF_EDITS | KEYF_NEEDS_SESSION},
    {ACT_ASSIGN, "assign", CTX_SESSIONS, "a",
     "assign a participant (type-ahead picker)",
     KEYF_EDITS | KEYF_NEEDS_SESSION},
    {ACT_ASSIGNMENTS, "assignments", CTX_SESSIONS, "A",
     "the session's people: remove, change role, reorder", KEYF_NEEDS_SESSION},
    {ACT_FIND_SLOT, "find-slot", CTX_SESSIONS, "f",
     "free times and rooms for the session: choose one to move it there",
     KEYF_EDITS | KEYF_NEEDS_SESSION},

    {ACT_ROOM_NEW, "new-room", CTX_SESSIONS, "C",
     "add a room (a form: every key of venues.ini)", KEYF_EDITS},
    {ACT_ROOM_EDIT, "edit-room", CTX_SESSIONS, "R",
     "edit the selected session's room in a form", KEYF_EDITS},
    {ACT_ROOM_REMOVE, "remove-room", CTX_SESSIONS, "D",
     "remove the selected session's room (asks; its sessions keep the "
     "name)",
     KEYF_EDITS},
    {ACT_BUILDING_EDIT, "edit-building", CTX_SESSIONS, "B",
     "edit the building of the selected session's room, with its walks",
     KEYF_EDITS},
    {ACT_ZOOM_IN, "zoom-in", CTX_GRID, "+, =", "zoom in: fewer minutes a row",
     0},
    {ACT_ZOOM_OUT, "zoom-out", CTX_GRID, "-", "zoom out: more minutes a row",
     0},

    {ACT_FILTER_KIND, "filter-kind", CTX_PEOPLE, "f",
     "show one kind: minister, official, ..., all", 0},
    {ACT_FILTER_DELEGATION, "filter-delegation", CTX_PEOPLE, "d",
     "show one delegation (cycles), then all", 0},
    {ACT_ASSIGN_TO_SESSION, "assign-to-session", CTX_PEOPLE, "a",
     "assign this participant to a session (picker)", KEYF_EDITS},
    {ACT_PERSON_NEW, "new-participant", CTX_PEOPLE, "c",
     "add a participant (a form: every key of participants.ini)", KEYF_EDITS},
    {ACT_PERSON_EDIT, "edit-participant", CTX_PEOPLE, "e",
     "edit this participant in a form", KEYF_EDITS},
    {ACT_PERSON_REMOVE, "remove-participant", CTX_PEOPLE, "Delete, X",
     "remove this participant (asks; their assignments go too)", KEYF_EDITS},

    {ACT_FIX_CONFLICT, "fix-conflict", CTX_CONFLICTS, "f",
     "moves, substitutes or removals that clear the conflict: choose one",
     KEYF_EDITS},

    {ACT_SCHEDULE, "schedule", CTX_REQUESTS, "P",
     "place the requests not placed yet (the scheduler), as one edit",
     KEYF_EDITS},

    {ACT_ASSIGN_ADD, "assign-add", CTX_ASSIGN, "a", "add a participant",
     KEYF_EDITS},
    {ACT_UNASSIGN, "unassign", CTX_ASSIGN, "d, Delete",
     "remove this participant from the session", KEYF_EDITS},
    {ACT_CYCLE_ROLE, "cycle-role", CTX_ASSIGN, "r",
     "role: participant, speaker, chair, in turn", KEYF_EDITS},
    {ACT_ASSIGN_UP, "assignment-up", CTX_ASSIGN, "K", "move up in the order",
     KEYF_EDITS},
    {ACT_ASSIGN_DOWN, "assignment-down", CTX_ASSIGN, "J",
     "move down in the order", KEYF_EDITS},

    {ACT_FORM_ACCEPT, "accept", CTX_FORM, "Enter",
     "accept: apply the form, answer the prompt", 0},
    {ACT_FORM_CANCEL, "cancel", CTX_FORM, "Esc, C-g",
     "cancel, changing nothing", 0},
    {ACT_FORM_NEXT, "next-field", CTX_FORM, "Tab, Down",
     "next field or candidate", 0},
    {ACT_FORM_PREV, "previous-field", CTX_FORM, "BTab, Up",
     "previous field or candidate", 0},
    {ACT_PICK_ROLE, "picker-role", CTX_PICKER, "C-r",
     "role the choice gets: participant, speaker, chair", 0},

    {ACT_EDIT_LEFT, "edit-left", CTX_EDIT, "Left, C-b",
     "cursor left; in a choice field, the previous choice", 0},
    {ACT_EDIT_RIGHT, "edit-right", CTX_EDIT, "Right, C-f",
     "cursor right; in a choice field, the next choice", 0},
    {ACT_EDIT_HOME, "edit-home", CTX_EDIT, "Home, C-a",
     "to the start of the text", 0},
    {ACT_EDIT_END, "edit-end", CTX_EDIT, "End, C-e", "to the end of the text",
     0},
    {ACT_EDIT_BACKSPACE, "edit-backspace", CTX_EDIT, "Backspace",
     "delete the character before the cursor", 0},
    {ACT_EDIT_DELETE, "edit-delete", CTX_EDIT, "Delete, C-d",
     "delete the character under the cursor", 0},
    {ACT_EDIT_KILL, "edit-kill", CTX_EDIT, "C-u", "clear the field", 0},
    {ACT_EDIT_KILL_WORD, "edit-kill-word", CTX_EDIT, "C-w",
     "delete the word before the cursor", 0},
    {ACT_NONE, NULL, CTX_GLOBAL, NULL, NULL, 0},
};

static const char *const context_labels[CTX_COUNT] = {
    [CTX_GLOBAL] = "Everywhere",
    [CTX_MOVE] = "Moving (every view and list)",
    [CTX_SESSIONS] = "Sessions (grid and list)",
    [CTX_GRID] = "Grid",
    [CTX_PEOPLE] = "Participants view",
    [CTX_CONFLICTS] = "Conflicts view",
    [CTX_REQUESTS] = "Requests view",
    [CTX_ASSIGN] = "Assignments of a session (A)",
    [CTX_HELP] = "This help",
    [CTX_FORM] = "Forms, pickers and prompts",
    [CTX_PICKER] = "Picker",
    [CTX_EDIT] = "Text fields",
};

/* The contexts a lookup searches, most specific first, CTX_COUNT-ended. */
static const enum key_context chains[CTX_COUNT][5] = {
    [CTX_GLOBAL] = {CTX_GLOBAL, CTX_COUNT},
    [CTX_MOVE] = {CTX_MOVE, CTX_GLOBAL, CTX_COUNT},
    [CTX_SESSIONS] = {CTX_SESSIONS, CTX_MOVE, CTX_GLOBAL, CTX_COUNT},
    [CTX_GRID] = {CTX_GRID, CTX_SESSIONS, CTX_MOVE, CTX_GLOBAL, CTX_COUNT},
    [CTX_PEOPLE] = {CTX_PEOPLE, CTX_MOVE, CTX_GLOBAL, CTX_COUNT},
    [CTX_CONFLICTS] = {CTX_CONFLICTS, CTX_MOVE, CTX_GLOBAL, CTX_COUNT},
    [CTX_REQUESTS] = {CTX_REQUESTS, CTX_MOVE, CTX_GLOBAL, CTX_COUNT},
    [CTX_ASSIGN] = {CTX_ASSIGN, CTX_MOVE, CTX_GLOBAL, CTX_COUNT},
    [CTX_HELP] = {CTX_HELP, CTX_MOVE, CTX_GLOBAL, CTX_COUNT},
    [CTX_FORM] = {CTX_FORM, CTX_EDIT, CTX_COUNT},
    [CTX_PICKER] = {CTX_PICKER, CTX_FORM, CTX_EDIT, CTX_COUNT},
    [CTX_EDIT] = {CTX_EDIT, CTX_COUNT},
};

const struct key_action *
key_action_find(const char *name)
{
	const struct key_action *k;

	for (k = key_actions; k->name != NULL; k++)
		if (strcmp(k->name, name) == 0)
			return k;
	return NULL;
}

const struct key_action *
key_action_of(enum action a)
{
	const struct key_action *k;

	for (k = key_actions; k->name != NULL; k++)
		if (k->action == a)
			return k;
	return NULL;
}

unsigned
key_action_flags(enum action a)
{
	const struct key_action *k = key_action_of(a);

	return k != NULL ? k->flags : 0;
}

const char *
key_context_label(enum key_context ctx)
{
	return ctx < CTX_COUNT ? context_labels[ctx] : "?";
}

static const struct {
	const char *name;
	int key;
} named_keys[] = {
    {"Up", TK_UP},
    {"Down", TK_DOWN},
    {"Left", TK_LEFT},
    {"Right", TK_RIGHT},
    {"S-Up", TK_S_UP},
    {"S-Down", TK_S_DOWN},
    {"S-Left", TK_S_LEFT},
    {"S-Right", TK_S_RIGHT},
    {"PgUp", TK_PGUP},
    {"PgDn", TK_PGDN},
    {"Home", TK_HOME},
    {"End", TK_END},
    {"Enter", TK_ENTER},
    {"Esc", TK_ESC},
    {"Tab", TK_TAB},
    {"BTab", TK_BTAB},
    {"Backspace", TK_BACKSPACE},
    {"Delete", TK_DELETE},
    {"Insert", TK_INSERT},
    {"Space", ' '},
};

int
keys_parse(const char *name)
{
	size_t i, n = strlen(name);
	unsigned int wc;

	if (n == 0)
		return TK_NONE;
	for (i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
		if (strcmp(named_keys[i].name, name) == 0)
			return named_keys[i].key;
	if (name[0] == 'F' && n >= 2 && n <= 3) {
		int f = atoi(name + 1);

		if (f >= 1 && f <= 12 &&
		    strspn(name + 1, "0123456789") == n - 1)
			return TK_F1 + f - 1;
	}
	if (n == 3 && name[0] == 'C' && name[1] == '-' && name[2] >= 'a' &&
	    name[2] <= 'z')
		return name[2] - 'a' + 1;
	/* One printable character, in any script. */
	if (text_decode(name, n, &wc) == n && wc >= 0x20 && wc != 0x7f &&
	    wc != 0xfffd)
		return (int)wc;
	return TK_NONE;
}

char *
keys_name(int key, char *buf)
{
	size_t i;

	for (i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
		if (named_keys[i].key == key) {
			strcpy(buf, named_keys[i].name);
			return buf;
		}
	if (key >= TK_F1 && key <= TK_F12)
		snprintf(buf, 16, "F%d", key - TK_F1 + 1);
	else if (key >= 1 && key <= 26)
		snprintf(buf, 16, "C-%c", 'a' + key - 1);
	else if (key > 0x20 && key < TK_BASE && key != 0x7f)
		buf[utf8_encode((unsigned int)key, buf)] = '\0';
	else
		snprintf(buf, 16, "<%d>", key);
	return buf;
}

/* Parses "u, C-z" into keys; false with *why on a bad name. */
static bool
parse_list(const char *list, int *keys, int *nkeys, char **why)
{
	const char *p = list;

	*nkeys = 0;
	while (*p != '\0') {
		size_t len;
		char *name;
		int key;

		while (*p == ' ' || *p == ',')
			p++;
		if (*p == '\0')
			break;
		/* "," itself is a key when it stands alone. */
		len = strcspn(p + 1, ", ") + 1;
		name = xstrndup(p, len);
		key = keys_parse(name);
		if (key == TK_NONE) {
			*why =
			    xasprintf("'%s' is not a key name; write a "
			              "character, C-a..C-z, F1..F12 or one "
			              "of Up, Down, Left, Right, PgUp, PgDn, "
			              "Home, End, Enter, Esc, Tab, BTab, "
			              "Backspace, Delete, Space",
			              name);
			free(name);
			return false;
		}
		free(name);
		if (*nkeys >= KEYMAP_MAX_KEYS) {
			*why = xasprintf("at most %d keys per action",
			                 KEYMAP_MAX_KEYS);
			return false;
		}
		keys[(*nkeys)++] = key;
		p += len;
	}
	return true;
}

void
keymap_defaults(struct keymap *km)
{
	const struct key_action *k;

	memset(km, 0, sizeof *km);
	for (k = key_actions; k->name != NULL; k++) {
		char *why = NULL;

		/* The table is ours: a bad default is a programming error. */
		if (!parse_list(k->defaults, km->keys[k->action],
		                &km->nkeys[k->action], &why))
			abort();
	}
}

bool
keymap_bind(struct keymap *km, const char *action, const char *keys, char **why)
{
	const struct key_action *k = key_action_find(action);
	int parsed[KEYMAP_MAX_KEYS], n, i;

	if (k == NULL) {
		*why = xasprintf("no action '%s'; the actions are listed "
		                 "in dais(1) under KEYS",
		                 action);
		return false;
	}
	if (!parse_list(keys, parsed, &n, why))
		return false;
	for (i = 0; i < n; i++)
		km->keys[k->action][i] = parsed[i];
	km->nkeys[k->action] = n;
	return true;
}

static bool
has_key(const struct keymap *km, enum action a, int key)
{
	int i;

	for (i = 0; i < km->nkeys[a]; i++)
		if (km->keys[a][i] == key)
			return true;
	return false;
}

enum action
keymap_lookup(const struct keymap *km, enum key_context ctx, int key)
{
	const enum key_context *c;

	if (ctx >= CTX_COUNT)
		return ACT_NONE;
	for (c = chains[ctx]; *c != CTX_COUNT; c++) {
		const struct key_action *k;

		for (k = key_actions; k->name != NULL; k++)
			if (k->context == *c && has_key(km, k->action, key))
				return k->action;
	}
	return ACT_NONE;
}

static bool
in_chain(enum key_context chain, enum key_context ctx)
{
	const enum key_context *c;

	for (c = chains[chain]; *c != CTX_COUNT; c++)
		if (*c == ctx)
			return true;
	return false;
}

size_t
keymap_check(const struct keymap *km, const char *file, struct diag_list *diags)
{
	const struct key_action *a, *b;
	size_t count = 0;
	int i;
	char name[16];

	for (a = key_actions; a->name != NULL; a++) {
		/* A character bound where text is typed would never arrive. */
		if (in_chain(CTX_PICKER, a->context))
			for (i = 0; i < km->nkeys[a->action]; i++) {
				int key = km->keys[a->action][i];

				if (key >= 0x20 && key < TK_BASE) {
					diag_add(diags, DIAG_WARNING, file, 0,
					         NULL,
					         "Key '%s' of '%s' is typed as "
					         "text in fields; bind a "
					         "control or function key",
					         keys_name(key, name), a->name);
					count++;
				}
			}
		for (b = a + 1; b->name != NULL; b++) {
			enum key_context c;
			bool meet = false;

			for (c = 0; c < CTX_COUNT && !meet; c++)
				meet = in_chain(c, a->context) &&
				       in_chain(c, b->context);
			if (!meet)
				continue;
			for (i = 0; i < km->nkeys[a->action]; i++) {
				int key = km->keys[a->action][i];

				if (!has_key(km, b->action, key))
					continue;
				diag_add(diags, DIAG_WARNING, file, 0, NULL,
				         "Key '%s' is bound to both '%s' and "
				         "'%s'; '%s' wins where both apply",
				         keys_name(key, name), a->name, b->name,
				         a->context == b->context ? a->name
				         : in_chain(a->context, b->context)
				             ? a->name
				             : b->name);
				count++;
			}
		}
	}
	return count;
}

char *
keymap_keys_text(const struct keymap *km, enum action a, char *buf, size_t n)
{
	int i;
	char name[16];

	buf[0] = '\0';
	for (i = 0; i < km->nkeys[a]; i++) {
		size_t len = strlen(buf);

		snprintf(buf + len, n - len, "%s%s", i ? ", " : "",
		         keys_name(km->keys[a][i], name));
	}
	return buf;
}

char *
keymap_first_key(const struct keymap *km, enum action a, char *buf)
{
	if (km->nkeys[a] == 0) {
		buf[0] = '\0';
		return buf;
	}
	return keys_name(km->keys[a][0], buf);
}

/* Whether day-N is bound to the digit N alone, for N = 1..9. */
static bool
digits_in_order(const struct keymap *km)
{
	int d;

	for (d = 0; d < 9; d++)
		if (km->nkeys[ACT_DAY_1 + d] != 1 ||
		    km->keys[ACT_DAY_1 + d][0] != '1' + d)
			return false;
	return true;
}

/*
 * "  KEY              what it does": the key in its 16 columns, then the
 * description from column 19, wrapped under itself to width columns
 * rather than cut ("asks for the file, then about each roo…" hid what
 * the key does).
 */
static void
help_line_add(char ***lines, size_t *n, size_t *cap, const char *key,
              const char *desc, int width)
{
	size_t nparts = 0, i;
	char **parts =
	    text_wrap_words(desc, width > 19 + 20 ? width - 19 : 20, &nparts);

	if (nparts == 0) {
		XGROW(*lines, *n, *cap);
		(*lines)[(*n)++] = xasprintf("  %s", key);
	}
	for (i = 0; i < nparts; i++) {
		XGROW(*lines, *n, *cap);
		(*lines)[(*n)++] = xasprintf(
		    "  %s %s", i == 0 ? key : "                ", parts[i]);
		free(parts[i]);
	}
	free(parts);
}

char **
keymap_help_lines(const struct keymap *km, int width, size_t *nlines)
{
	char **lines = NULL;
	size_t n = 0, cap = 0;
	enum key_context c;

	for (c = 0; c < CTX_COUNT; c++) {
		const struct key_action *k;
		bool any = false;

		for (k = key_actions; k->name != NULL; k++) {
			char keys[128];
			char *col;

			if (k->context != c)
				continue;
			if (!any) {
				if (n > 0) {
					XGROW(lines, n, cap);
					lines[n++] = xstrdup("");
				}
				XGROW(lines, n, cap);
				lines[n++] = xstrdup(key_context_label(c));
				any = true;
			}
			if (k->action >= ACT_DAY_2 && k->action <= ACT_DAY_9 &&
			    digits_in_order(km))
				continue;
			keymap_keys_text(km, k->action, keys, sizeof keys);
			if (k->action == ACT_DAY_1 && digits_in_order(km)) {
				strcpy(keys, "1..9");
				col = text_fit(keys, 16);
				XGROW(lines, n, cap);
				lines[n++] = xasprintf("  %s day 1 to 9", col);
				free(col);
				continue;
			}
			if (keys[0] == '\0')
				strcpy(keys, "(none)");
			col = text_fit(keys, 16);
			help_line_add(&lines, &n, &cap, col, k->help, width);
			free(col);
		}
	}
	*nlines = n;
	return lines;
}
