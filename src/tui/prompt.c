/*
 * prompt.c: the one-line prompt at the bottom of the screen (search, move
 * to a time, export and print destinations, save as), which refuses a
 * wrong answer in place with the reason; and the questions answered with
 * one key (delete, quit, files changed on disk).
 */
#include <stdlib.h>
#include <string.h>

#include "dais/textwidth.h"
#include "dais/xalloc.h"
#include "planner.h"

void
prompt_open(struct planner *pl, enum prompt_kind kind, const char *label,
            const char *initial)
{
	prompt_close(pl);
	pl->prompt.kind = kind;
	pl->prompt.label = xstrdup(label);
	lineedit_init(&pl->prompt.edit, initial);
	pl->mode = MODE_PROMPT;
}

void
prompt_close(struct planner *pl)
{
	free(pl->prompt.label);
	free(pl->prompt.error);
	lineedit_free(&pl->prompt.edit);
	pl->prompt.label = NULL;
	pl->prompt.error = NULL;
	if (pl->mode == MODE_PROMPT)
		pl->mode = MODE_VIEW;
}

static void
accept(struct planner *pl)
{
	char *text = xstrdup(pl->prompt.edit.text);
	const char *why = NULL;

	switch (pl->prompt.kind) {
	case PROMPT_SEARCH:
		prompt_close(pl);
		if (text[0] == '\0' && pl->search == NULL) {
			planner_message(pl, true, "Nothing to search for.");
			break;
		}
		if (text[0] != '\0') {
			free(pl->search);
			pl->search = xstrdup(text);
		}
		planner_search(pl, pl->search, 1);
		break;
	case PROMPT_MOVE_TO:
		if (planner_move_to(pl, text, &why)) {
			prompt_close(pl);
		} else {
			free(pl->prompt.error);
			pl->prompt.error = xstrdup(why);
		}
		break;
	case PROMPT_EXPORT:
		prompt_close(pl);
		planner_export(pl, text);
		break;
	case PROMPT_PRINT:
		prompt_close(pl);
		planner_print(pl, text);
		break;
	case PROMPT_SAVE_AS: {
		char *refused = planner_save_as(pl, text);

		if (refused == NULL) {
			prompt_close(pl);
		} else {
			free(pl->prompt.error);
			pl->prompt.error = refused;
		}
		break;
	}
	}
	free(text);
}

void
prompt_key(struct planner *pl, int key)
{
	enum action a = keymap_lookup(&pl->cfg->keys, CTX_FORM, key);

	if (a == ACT_FORM_CANCEL) {
		prompt_close(pl);
		planner_message(pl, false, "Cancelled.");
		return;
	}
	if (a == ACT_FORM_ACCEPT) {
		accept(pl);
		return;
	}
	if (lineedit_action(&pl->prompt.edit, a))
		return;
	if (a == ACT_NONE && key >= 0x20 && key < TK_BASE && key != 0x7f) {
		lineedit_insert(&pl->prompt.edit, (unsigned int)key);
		free(pl->prompt.error);
		pl->prompt.error = NULL;
	}
}

void
prompt_draw(struct planner *pl, struct canvas *c, int y, int *cy, int *cx)
{
	int lw = text_width(pl->prompt.label);

	if (lw > c->w / 2)
		lw = c->w / 2;
	canvas_fill(c, y, 0, c->w, 1, STYLE_STATUS, 0);
	canvas_put_fit(c, y, 0, lw, pl->prompt.label, STYLE_STATUS, 0);
	*cx = lineedit_draw(&pl->prompt.edit, c, y, lw, c->w - lw, STYLE_INPUT,
	                    true);
	*cy = y;
	if (pl->prompt.error != NULL)
		canvas_put_fit(c, y - 1, 0, c->w, pl->prompt.error,
		               STYLE_STATUS_ERROR, 0);
}

void
confirm_open(struct planner *pl, enum confirm_kind kind, const char *question)
{
	free(pl->confirm.question);
	pl->confirm.kind = kind;
	pl->confirm.question = xstrdup(question);
	pl->mode = MODE_CONFIRM;
}

void
confirm_draw(struct planner *pl, struct canvas *c)
{
	const char *q = pl->confirm.question, *last = strrchr(q, '\n');
	char **lines = NULL;
	size_t n = 0, i, shown;
	int y;

	if (last != NULL) {
		char *body = xstrndup(q, (size_t)(last - q));

		lines = text_wrap(body, c->w - 2, &n);
		free(body);
		last++;
	} else {
		last = q;
	}
	/* The body above the status line, as much as fits under the tabs:
	 * the first lines name the files, so it is the end that goes. */
	shown = n < (size_t)(c->h - 2) ? n : (size_t)(c->h - 2);
	y = c->h - 1 - (int)shown;
	for (i = 0; i < shown; i++) {
		canvas_fill(c, y + (int)i, 0, c->w, 1, STYLE_STATUS, 0);
		canvas_put_fit(c, y + (int)i, 1, c->w - 2,
		               i + 1 == shown && shown < n ? "..." : lines[i],
		               STYLE_STATUS, 0);
	}
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	canvas_put_fit(c, c->h - 1, 0, c->w, last, STYLE_STATUS_ERROR, 0);
}

void
confirm_key(struct planner *pl, int key)
{
	bool yes = key == 'y' || key == 'Y';
	bool no = key == 'n' || key == 'N';

	if (pl->confirm.kind == CONFIRM_EXTERNAL) {
		external_key(pl, key);
		return;
	}
	pl->mode = MODE_VIEW;
	switch (pl->confirm.kind) {
	case CONFIRM_DELETE:
		if (yes) {
			const struct session *s = planner_selected(pl);
			const char *why = NULL;

			if (s != NULL) {
				char *uid = xstrdup(s->uid);
				int at = pl->list.cur;

				planner_edit_result(
				    pl,
				    edit_delete(pl->ed, uid, s->recurrence_id,
				                &why),
				    why);
				free(uid);
				if (pl->view == VIEW_GRID) {
					grid_sync_selection(pl);
				} else {
					/* The list keeps its place: the next
					 * session, or the one before. */
					size_t n, *v = list_sessions(pl, &n);

					if (at >= (int)n)
						at = (int)n - 1;
					planner_select(
					    pl, at >= 0
					            ? &pl->p->sessions[v[at]]
					            : NULL);
					free(v);
				}
			}
		} else {
			planner_message(pl, false, "Not deleted.");
		}
		break;
	case CONFIRM_QUIT:
		if (yes) {
			planner_save(pl);
			if (!editor_dirty(pl->ed))
				pl->quit = true;
		} else if (no) {
			pl->quit = true;
		} else {
			planner_message(pl, false, "Still here; nothing lost.");
		}
		break;
	case CONFIRM_EXTERNAL:
		break;
	}
}
