/*
 * prompt.c: two modal layers. The one-line prompt at the bottom of the
 * screen hands what was typed to its completion, which may refuse it: then
 * the reason shows in place and the prompt stays. The question answered
 * with one key hands the key to its completion. Neither knows who asked.
 */
#include <stdlib.h>
#include <string.h>

#include "dais/textwidth.h"
#include "dais/xalloc.h"
#include "planner.h"

static void
prompt_free(void *state)
{
	struct prompt *pr = state;

	free(pr->label);
	free(pr->error);
	lineedit_free(&pr->edit);
	free(pr);
}

static void
prompt_key(struct planner *pl, void *state, int key)
{
	struct prompt *pr = state;
	enum action a = keymap_lookup(&pl->cfg->keys, CTX_FORM, key);

	if (a == ACT_FORM_CANCEL) {
		layer_close(pl);
		planner_message(pl, false, "Cancelled.");
		return;
	}
	if (a == ACT_FORM_ACCEPT) {
		char *text = xstrdup(pr->edit.text);
		char *refused = pr->done(pl, text);

		if (refused == NULL) {
			if (prompt_of(pl) == pr)
				layer_close(pl);
		} else {
			free(pr->error);
			pr->error = refused;
		}
		free(text);
		return;
	}
	if (lineedit_action(&pr->edit, a))
		return;
	if (a == ACT_NONE && key >= 0x20 && key < TK_BASE && key != 0x7f) {
		lineedit_insert(&pr->edit, (unsigned int)key);
		free(pr->error);
		pr->error = NULL;
	}
}

static void
prompt_draw(struct planner *pl, void *state, struct canvas *c, int *cy, int *cx)
{
	struct prompt *pr = state;
	int lw = text_width(pr->label), y = pl->h - 1, above = y - 1;

	canvas_fill(c, y, 0, c->w, 1, STYLE_STATUS, 0);
	if (lw > c->w / 2) {
		/* A label that would leave the answer less than half the
		 * line (the print prompt's hint at 80 columns) goes whole on
		 * the lines above, not cut. */
		size_t n, i;
		char **lines = text_wrap(pr->label, c->w - 1, &n);

		for (i = n; i-- > 0;) {
			if (above >= 1) {
				canvas_fill(c, above, 0, c->w, 1, STYLE_STATUS,
				            0);
				canvas_put_fit(c, above--, 0, c->w, lines[i],
				               STYLE_STATUS, 0);
			}
			free(lines[i]);
		}
		free(lines);
		lw = 0;
	} else {
		canvas_put_fit(c, y, 0, lw, pr->label, STYLE_STATUS, 0);
	}
	*cx = lineedit_draw(&pr->edit, c, y, lw, c->w - lw, STYLE_INPUT, true);
	*cy = y;
	if (pr->error != NULL)
		canvas_put_fit(c, above, 0, c->w, pr->error, STYLE_STATUS_ERROR,
		               0);
}

static const struct layer_ops prompt_layer = {
    .name = "prompt",
    .mode = MODE_PROMPT,
    .key = prompt_key,
    .draw = prompt_draw,
    .free = prompt_free,
};

void
prompt_open(struct planner *pl, const char *label, const char *initial,
            prompt_done done)
{
	struct prompt *pr = xcalloc(1, sizeof *pr);

	pr->label = xstrdup(label);
	lineedit_init(&pr->edit, initial);
	pr->done = done;
	layer_open(pl, &prompt_layer, pr);
}

struct prompt *
prompt_of(const struct planner *pl)
{
	return layer_state(pl, &prompt_layer);
}

/* ---- Questions ----------------------------------------------------------- */

static void
confirm_free(void *state)
{
	struct confirm *q = state;

	free(q->question);
	free(q);
}

static void
confirm_draw(struct planner *pl, void *state, struct canvas *c, int *cy,
             int *cx)
{
	struct confirm *cf = state;
	const char *q = cf->question, *last = strrchr(q, '\n');
	char **lines = NULL, *tail = NULL;
	size_t n = 0, i, shown;
	int y;

	(void)pl;
	(void)cy;
	(void)cx;
	if (last != NULL) {
		char *body = xstrndup(q, (size_t)(last - q));

		lines = text_wrap(body, c->w - 2, &n);
		free(body);
		last++;
	} else {
		last = q;
	}
	/* A question wider than the screen (a long title at 80 columns)
	 * goes on over the lines above, so its answers ("y: delete, n:
	 * keep") at the end are never cut off. */
	if (text_width(last) > c->w - 2) {
		size_t nq, k;
		char **ql = text_wrap(last, c->w - 2, &nq);

		lines = xreallocarray(lines, n + nq, sizeof *lines);
		for (k = 0; k + 1 < nq; k++)
			lines[n++] = ql[k];
		last = tail = ql[nq - 1];
		free(ql);
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
	free(tail);
}

static void
confirm_key(struct planner *pl, void *state, int key)
{
	struct confirm *cf = state;
	confirm_done done = cf->done;

	if (cf->answers != NULL && !cf->answers(pl, key))
		return; /* no answer: the question stays */
	layer_close(pl);
	done(pl, key);
}

static const struct layer_ops confirm_layer = {
    .name = "confirm",
    .mode = MODE_CONFIRM,
    .key = confirm_key,
    .draw = confirm_draw,
    .free = confirm_free,
};

void
confirm_open(struct planner *pl, const char *question, confirm_answers answers,
             confirm_done done)
{
	struct confirm *cf = xcalloc(1, sizeof *cf);

	cf->question = xstrdup(question);
	cf->answers = answers;
	cf->done = done;
	layer_open(pl, &confirm_layer, cf);
}
