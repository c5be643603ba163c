/*
 * registry_form.c: the participant, room and building forms, and the
 * removal of a participant or room. A form has the entry's id and every
 * key of its table (registry_field.h); each field is judged by the key's
 * own parser, the loader's, so a refusal reads as `dais check` would put
 * it, and the id is checked (slug, unused, unchangeable once sessions use
 * it) as it is typed. The whole form is one edit (edit_registry.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/edit_registry.h"
#include "dais/strbuf.h"
#include "dais/textwidth.h"
#include "dais/trim.h"
#include "dais/xalloc.h"
#include "planner.h"

/* Sessions named in a removal's question before "and N more". */
#define NAMED_SESSIONS 4

struct reg_form {
	enum registry_kind kind;
	char *orig_id;   /* the entry edited; NULL: a new one */
	char *id_locked; /* why its id cannot change, or NULL */
	const struct registry_field *fields;
	size_t nfields;
	int n;      /* rows: the id, the fields, and a building's walks */
	bool walks; /* the last row is "Walks" (a building) */
	struct lineedit *edit;
	char **error; /* per row */
	int cur;
	char *error_all; /* the editor's refusal of the whole form */
};

static void
reg_form_free(void *state)
{
	struct reg_form *f = state;
	int i;

	for (i = 0; i < f->n; i++) {
		lineedit_free(&f->edit[i]);
		free(f->error[i]);
	}
	free(f->edit);
	free(f->error);
	free(f->orig_id);
	free(f->id_locked);
	free(f->error_all);
	free(f);
}

static const char *
row_label(const struct reg_form *f, int row)
{
	if (row == 0)
		return "Id";
	if (f->walks && row == f->n - 1)
		return "Walks (id min)";
	return f->fields[row - 1].label;
}

/* The entry as it is (or a new one) with id set from text. */
static void
set_id(struct registry_item *x, const char *id)
{
	char **slot = x->kind == REGISTRY_PARTICIPANT ? &x->person.id
	              : x->kind == REGISTRY_ROOM      ? &x->room.id
	                                              : &x->building.id;

	free(*slot);
	*slot = xstrdup(id);
}

static struct registry_item
base_item(const struct planner *pl, const struct reg_form *f)
{
	struct registry_item x;

	if (f->orig_id == NULL ||
	    !registry_item_get(pl->p, f->kind, f->orig_id, &x))
		registry_item_init(&x, f->kind);
	return x;
}

/* The section name messages use: the id typed, or the kind's example. */
static char *
section_of(const struct reg_form *f)
{
	char *id = trim_spaces_dup(f->edit[0].text);
	char *s;

	if (f->kind == REGISTRY_PARTICIPANT)
		s = xstrdup(id);
	else
		s = xasprintf("%s.%s", registry_kind_name(f->kind), id);
	free(id);
	return s;
}

static char *
check_id(const struct planner *pl, const struct reg_form *f)
{
	char *id = trim_spaces_dup(f->edit[0].text), *why = NULL;
	struct registry_item other;

	if (f->orig_id != NULL && strcmp(id, f->orig_id) == 0) {
		free(id);
		return NULL;
	}
	if (f->orig_id != NULL && f->id_locked != NULL)
		why = xasprintf("%s.", f->id_locked);
	else if (*id == '\0')
		why = xasprintf("Type an id: lowercase letters, digits and "
		                "'-', such as %s",
		                f->kind == REGISTRY_PARTICIPANT ? "kw-interior"
		                : f->kind == REGISTRY_ROOM      ? "main-hall"
		                                                : "annex");
	else if (!registry_is_slug(id))
		why = f->kind == REGISTRY_PARTICIPANT
		          ? xasprintf("[%s] is not an id: a participant's id "
		                      "is lowercase letters, digits and '-', "
		                      "such as [kw-interior]",
		                      id)
		          : xasprintf("[%s.%s]: \"%s\" is not an id: ids are "
		                      "lowercase letters, digits and '-', such "
		                      "as [%s.main-hall]",
		                      registry_kind_name(f->kind), id, id,
		                      registry_kind_name(f->kind));
	else if (registry_item_get(pl->p, f->kind, id, &other)) {
		registry_item_free(&other);
		why = xasprintf("There is a %s %s already: choose another id.",
		                registry_kind_name(f->kind), id);
	}
	free(id);
	return why;
}

/* "pavilion 6, annex 9" into walks from building `self`. */
static char *
parse_walks(const struct planner *pl, const char *self, const char *text,
            struct registry_item **out, size_t *n)
{
	char *copy = xstrdup(text), *item, *save = NULL, *why = NULL;
	char *section = xasprintf("building.%s", self);

