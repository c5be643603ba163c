/*
 * layer.c: the stack of modal layers over the views: help, the assignments
 * pane, prompts, questions, the session form and the picker. Only the top
 * layer gets keys and draws; closing it gives them back to the one below
 * (the picker opened from the assignments returns there), or to the view.
 */
#include <stdlib.h>

#include "dais/xalloc.h"
#include "planner.h"

struct layer {
	const struct layer_ops *ops;
	void *state; /* owned; freed with ops->free */
	struct layer *below;
};

static void
layer_free(struct layer *l)
{
	if (l->ops->free != NULL)
		l->ops->free(l->state);
	free(l);
}

void
layer_open(struct planner *pl, const struct layer_ops *ops, void *state)
{
	struct layer *l = xcalloc(1, sizeof *l);

	/* The assignments pane is a place the user works in, not a
	 * question: a layer opened from it replaces it, unless it is one
	 * that returns there (the picker adding someone). */
	if (pl->layers != NULL && pl->layers->ops->mode == MODE_ASSIGN &&
	    !ops->over_assign)
		layer_close(pl);
	l->ops = ops;
	l->state = state;
	l->below = pl->layers;
	pl->layers = l;
}

void
layer_close(struct planner *pl)
{
	struct layer *l = pl->layers;

	if (l == NULL)
		return;
	pl->layers = l->below;
	layer_free(l);
}

void
layer_close_all(struct planner *pl)
{
	while (pl->layers != NULL)
		layer_close(pl);
}

const struct layer_ops *
layer_top(const struct planner *pl)
{
	return pl->layers != NULL ? pl->layers->ops : NULL;
}

void *
layer_top_state(const struct planner *pl)
{
	return pl->layers != NULL ? pl->layers->state : NULL;
}

void *
layer_state(const struct planner *pl, const struct layer_ops *ops)
{
	return pl->layers != NULL && pl->layers->ops == ops ? pl->layers->state
	                                                    : NULL;
}

enum mode
planner_mode(const struct planner *pl)
{
	return pl->layers != NULL ? pl->layers->ops->mode : MODE_VIEW;
}

void
layer_key(struct planner *pl, int key)
{
	struct layer *l = pl->layers;

	l->ops->key(pl, l->state, key);
}
