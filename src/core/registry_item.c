/*
 * registry_item.c: one entry of participants.ini or venues.ini as an item:
 * its lifetime, copy and equality, its id, name and section, and the
 * item of an entry in the programme.
 */
#include "dais/registry_field.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/suggest.h"
#include "dais/trim.h"
#include "dais/xalloc.h"

/* ---- Items ------------------------------------------------------------- */

static const char *const kind_names[REGISTRY_KIND_COUNT] = {
    "participant", "room", "building", "walk"};

const char *
registry_kind_name(enum registry_kind kind)
{
	return kind < REGISTRY_KIND_COUNT ? kind_names[kind] : "entry";
}

void
registry_item_init(struct registry_item *x, enum registry_kind kind)
{
	memset(x, 0, sizeof *x);
	x->kind = kind;
	x->person.arrival = x->person.departure = DAIS_TIME_NONE;
}

void
registry_item_free(struct registry_item *x)
{
	free(x->person.id);
	free(x->person.name);
	free(x->person.name_local);
	free(x->person.title);
	free(x->person.delegation);
	strlist_clear(&x->person.languages);
	free(x->person.email);
	free(x->person.phone);
	free(x->room.id);
	free(x->room.name);
	free(x->room.building);
	strlist_clear(&x->room.languages);
	strlist_clear(&x->room.kinds);
	free(x->building.id);
	free(x->building.name);
	free(x->walk.from);
	free(x->walk.to);
	registry_item_init(x, x->kind);
}

void
registry_item_copy(struct registry_item *dst, const struct registry_item *src)
{
	const struct participant *a = &src->person;
	struct participant *b = &dst->person;

	*dst = *src;
	b->id = xstrdup(a->id);
	b->name = xstrdup(a->name);
	b->name_local = xstrdup(a->name_local);
	b->title = xstrdup(a->title);
	b->delegation = xstrdup(a->delegation);
	memset(&b->languages, 0, sizeof b->languages);
	strlist_copy(&b->languages, &a->languages);
	b->email = xstrdup(a->email);
	b->phone = xstrdup(a->phone);
	dst->room.id = xstrdup(src->room.id);
	dst->room.name = xstrdup(src->room.name);
	dst->room.building = xstrdup(src->room.building);
	memset(&dst->room.languages, 0, sizeof dst->room.languages);
	strlist_copy(&dst->room.languages, &src->room.languages);
	memset(&dst->room.kinds, 0, sizeof dst->room.kinds);
	strlist_copy(&dst->room.kinds, &src->room.kinds);
	dst->building.id = xstrdup(src->building.id);
	dst->building.name = xstrdup(src->building.name);
	dst->walk.from = xstrdup(src->walk.from);
	dst->walk.to = xstrdup(src->walk.to);
}

static bool
same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

bool
registry_item_equal(const struct registry_item *a,
                    const struct registry_item *b)
{
	const struct participant *x = &a->person, *y = &b->person;

	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case REGISTRY_PARTICIPANT:
		return same_text(x->id, y->id) && same_text(x->name, y->name) &&
		       same_text(x->name_local, y->name_local) &&
		       same_text(x->title, y->title) &&
		       same_text(x->delegation, y->delegation) &&
		       x->kind == y->kind &&
		       strlist_equal(&x->languages, &y->languages) &&
		       x->arrival == y->arrival &&
		       x->departure == y->departure &&
		       x->delegates == y->delegates &&
		       x->precedence == y->precedence &&
		       same_text(x->email, y->email) &&
		       same_text(x->phone, y->phone);
	case REGISTRY_ROOM:
		return same_text(a->room.id, b->room.id) &&
		       same_text(a->room.name, b->room.name) &&
		       same_text(a->room.building, b->room.building) &&
		       a->room.capacity == b->room.capacity &&
		       strlist_equal(&a->room.languages, &b->room.languages) &&
		       strlist_equal(&a->room.kinds, &b->room.kinds);
	case REGISTRY_BUILDING:
		return same_text(a->building.id, b->building.id) &&
		       same_text(a->building.name, b->building.name);
	case REGISTRY_WALK:
		return same_text(a->walk.from, b->walk.from) &&
		       same_text(a->walk.to, b->walk.to) &&
		       a->walk.minutes == b->walk.minutes;
	case REGISTRY_KIND_COUNT:
		break;
	}
	return false;
}