	*out = NULL;
	*n = 0;
	for (item = strtok_r(copy, ",", &save); item != NULL && why == NULL;
	     item = strtok_r(NULL, ",", &save)) {
		char other[128], key[160];
		int minutes = 0, used = 0;
		struct registry_item w;
		char *problem = NULL;

		if (strspn(item, " \t") == strlen(item))
			continue;
		if (sscanf(item, " %127s %n", other, &used) != 1 ||
		    item[used] == '\0') {
			why =
			    xasprintf("Walks: write each as a building id and "
			              "minutes, such as \"pavilion 6, annex "
			              "9\"");
			break;
		}
		snprintf(key, sizeof key, "walk.%s", other);
		if (!registry_value_int(section, key, item + used, 0, 240,
		                        &minutes, &why))
			break;
		registry_item_init(&w, REGISTRY_WALK);
		w.walk.from = xstrdup(self);
		w.walk.to = xstrdup(other);
		w.walk.minutes = minutes;
		if (!registry_item_check(pl->p, &w, &problem)) {
			registry_item_free(&w);
			why = problem;
			break;
		}
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[(*n)++] = w;
	}
	free(copy);
	free(section);
	if (why != NULL) {
		size_t i;

		for (i = 0; i < *n; i++)
			registry_item_free(&(*out)[i]);
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return why;
}

/* Row `row` judged alone; its error set (or cleared). */
static bool
check_row(const struct planner *pl, struct reg_form *f, int row)
{
	char *why = NULL;

	free(f->error[row]);
	f->error[row] = NULL;
	if (row == 0) {
		why = check_id(pl, f);
	} else if (f->walks && row == f->n - 1) {
		struct registry_item *w;
		char *id = trim_spaces_dup(f->edit[0].text);
		size_t n, i;

		why = parse_walks(pl, id, f->edit[row].text, &w, &n);
		for (i = 0; i < n; i++)
			registry_item_free(&w[i]);
		free(w);
		free(id);
	} else {
		const struct registry_field *fld = &f->fields[row - 1];
		struct registry_item x = base_item(pl, f);
		char *text = trim_spaces_dup(f->edit[row].text), *section;

		section = section_of(f);
		if (*text != '\0')
			fld->parse(pl->p, &x, section, text, &why, NULL);
		else if (fld->required)
			why = xasprintf("[%s] has no %s: add a line %s = "
			                "\"...\"",
			                section, fld->key, fld->key);
		free(section);
		free(text);
		registry_item_free(&x);
	}
	f->error[row] = why;
	return why == NULL;
}

/* The entry the form describes; false at the first wrong row. */
static bool
build(const struct planner *pl, struct reg_form *f, struct registry_item *x)
{
	char *id, *section;
	int row;

	for (row = 0; row < f->n; row++)
		if (!check_row(pl, f, row)) {
			f->cur = row;
			return false;
		}
	*x = base_item(pl, f);
	id = trim_spaces_dup(f->edit[0].text);
	set_id(x, id);
	free(id);
	section = registry_section(x);
	for (row = 1; row <= (int)f->nfields; row++) {
		const struct registry_field *fld = &f->fields[row - 1];
		char *text = trim_spaces_dup(f->edit[row].text), *why = NULL;

		if (*text == '\0')
			fld->clear(x);
		else if (!fld->parse(pl->p, x, section, text, &why, NULL))
			free(why); /* check_row has said it */
		free(text);
	}
	free(section);
	return true;
}

/* A building's walks made what the form says, in the open group. */
static bool
apply_walks(struct planner *pl, struct reg_form *f, const char *self,
            const char **why)
{
	struct registry_item *w;
	char *problem;
	size_t n, i, k;

	problem = parse_walks(pl, self, f->edit[f->n - 1].text, &w, &n);
	if (problem != NULL) {
		free(problem);
		return false;
	}
	/* Walks of this building no longer listed go. */
	for (k = pl->p->nwalks; k-- > 0;) {
		const struct walk *old = &pl->p->walks[k];
		const char *other = strcmp(old->from, self) == 0 ? old->to
		                    : strcmp(old->to, self) == 0 ? old->from
		                                                 : NULL;
		struct registry_item o;
		char buf[256];
		bool kept = false;

		if (other == NULL)
			continue;
		for (i = 0; i < n; i++)
			kept |= strcmp(w[i].walk.to, other) == 0;
		if (kept)
			continue;
		registry_item_init(&o, REGISTRY_WALK);
		o.walk.from = (char *)self;
		o.walk.to = (char *)other;
		if (strcmp(self, other) > 0) {
			o.walk.from = (char *)other;
			o.walk.to = (char *)self;
		}
		/* registry_item_id copies nothing: o is not freed. */
		edit_registry_remove(pl->ed, REGISTRY_WALK,
		                     registry_item_id(&o, buf, sizeof buf),
		                     why);
	}
	for (i = 0; i < n; i++) {
		struct registry_item cur;
		char buf[256];
		const char *wid;

		if (strcmp(w[i].walk.from, w[i].walk.to) > 0) {
			char *t = w[i].walk.from;

			w[i].walk.from = w[i].walk.to;
			w[i].walk.to = t;
		}
		wid = registry_item_id(&w[i], buf, sizeof buf);
		if (registry_item_get(pl->p, REGISTRY_WALK, wid, &cur)) {
			registry_item_free(&cur);
			if (!edit_registry_put(pl->ed, wid, &w[i], why))
				break;
		} else {
			registry_item_free(&cur);
			if (!edit_registry_put(pl->ed, NULL, &w[i], why))
				break;
		}
	}
	for (k = 0; k < n; k++)
		registry_item_free(&w[k]);
	free(w);
	return i == n;
}

static void
apply(struct planner *pl, struct reg_form *f)
{
	struct registry_item x;
	const char *why = NULL;
	char buf[256];
	bool ok;

	if (!build(pl, f, &x))
		return;
	planner_clear_message(pl);
	if (f->walks) {
		char *d = xasprintf("%s building '%s'",
		                    f->orig_id ? "Changed" : "Added",
		                    registry_item_id(&x, buf, sizeof buf));

		editor_begin_group(pl->ed, d);
		free(d);
		ok = edit_registry_put(pl->ed, f->orig_id, &x, &why) &&
		     apply_walks(pl, f, x.building.id, &why);
		if (ok)
			editor_end_group(pl->ed);
		else
			editor_cancel_group(pl->ed);
	} else {
		ok = edit_registry_put(pl->ed, f->orig_id, &x, &why);
	}
	registry_item_free(&x);
	if (!ok) {
		free(f->error_all);
		f->error_all = xstrdup(why != NULL ? why : "Refused.");
		return;
	}
	layer_close(pl); /* f is gone from here */
	if (pl->message == NULL)
		planner_message(pl, false, "Nothing changed.");
}

static void
reg_form_key(struct planner *pl, void *state, int key)
{
	struct reg_form *f = state;
	enum action a = keymap_lookup(&pl->cfg->keys, CTX_FORM, key);
	struct lineedit *le = &f->edit[f->cur];

	free(f->error_all);
	f->error_all = NULL;
	switch (a) {
	case ACT_FORM_CANCEL:
		layer_close(pl);
		planner_message(pl, false, "Cancelled; nothing changed.");
		return;
	case ACT_FORM_ACCEPT:
		apply(pl, f);
		return;
	case ACT_FORM_NEXT:
	case ACT_FORM_PREV:
		if (!check_row(pl, f, f->cur))
			return;
		f->cur = (f->cur + (a == ACT_FORM_NEXT ? 1 : f->n - 1)) % f->n;
		return;
	default:
		break;
	}
	if (lineedit_key(le, a, key)) {
		/* The id is judged as it is typed; others when left. */
		if (f->cur == 0)
			check_row(pl, f, 0);
		else {
			free(f->error[f->cur]);
			f->error[f->cur] = NULL;
		}
	}
}

static void
reg_form_draw(struct planner *pl, void *state, struct canvas *c, int *cy,
              int *cx)
{
	struct reg_form *f = state;
	int bw = pl->w - 4 < 76 ? pl->w - 4 : 76, bh = f->n + 6;
	int bx = (pl->w - bw) / 2, by = (pl->h - bh) / 2, labw = 17, i;
	int fx = bx + 2 + labw + 1, fw = bw - (fx - bx) - 2;
	const char *err = f->error_all;
	char *line, keys[5][16];

	if (by < 1)
		by = 1;
	canvas_box(c, by, bx, bw, bh);
	line = xasprintf(" %s %s ", f->orig_id ? "Edit" : "New",
	                 registry_kind_name(f->kind));
	canvas_put(c, by, bx + 2, bw - 4, line, STYLE_TITLE, 0);
	free(line);
	for (i = 0; i < f->n; i++) {
		int row = by + 1 + i, col;
		bool on = i == f->cur;

		line = xasprintf("%s%s", f->error[i] != NULL ? "!" : " ",
		                 row_label(f, i));
		canvas_put_fit(c, row, bx + 1, labw + 1, line,
		               f->error[i] != NULL ? STYLE_ERROR
		               : on                ? STYLE_TITLE
		                                   : STYLE_NORMAL,
		               0);
		free(line);
		col = lineedit_draw(&f->edit[i], c, row, fx, fw,
		                    on ? STYLE_INPUT : STYLE_NORMAL, on);
		if (on) {
			*cy = row;
			*cx = col;
			if (f->error[i] != NULL)
				err = f->error[i];
		}
	}
	line = xasprintf(
	    "%s apply  %s cancel  %s/%s field  %s clear%s",
	    keymap_first_key(&pl->cfg->keys, ACT_FORM_ACCEPT, keys[0]),
	    keymap_first_key(&pl->cfg->keys, ACT_FORM_CANCEL, keys[1]),
	    keymap_first_key(&pl->cfg->keys, ACT_FORM_NEXT, keys[2]),
	    keymap_first_key(&pl->cfg->keys, ACT_FORM_PREV, keys[3]),
	    keymap_first_key(&pl->cfg->keys, ACT_EDIT_KILL, keys[4]),
	    f->kind == REGISTRY_PARTICIPANT
	        ? "  kind: minister, official, delegation, organisation, "
	          "un-entity, civil-society"
	        : "");
	canvas_put_fit(c, by + f->n + 2, bx + 2, bw - 4, line, STYLE_DIM, 0);
	free(line);
	if (err != NULL)
		canvas_put_fit(c, by + f->n + 3, bx + 2, bw - 4, err,
		               STYLE_STATUS_ERROR, 0);
}

static const struct layer_ops reg_form_layer = {
    .name = "registry-form",
    .mode = MODE_FORM,
    .key = reg_form_key,
    .draw = reg_form_draw,
    .free = reg_form_free,
};

/* A building's walks as the form shows them: "pavilion 6, annex 9". */
static char *
walks_text(const struct programme *p, const char *self)
{
	struct strbuf t = {0};
	size_t i;

	strbuf_addstr(&t, "");
	for (i = 0; i < p->nwalks; i++) {
		const struct walk *w = &p->walks[i];
		const char *other = strcmp(w->from, self) == 0 ? w->to
		                    : strcmp(w->to, self) == 0 ? w->from
		                                               : NULL;

		if (other != NULL)
			strbuf_addf(&t, "%s%s %d", t.n > 0 ? ", " : "", other,
			            w->minutes);
	}
	return t.v;
}

/*
 * Opens the form for the entry of kind named id (NULL: a new one, its
 * fields filled from `init` when given).
 */
static void
open_form(struct planner *pl, enum registry_kind kind, const char *id,
          const struct registry_item *init)
{
	struct reg_form *f = xcalloc(1, sizeof *f);
	struct registry_item x;
	int i;

	f->kind = kind;
	f->fields = registry_fields(kind, &f->nfields);
	f->walks = kind == REGISTRY_BUILDING;
	f->n = 1 + (int)f->nfields + (f->walks ? 1 : 0);
	f->edit = xcalloc((size_t)f->n, sizeof *f->edit);
	f->error = xcalloc((size_t)f->n, sizeof *f->error);
	if (id != NULL && registry_item_get(pl->p, kind, id, &x)) {
		f->orig_id = xstrdup(id);
		f->id_locked = edit_registry_id_locked(pl->ed, kind, id);
	} else if (init != NULL) {
		registry_item_copy(&x, init);
	} else {
		registry_item_init(&x, kind);
	}
	lineedit_init_field(&f->edit[0], f->orig_id != NULL ? f->orig_id : "");
	for (i = 0; i < (int)f->nfields; i++) {
		char *v = f->fields[i].format(pl->p, &x);

		lineedit_init_field(&f->edit[1 + i], v != NULL ? v : "");
		free(v);
	}
	if (f->walks) {
		char *w = walks_text(pl->p, f->orig_id ? f->orig_id : "");

		lineedit_init_field(&f->edit[f->n - 1], w);
		free(w);
	}
	registry_item_free(&x);
	/* A new entry starts at its id; an edit at its name. */
	f->cur = f->orig_id != NULL ? 1 : 0;
	layer_open(pl, &reg_form_layer, f);
}

/* ---- Removals ------------------------------------------------------------ */

/* The entry a removal question is about, until it is answered. */
static enum registry_kind pending_kind;
static char *pending_id;

static bool
yes_no(struct planner *pl, int key)
{
	(void)pl;
	return key == 'y' || key == 'n' || key == 27;
}

static void
removal_answered(struct planner *pl, int key)
{
	const char *why = NULL;
	char *id = pending_id;

	pending_id = NULL;
	if (key == 'y' && id != NULL)
		planner_edit_result(
		    pl, edit_registry_remove(pl->ed, pending_kind, id, &why),
		    why);
	else
		planner_message(pl, false, "Not removed.");
	free(id);
}

/* Asks before removing; names the sessions whose assignments (or room)
 * go with it. */
static void
ask_removal(struct planner *pl, enum registry_kind kind, const char *id,
            const char *name)
{
	size_t n, i, *v = edit_registry_users(pl->ed, kind, id, &n);
	struct strbuf q = {0};

	strbuf_addstr(&q, "");
	if (n > 0) {
		strbuf_addf(&q, "%s is %s %zu session%s:", name,
		            kind == REGISTRY_ROOM ? "the room of" : "in", n,
		            n == 1 ? "" : "s");
		for (i = 0; i < n && i < NAMED_SESSIONS; i++) {
			const struct session *s = &pl->p->sessions[v[i]];
			char day[DAIS_TIMEBUF], span[DAIS_TIMEBUF];

			strbuf_addf(
			    &q, "%s %s %s '%s'", i > 0 ? ";" : "",
			    planner_day_label(
			        pl, programme_day_of(pl->p, s->start), day),
			    planner_span(pl, s, span), s->title);
		}
		if (n > NAMED_SESSIONS)
			strbuf_addf(&q, " and %zu more", n - NAMED_SESSIONS);
		strbuf_addf(
		    &q, ".\n%s %s and %s? y/n (u undoes it)",
		    kind == REGISTRY_ROOM ? "Remove the room" : "Remove", name,
		    kind == REGISTRY_ROOM
		        ? "take it from those sessions (they keep "
		          "its name as free text)"
		        : "their assignments");
	} else {
		strbuf_addf(&q, "Remove %s (in no session)? y/n", name);
	}
	free(v);
	free(pending_id);
	pending_kind = kind;
	pending_id = xstrdup(id);
	confirm_open(pl, q.v, yes_no, removal_answered);
	strbuf_free(&q);
}

/* The room of the selected session, or a refusal told. */
static const struct room *
selected_room(struct planner *pl)
{
	const struct session *s = planner_selected(pl);
	const struct room *r;
	char key[16];

	if (s == NULL) {
		planner_message(
		    pl, true,
		    "No session selected: move onto one held in "
		    "the room, or %s adds a room.",
		    keymap_first_key(&pl->cfg->keys, ACT_ROOM_NEW, key));
		return NULL;
	}
	r = programme_find_room(pl->p, s->room_id);
	if (r == NULL)
		planner_message(
		    pl, true, "'%s' has no room of venues.ini; %s adds one.",
		    s->title,
		    keymap_first_key(&pl->cfg->keys, ACT_ROOM_NEW, key));
	return r;
}

bool
registry_form_action(struct planner *pl, enum action a)
{
	const struct participant *who;
	const struct room *r;
	struct registry_item init;

	switch (a) {
	case ACT_PERSON_NEW:
		registry_item_init(&init, REGISTRY_PARTICIPANT);
		open_form(pl, REGISTRY_PARTICIPANT, NULL, &init);
		registry_item_free(&init);
		return true;
	case ACT_PERSON_EDIT:
	case ACT_PERSON_REMOVE:
		if ((who = people_current(pl)) == NULL) {
			planner_message(pl, true, "No participant shown.");
			return true;
		}
		if (a == ACT_PERSON_EDIT)
			open_form(pl, REGISTRY_PARTICIPANT, who->id, NULL);
		else
			ask_removal(pl, REGISTRY_PARTICIPANT, who->id,
			            who->name);
		return true;
	case ACT_ROOM_NEW:
		open_form(pl, REGISTRY_ROOM, NULL, NULL);
		return true;
	case ACT_ROOM_EDIT:
	case ACT_ROOM_REMOVE:
		if ((r = selected_room(pl)) == NULL)
			return true;
		if (a == ACT_ROOM_EDIT)
			open_form(pl, REGISTRY_ROOM, r->id, NULL);
		else
			ask_removal(pl, REGISTRY_ROOM, r->id, r->name);
		return true;
	case ACT_BUILDING_EDIT:
		r = planner_selected(pl) != NULL
		        ? programme_find_room(pl->p,
		                              planner_selected(pl)->room_id)
		        : NULL;
		open_form(pl, REGISTRY_BUILDING, r != NULL ? r->building : NULL,
		          NULL);
		return true;
	default:
		return false;
	}
}
