/*
 * registry_people.c: participants.ini: one section per minister, official,
 * delegation, organisation, UN entity or civil-society association; the
 * section name is the id sessions use. Delegations are checked once all
 * sections are read, so an entry may name one defined further down.
 */
#include <stdlib.h>
#include <string.h>

#include "dais/registry_field.h"
#include "dais/xalloc.h"
#include "registry_ini.h"

static const char *const person_keys[] = {
    "name",      "name-local", "title",     "kind",      "delegation",
    "languages", "arrival",    "departure", "delegates", "precedence",
    "email",     "phone",      NULL,
};

/* The participant's fields read apart, each named by its key. */
enum {
	PERSON_NAME,
	PERSON_KIND,
	PERSON_ARRIVAL,
	PERSON_DEPARTURE,
	PERSON_APART
};
static const char *const person_apart_keys[PERSON_APART] = {
    [PERSON_NAME] = "name",
    [PERSON_KIND] = "kind",
    [PERSON_ARRIVAL] = "arrival",
    [PERSON_DEPARTURE] = "departure",
};

/* The participant's fields, and where the ones read apart are. */
struct person_fields {
	const struct registry_field *v;
	size_t n, name, kind, arrival, departure;
	/* Every field's key is in person_keys (ini_fields_find). */
	bool all_known;
	struct ini_field_memo memo;
};

static void
person_fields_init(struct person_fields *pf)
{
	size_t at[PERSON_APART];

	pf->v = registry_fields(REGISTRY_PARTICIPANT, &pf->n);
	memset(&pf->memo, 0, sizeof pf->memo);
	pf->all_known = ini_fields_find(pf->v, pf->n, person_keys,
	                                person_apart_keys, PERSON_APART, at);
	pf->name = at[PERSON_NAME];
	pf->kind = at[PERSON_KIND];
	pf->arrival = at[PERSON_ARRIVAL];
	pf->departure = at[PERSON_DEPARTURE];
}

/* One section; false when it is no participant (a bad id). */
static bool
person_load(struct programme *p, const struct ini_file *f,
            const struct ini_section *s, struct person_fields *pf)
{
	size_t nfields = pf->n, k;
	const struct registry_field *fields = pf->v;
	const struct ini_key *keys[INI_FIELDS_MAX];
	struct registry_item item;
	struct participant *x;
	bool kind_ok = false, times_ok = true;
	char *why = NULL;
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
	registry_item_init(&item, REGISTRY_PARTICIPANT);
	item.person.id = xstrdup(s->name);
	/* The section's keys walked once, each to its field; the check for
	 * unknown keys only when some key is none. */
	if (ini_field_keys(s, fields, nfields, keys, &pf->memo) < s->nkeys ||
	    !pf->all_known)
		ini_check_keys(f, s, person_keys, NULL);
	if (pf->name < nfields && ini_require_key(f, s, "name", keys[pf->name]))
		ini_get_field_of(f, s, p, &item, &fields[pf->name],
		                 keys[pf->name]);
	/* Each key through its field's parser (registry_field.h), which
	 * the planner's participant form calls too. */
	for (k = 0; k < nfields; k++) {
		if (k == pf->name)
			continue;
		if (k == pf->kind)
			kind_ok = ini_require_key(f, s, "kind", keys[k]) &&
			          ini_get_field_of(f, s, p, &item, &fields[k],
			                           keys[k]);
		else if (keys[k] != NULL &&
		         !ini_get_field_of(f, s, p, &item, &fields[k], keys[k]))
			times_ok &= k != pf->arrival && k != pf->departure;
	}
	if (times_ok && !registry_times_check(p, &item.person, &why)) {
		ini_value(f, s, "departure", &line);
		ini_error(f, line, "%s", why);
		free(why);
	}
	x = programme_add_participant(p);
	*x = item.person;
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
		const struct participant *x = &p->people[i];
		const struct ini_section *s;
		char *why = NULL;
		int line = 0;

		if (x->delegation == NULL ||
		    registry_delegation_check(p, x, &why))
			continue;
		/* The line looked up only for the error. */
		s = ini_section(f, x->id);
		if (s != NULL)
			ini_value(f, s, "delegation", &line);
		ini_error(f, line, "%s", why);
		free(why);
	}
}

bool
registry_load_people(struct programme *p, const char *dir,
                     struct diag_list *diags)
{
	struct person_fields pf;
	struct ini_file f;
	size_t i;

	if (!ini_open(&f, dir, "participants.ini",
	              "everyone taking part: a section [ID] for each "
	              "participant, with its name and kind",
	              diags)) {
		ini_close(&f);
		return false;
	}
	person_fields_init(&pf);
	/* One participant a section at most: one array, never copied. */
	programme_reserve_people(p, f.nsecs);
	for (i = 0; i < f.nsecs; i++)
		person_load(p, &f, &f.secs[i], &pf);
	if (p->npeople == 0)
		ini_warning(&f, 0,
		            "no participant is defined: add a section [ID] "
		            "for each participant");
	programme_index(p);
	person_delegations(p, &f);
	/* The INI saver makes its changes on the text as read. */
	free(p->registry_text[1]);
	p->registry_text[1] = f.text;
	p->registry_len[1] = f.len;
	f.text = NULL;
	ini_close(&f);
	return true;
}
