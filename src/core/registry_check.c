/*
 * registry_check.c: the checks across keys and entries of a registry item:
 * times, delegations, buildings, the required keys.
 */
#include "dais/registry_field.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/suggest.h"
#include "dais/trim.h"
#include "dais/xalloc.h"

/* ---- Across keys and entries ------------------------------------------- */

bool
registry_times_check(const struct programme *p, const struct participant *x,
                     char **why)
{
	struct dais_civil a, d;

	if (x->arrival == DAIS_TIME_NONE || x->departure == DAIS_TIME_NONE ||
	    x->departure > x->arrival)
		return true;
	a = time_to_civil(&p->conf.zone, x->arrival);
	d = time_to_civil(&p->conf.zone, x->departure);
	*why = xasprintf("departure %04d-%02d-%02d %02d:%02d in [%s] is not "
	                 "after arrival %04d-%02d-%02d %02d:%02d: swap them, "
	                 "or fix the dates",
	                 d.year, d.month, d.day, d.hour, d.minute, x->id,
	                 a.year, a.month, a.day, a.hour, a.minute);
	return false;
}

bool
registry_delegation_check(const struct programme *p,
                          const struct participant *x, char **why)
{
	const struct participant *d;

	if (x->delegation == NULL)
		return true;
	d = programme_find_participant(p, x->delegation);
	if (strcmp(x->delegation, x->id) == 0)
		*why = xasprintf("delegation = \"%s\" in [%s] names the entry "
		                 "itself: leave delegation out of a "
		                 "delegation's own entry",
		                 x->delegation, x->id);
	else if (d == NULL)
		*why = xasprintf("delegation = \"%s\" in [%s]: there is no "
		                 "[%s]: add it (a delegation, organisation, UN "
		                 "entity or association), or fix the id",
		                 x->delegation, x->id, x->delegation);
	else if (!participant_is_group(d))
		*why = xasprintf("delegation = \"%s\" in [%s] names a %s, not "
		                 "a group: name the delegation, organisation, "
		                 "UN entity or association it belongs to",
		                 x->delegation, x->id,
		                 participant_kind_name(d->kind));
	else
		return true;
	return false;
}

bool
registry_building_check(const struct programme *p, const char *section,
                        const char *building, char **why)
{
	size_t i;

	if (building == NULL)
		return true;
	for (i = 0; i < p->nbuildings; i++)
		if (strcmp(p->buildings[i].id, building) == 0)
			return true;
	*why = xasprintf("building = \"%s\" in [%s]: there is no "
	                 "[building.%s]: add it, or fix the id",
	                 building, section, building);
	return false;
}

static bool
has_building(const struct programme *p, const char *id)
{
	size_t i;

	for (i = 0; i < p->nbuildings; i++)
		if (strcmp(p->buildings[i].id, id) == 0)
			return true;
	return false;
}

static bool
required(const struct registry_item *x, const char *section, char **why)
{
	size_t n, i;
	const struct registry_field *f = registry_fields(x->kind, &n);

	for (i = 0; i < n; i++) {
		char *v;

		if (!f[i].required)
			continue;
		v = f[i].format(NULL, x);
		if (v == NULL || *v == '\0') {
			free(v);
			*why = xasprintf("[%s] has no %s: add a line %s = "
			                 "\"...\"",
			                 section, f[i].key, f[i].key);
			return false;
		}
		free(v);
	}
	return true;
}

bool
registry_item_check(const struct programme *p, const struct registry_item *x,
                    char **why)
{
	char *section = registry_section(x);
	const char *id;
	char buf[256];
	bool ok = true;

	id = registry_item_id(x, buf, sizeof buf);
	if (x->kind == REGISTRY_WALK) {
		const char *from = x->walk.from, *to = x->walk.to;

		if (from == NULL || to == NULL || !registry_is_slug(to)) {
			*why =
			    xasprintf("walk.%s in [%s]: \"%s\" is not a "
			              "building id: write walk.ID = minutes, "
			              "such as walk.annex = 5",
			              to ? to : "", section, to ? to : "");
			ok = false;
		} else if (strcmp(from, to) == 0) {
			*why =
			    xasprintf("walk.%s in [%s] is a walk from the "
			              "building to itself: rooms in one "
			              "building are 0 minutes apart; remove it",
			              to, section);
			ok = false;
		} else if (!has_building(p, to) || !has_building(p, from)) {
			const char *missing = has_building(p, to) ? from : to;

			*why = xasprintf("walk.%s in [%s]: there is no "
			                 "[building.%s]: add it, or fix the id",
			                 to, section, missing);
			ok = false;
		} else if (x->walk.minutes < 0 || x->walk.minutes > 240) {
			*why =
			    xasprintf("walk.%s = %d in [%s] is out of range: "
			              "write a number from 0 to 240",
			              to, x->walk.minutes, section);
			ok = false;
		}
		free(section);
		return ok;
	}
	if (id == NULL || !registry_is_slug(id)) {
		if (x->kind == REGISTRY_PARTICIPANT)
			*why =
			    xasprintf("[%s] is not an id: a participant's id "
			              "is lowercase letters, digits and '-', "
			              "such as [kw-interior]",
			              id != NULL ? id : "");
		else
			*why = xasprintf(
			    "[%s]: \"%s\" is not an id: ids are "
			    "lowercase letters, digits and '-', such "
			    "as [%s.main-hall]",
			    section, id != NULL ? id : "",
			    x->kind == REGISTRY_ROOM ? "room" : "building");
		free(section);
		return false;
	}
	ok = required(x, section, why);
	if (ok && x->kind == REGISTRY_PARTICIPANT)
		ok = registry_times_check(p, &x->person, why) &&
		     registry_delegation_check(p, &x->person, why);
	if (ok && x->kind == REGISTRY_ROOM)
		ok = registry_building_check(p, section, x->room.building, why);
	free(section);
	return ok;
}
