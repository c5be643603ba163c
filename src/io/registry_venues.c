/*
 * registry_venues.c: venues.ini: the buildings of the venue with the
 * walking minutes between them ([building.ID]), and the rooms with their
 * seats and interpretation booths ([room.ID]).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/registry_field.h"
#include "dais/xalloc.h"
#include "registry_ini.h"

#define WALK_MAX 240 /* minutes; a longer walk is a different venue */

static const char *const building_keys[] = {"name", NULL};
static const char *const room_keys[] = {"name",      "building", "capacity",
                                        "languages", "kinds",    NULL};

/*
 * The id of a [building.ID] or [room.ID] section, checked as written:
 * iniparser folds case, but an id in another spelling would not match the
 * sessions that name it. True when the folded id can still be used, so
 * that references to it do not pile up errors of their own.
 */
static bool
venue_id(const struct ini_file *f, const struct ini_section *s,
         const char *prefix)
{
	const char *raw = s->raw + strlen(prefix);
	bool folded = ini_is_slug(s->name + strlen(prefix));

	if (ini_is_slug(raw))
		return true;
	if (*raw == '\0')
		ini_error(f, s->line,
		          "[%s] names no id: write [%sID], such as [%shall]",
		          s->raw, prefix, prefix);
	else if (folded)
		ini_error(f, s->line,
		          "[%s]: \"%s\" is not an id: ids are lowercase; write "
		          "[%s]",
		          s->raw, raw, s->name);
	else
		ini_error(f, s->line,
		          "[%s]: \"%s\" is not an id: ids are lowercase "
		          "letters, digits and '-', such as [%smain-hall]",
		          s->raw, raw, prefix);
	return folded;
}

static bool
has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The walks of one building; lines[] says where each walk was given. */
static void
venue_walks(struct programme *p, const struct ini_file *f,
            const struct ini_section *s, const struct strlist *buildings,
            size_t first, int **lines, size_t *caplines)
{
	const char *self = s->name + strlen("building.");
	size_t i, j;

	for (i = 0; i < s->nkeys; i++) {
		const struct ini_key *k = &s->keys[i];
		const char *other = k->name + strlen("walk.");
		int minutes = -1;
		struct walk *w;

		if (!has_prefix(k->name, "walk."))
			continue;
		if (!ini_is_slug(other)) {
			ini_error(f, k->line,
			          "%s in [%s]: \"%s\" is not a building id: "
			          "write walk.ID = minutes, such as "
			          "walk.annex = 5",
			          k->name, s->name, other);
			continue;
		}
		if (strcmp(other, self) == 0) {
			ini_error(f, k->line,
			          "%s in [%s] is a walk from the building to "
			          "itself: rooms in one building are 0 minutes "
			          "apart; remove it",
			          k->name, s->name);
			continue;
		}
		if (!strlist_has(buildings, other)) {
			ini_error(f, k->line,
			          "%s in [%s]: there is no [building.%s]: add "
			          "it, or fix the id",
			          k->name, s->name, other);
			continue;
		}
		if (!ini_get_int(f, s, k->name, 0, WALK_MAX, &minutes) ||
		    minutes < 0)
			continue;
		for (j = first; j < p->nwalks; j++) {
			w = &p->walks[j];
			if (!((strcmp(w->from, self) == 0 &&
			       strcmp(w->to, other) == 0) ||
			      (strcmp(w->from, other) == 0 &&
			       strcmp(w->to, self) == 0)))
				continue;
			if (w->minutes != minutes)
				ini_error(f, k->line,
				          "%s = %d in [%s] disagrees with line "
				          "%d, which gives %d minutes between "
				          "%s and %s: a walk takes as long "
				          "both ways; give it once",
				          k->name, minutes, s->name,
				          (*lines)[j - first], w->minutes,
				          w->from, w->to);
			break;
		}
		if (j < p->nwalks)
			continue;
		w = programme_add_walk(p);
		w->from = xstrdup(self);
		w->to = xstrdup(other);
		w->minutes = minutes;
		XGROW(*lines, p->nwalks - first - 1, *caplines);
		(*lines)[p->nwalks - first - 1] = k->line;
	}
}

static void
venue_building(struct programme *p, const struct ini_file *f,
               const struct ini_section *s)
{
	struct building *b = programme_add_building(p);

	b->id = xstrdup(s->name + strlen("building."));
	ini_get_text(f, s, "name", &b->name);
}

/* A room's fields (registry_field.h), in the order they are read, each
 * named by its key. */
enum {
	ROOM_NAME,
	ROOM_BUILDING,
	ROOM_CAPACITY,
	ROOM_LANGUAGES,
	ROOM_KINDS,
	ROOM_FIELDS
};
static const char *const room_field_keys[ROOM_FIELDS] = {
    [ROOM_NAME] = "name",         [ROOM_BUILDING] = "building",
    [ROOM_CAPACITY] = "capacity", [ROOM_LANGUAGES] = "languages",
    [ROOM_KINDS] = "kinds",
};

struct room_fields {
	const struct registry_field *v;
	size_t n;
	/* at[ROOM_NAME] is the index in v of the field whose key is
	 * room_field_keys[ROOM_NAME], and so on; n when v lacks it. */
	size_t at[ROOM_FIELDS];
	/* Every field's key is in room_keys (ini_fields_find). */
	bool all_known;
	struct ini_field_memo memo;
};

