/*
 * registry_people.c: participants.ini: one section per minister, official,
 * delegation, organisation, UN entity or civil-society association; the
 * section name is the id sessions use. Delegations are checked once all
 * sections are read, so an entry may name one defined further down.
 */
#include <stdlib.h>
#include <string.h>

#include "dais/xalloc.h"
#include "registry_ini.h"

static const char *const person_keys[] = {
    "name",      "name-local", "title",     "kind",      "delegation",
    "languages", "arrival",    "departure", "delegates", "precedence",
    "email",     "phone",      NULL,
};

static bool
person_kind(const struct ini_file *f, const struct ini_section *s,
            struct participant *x)
{
	const char *names[PARTICIPANT_KIND_COUNT + 1], *v, *near;
	char list[200] = "";
	int k, line;

	if (!ini_require(f, s, "kind"))
		return false;
	v = ini_value(f, s, "kind", &line);
	if (participant_kind_parse(v, &x->kind))
		return true;
	for (k = 0; k < PARTICIPANT_KIND_COUNT; k++) {
		names[k] = participant_kind_name((enum participant_kind)k);
		if (k > 0)
			strcat(list,
			       k + 1 < PARTICIPANT_KIND_COUNT ? ", " : " or ");
		strcat(list, names[k]);
	}
	names[PARTICIPANT_KIND_COUNT] = NULL;
	near = ini_nearest(v, names);
	if (near != NULL)
		ini_error(f, line,
		          "kind = \"%s\" in [%s] is not a kind of participant: "
		          "did you mean \"%s\"?",
		          v, s->name, near);
	else
		ini_error(f, line,
		          "kind = \"%s\" in [%s] is not a kind of participant: "
		          "write %s",
		          v, s->name, list);
	return false;
}

static void
person_times(const struct ini_file *f, const struct ini_section *s,
             const struct dais_zone *zone, struct participant *x)
{
	struct dais_civil a, d;
	bool ok;
	int line;

	ok = ini_get_datetime(f, s, "arrival", zone, &x->arrival);
	ok &= ini_get_datetime(f, s, "departure", zone, &x->departure);
	if (!ok || x->arrival == DAIS_TIME_NONE ||
	    x->departure == DAIS_TIME_NONE || x->departure > x->arrival)
		return;
	ini_value(f, s, "departure", &line);
	a = time_to_civil(zone, x->arrival);
	d = time_to_civil(zone, x->departure);
	ini_error(f, line,
	          "departure %04d-%02d-%02d %02d:%02d in [%s] is not after "
	          "arrival %04d-%02d-%02d %02d:%02d: swap them, or fix the "
	          "dates",
	          d.year, d.month, d.day, d.hour, d.minute, s->name, a.year,
	          a.month, a.day, a.hour, a.minute);
}

/* One section; false when it is no participant (a bad id). */
static bool
person_load(struct programme *p, const struct ini_file *f,
            const struct ini_section *s)
{
	struct participant *x;
	const char *email;
	bool kind_ok;
	int line;

	if (!ini_is_slug(s->raw)) {
		if (ini_is_slug(s->name))
			ini_error(f, s->line,
			          "[%s] is not an id: ids are lowercase; write "
			          "[%s]",
			          s->raw, s->name);
		else
			ini_error(f, s->line,
			          "[%s] is not an id: a participant's id is "
			          "lowercase letters, digits and '-', such as "
			          "[kw-interior]",
			          s->raw);
		/* Keep one whose id folds well, so that references to it do
		 * not pile up errors of their own. */
		if (!ini_is_slug(s->name))
			return false;
	}
	x = programme_add_participant(p);
	x->id = xstrdup(s->name);
	ini_check_keys(f, s, person_keys, NULL);
	if (ini_require(f, s, "name"))
		ini_get_text(f, s, "name", &x->name);
	ini_get_text(f, s, "name-local", &x->name_local);
	ini_get_text(f, s, "title", &x->title);
	kind_ok = person_kind(f, s, x);
	ini_get_id(f, s, "delegation", &x->delegation);
	ini_get_languages(f, s, "languages", &x->languages);
	person_times(f, s, &p->conf.zone, x);
	ini_get_int(f, s, "delegates", 0, 100000, &x->delegates);
	ini_get_int(f, s, "precedence", 0, 1000000, &x->precedence);
	ini_get_text(f, s, "email", &x->email);
	ini_get_text(f, s, "phone", &x->phone);
	email = ini_value(f, s, "email", &line);
	if (x->email != NULL && strchr(x->email, '@') == NULL)
		ini_warning(f, line,
		            "email = \"%s\" in [%s] has no '@': is it an "
		            "e-mail address?",
		            email, s->name);
	if (kind_ok && x->delegates > 0 && !participant_is_group(x)) {
		ini_value(f, s, "delegates", &line);
		ini_warning(f, line,
		            "delegates in [%s] is for groups, and [%s] is a "
		            "%s: it is ignored",
		            s->name, s->name, participant_kind_name(x->kind));
	}
	return true;
}

/*
 * Every delegation names a group: a delegation of a state, or an
 * organisation, UN entity or association its officials belong to (the
 * USG of UNOCT is UNOCT's), so that `export --for` a group has its
 * people's sessions and their sessions count towards its delegates.
 */
static void
person_delegations(const struct programme *p, const struct ini_file *f)
{
	size_t i;

	for (i = 0; i < p->npeople; i++) {
		const struct participant *x = &p->people[i], *d;
		const struct ini_section *s;
		int line;

		if (x->delegation == NULL)
			continue;
		s = ini_section(f, x->id);
		line = 0;
		if (s != NULL)
			ini_value(f, s, "delegation", &line);
		d = programme_find_participant(p, x->delegation);
		if (d == x)
			ini_error(f, line,
			          "delegation = \"%s\" in [%s] names the entry "
			          "itself: leave delegation out of a "
			          "delegation's own entry",
			          x->delegation, x->id);
		else if (d == NULL)
			ini_error(
			    f, line,
			    "delegation = \"%s\" in [%s]: there is no "
			    "[%s]: add it (a delegation, organisation, UN "
			    "entity or association), or fix the id",
			    x->delegation, x->id, x->delegation);
		else if (!participant_is_group(d))
			ini_error(
			    f, line,
			    "delegation = \"%s\" in [%s] names a %s, not "
			    "a group: name the delegation, organisation, UN "
			    "entity or association it belongs to",
			    x->delegation, x->id,
			    participant_kind_name(d->kind));
	}
}

bool
registry_load_people(struct programme *p, const char *dir,
                     struct diag_list *diags)
{
	struct ini_file f;
	size_t i;

	if (!ini_open(&f, dir, "participants.ini",
	              "everyone taking part: a section [ID] for each "
	              "participant, with its name and kind",
	              diags)) {
		ini_close(&f);
		return false;
	}
	for (i = 0; i < f.nsecs; i++)
		person_load(p, &f, &f.secs[i]);
	if (p->npeople == 0)
		ini_warning(&f, 0,
		            "no participant is defined: add a section [ID] "
		            "for each participant");
	programme_index(p);
	person_delegations(p, &f);
	ini_close(&f);
	return true;
}