const char *
registry_item_id(const struct registry_item *x, char *buf, size_t n)
{
	switch (x->kind) {
	case REGISTRY_PARTICIPANT:
		return x->person.id;
	case REGISTRY_ROOM:
		return x->room.id;
	case REGISTRY_BUILDING:
		return x->building.id;
	case REGISTRY_WALK:
		snprintf(buf, n, "%s/%s", x->walk.from ? x->walk.from : "",
		         x->walk.to ? x->walk.to : "");
		return buf;
	case REGISTRY_KIND_COUNT:
		break;
	}
	return NULL;
}

const char *
registry_item_name(const struct registry_item *x)
{
	switch (x->kind) {
	case REGISTRY_PARTICIPANT:
		return x->person.name;
	case REGISTRY_ROOM:
		return x->room.name;
	case REGISTRY_BUILDING:
		return x->building.name;
	default:
		return NULL;
	}
}

const char *
registry_file_name(enum registry_kind kind)
{
	return kind == REGISTRY_PARTICIPANT ? "participants.ini" : "venues.ini";
}

char *
registry_section(const struct registry_item *x)
{
	switch (x->kind) {
	case REGISTRY_PARTICIPANT:
		return xstrdup(x->person.id);
	case REGISTRY_ROOM:
		return xasprintf("room.%s", x->room.id);
	case REGISTRY_BUILDING:
		return xasprintf("building.%s", x->building.id);
	case REGISTRY_WALK:
		return xasprintf("building.%s", x->walk.from);
	case REGISTRY_KIND_COUNT:
		break;
	}
	return NULL;
}

static void
copy_participant(struct participant *dst, const struct participant *src)
{
	struct registry_item a, b;

	registry_item_init(&a, REGISTRY_PARTICIPANT);
	a.person = *src;
	registry_item_copy(&b, &a);
	*dst = b.person;
}

bool
registry_item_get(const struct programme *p, enum registry_kind kind,
                  const char *id, struct registry_item *out)
{
	struct registry_item a;
	size_t i;

	registry_item_init(out, kind);
	if (id == NULL)
		return false;
	registry_item_init(&a, kind);
	switch (kind) {
	case REGISTRY_PARTICIPANT: {
		const struct participant *x = programme_find_participant(p, id);

		if (x == NULL)
			return false;
		copy_participant(&out->person, x);
		return true;
	}
	case REGISTRY_ROOM: {
		const struct room *r = programme_find_room(p, id);

		if (r == NULL)
			return false;
		a.room = *r;
		registry_item_copy(out, &a);
		return true;
	}
	case REGISTRY_BUILDING:
		for (i = 0; i < p->nbuildings; i++)
			if (strcmp(p->buildings[i].id, id) == 0) {
				a.building = p->buildings[i];
				registry_item_copy(out, &a);
				return true;
			}
		return false;
	case REGISTRY_WALK:
		for (i = 0; i < p->nwalks; i++) {
			char buf[256];

			a.walk = p->walks[i];
			if (strcmp(registry_item_id(&a, buf, sizeof buf), id) ==
			    0) {
				registry_item_copy(out, &a);
				return true;
			}
			/* Read the other way round from the file. */
			a.walk.from = p->walks[i].to;
			a.walk.to = p->walks[i].from;
			if (strcmp(registry_item_id(&a, buf, sizeof buf), id) ==
			    0) {
				registry_item_copy(out, &a);
				return true;
			}
		}
		return false;
	case REGISTRY_KIND_COUNT:
		break;
	}
	return false;
}