static void
room_fields_init(struct room_fields *rf)
{
	rf->v = registry_fields(REGISTRY_ROOM, &rf->n);
	memset(&rf->memo, 0, sizeof rf->memo);
	rf->all_known = ini_fields_find(rf->v, rf->n, room_keys,
	                                room_field_keys, ROOM_FIELDS, rf->at);
}

/* The key of room field i (enum above) in s, or NULL. */
static const struct ini_key *
room_key(const struct room_fields *rf, const struct ini_key *const *keys,
         size_t i)
{
	return rf->at[i] < rf->n ? keys[rf->at[i]] : NULL;
}

/* ini_get_field_of for room field i, absent from the table: nothing. */
static bool
room_get(const struct ini_file *f, const struct ini_section *s,
         const struct programme *p, struct registry_item *x,
         const struct room_fields *rf, const struct ini_key *const *keys,
         size_t i)
{
	if (rf->at[i] >= rf->n)
		return true;
	return ini_get_field_of(f, s, p, x, &rf->v[rf->at[i]], keys[rf->at[i]]);
}

static void
venue_room(struct programme *p, const struct ini_file *f,
           const struct ini_section *s, const struct strlist *buildings,
           struct room_fields *rf)
{
	const struct ini_key *keys[INI_FIELDS_MAX];
	struct registry_item item;
	char *why = NULL;
	struct room *r;

	/* Each key through its field's parser (registry_field.h), which
	 * the planner's room form calls too. */
	registry_item_init(&item, REGISTRY_ROOM);
	item.room.id = xstrdup(s->name + strlen("room."));
	if (ini_field_keys(s, rf->v, rf->n, keys, &rf->memo) < s->nkeys ||
	    !rf->all_known)
		ini_check_keys(f, s, room_keys, NULL);
	if (ini_require_key(f, s, "name", room_key(rf, keys, ROOM_NAME)))
		room_get(f, s, p, &item, rf, keys, ROOM_NAME);
	/* Rooms are read before the buildings are in p: `buildings` has
	 * their ids. */
	if (room_get(f, s, p, &item, rf, keys, ROOM_BUILDING) &&
	    item.room.building != NULL &&
	    !strlist_has(buildings, item.room.building)) {
		registry_building_check(p, s->name, item.room.building, &why);
		ini_error(f, room_key(rf, keys, ROOM_BUILDING)->line, "%s",
		          why);
		free(why);
	}
	room_get(f, s, p, &item, rf, keys, ROOM_CAPACITY);
	room_get(f, s, p, &item, rf, keys, ROOM_LANGUAGES);
	room_get(f, s, p, &item, rf, keys, ROOM_KINDS);
	r = programme_add_room(p);
	*r = item.room;
}

bool
registry_load_venues(struct programme *p, const char *dir,
                     struct diag_list *diags)
{
	struct strlist buildings = {0};
	size_t i, first = p->nwalks, caplines = 0, rooms = p->nrooms;
	struct room_fields rf;
	int *lines = NULL;
	struct ini_file f;

	if (!ini_open(&f, dir, "venues.ini",
	              "the venue: a [building.ID] section for each building "
	              "and a [room.ID] section for each room",
	              diags)) {
		ini_close(&f);
		return false;
	}
	/* Buildings first: rooms and walks may name one defined later. */
	for (i = 0; i < f.nsecs; i++) {
		const struct ini_section *s = &f.secs[i];

		if (has_prefix(s->name, "building.") &&
		    venue_id(&f, s, "building."))
			strlist_add(&buildings, s->name + strlen("building."));
	}
	/* The rooms' array sized once: a room a section but the
	 * buildings'. */
	programme_reserve_rooms(p, f.nsecs - buildings.n);
	room_fields_init(&rf);
	for (i = 0; i < f.nsecs; i++) {
		const struct ini_section *s = &f.secs[i];

		if (has_prefix(s->name, "building.")) {
			if (!strlist_has(&buildings,
			                 s->name + strlen("building.")))
				continue;
			ini_check_keys(&f, s, building_keys, "walk.");
			venue_building(p, &f, s);
			venue_walks(p, &f, s, &buildings, first, &lines,
			            &caplines);
		} else if (has_prefix(s->name, "room.")) {
			if (venue_id(&f, s, "room."))
				venue_room(p, &f, s, &buildings, &rf);
		} else {
			ini_warning(&f, s->line,
			            "unknown section [%s] is ignored: "
			            "venues.ini has [building.ID] and "
			            "[room.ID] sections",
			            s->name);
		}
	}
	if (p->nrooms == rooms && f.nsecs > 0)
		ini_warning(&f, 0,
		            "no room is defined: add a [room.ID] section for "
		            "each room sessions take place in");
	else if (p->nrooms == rooms)
		ini_warning(&f, 0,
		            "the file is empty: add a [room.ID] section for "
		            "each room sessions take place in");
	free(lines);
	strlist_clear(&buildings);
	/* The INI saver makes its changes on the text as read. */
	free(p->registry_text[0]);
	p->registry_text[0] = f.text;
	p->registry_len[0] = f.len;
	f.text = NULL;
	ini_close(&f);
	return true;
}
