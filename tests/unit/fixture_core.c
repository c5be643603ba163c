/*
 * fixture_core.c: the in-memory programmes of the core-only unit tests
 * (fixture_core.h).
 */
#include "fixture_core.h"

#include "dais/xalloc.h"

const struct dais_date fixture_day1 = {2026, 11, 4};
const struct dais_date fixture_day2 = {2026, 11, 5};

static uint64_t rng_state;

struct programme *
fixture_conference(size_t ndays)
{
	struct programme *p = programme_new();

	zone_free(&p->conf.zone);
	zone_init_fixed(&p->conf.zone, "Asia/Kuwait", 3 * 3600);
	if (ndays > 0) {
		p->conf.days = xcalloc(ndays, sizeof *p->conf.days);
		p->conf.days[0] = fixture_day1;
		if (ndays > 1)
			p->conf.days[1] = fixture_day2;
		p->conf.ndays = ndays;
	}
	return p;
}

dais_time
fixture_at(const struct programme *p, int day, int minutes)
{
	return time_at(&p->conf.zone, day == 1 ? fixture_day1 : fixture_day2,
	               minutes);
}

struct room *
fixture_room(struct programme *p, const char *id, const char *name,
             int capacity)
{
	struct room *r = programme_add_room(p);

	r->id = xstrdup(id);
	r->name = xstrdup(name);
	r->capacity = capacity;
	return r;
}

struct participant *
fixture_person(struct programme *p, const char *id, const char *name,
               enum participant_kind kind)
{
	struct participant *x = programme_add_participant(p);

	x->id = xstrdup(id);
	x->name = xstrdup(name);
	x->kind = kind;
	return x;
}

struct session *
fixture_session(struct programme *p, const char *uid, const char *title,
                const char *kind, const char *room_id, int day, int from,
                int to)
{
	struct session *s = programme_add_session(p);

	s->uid = xstrdup(uid);
	s->title = xstrdup(title);
	s->kind = xstrdup(kind);
	s->room_id = xstrdup(room_id);
	s->start = fixture_at(p, day, from);
	s->end = fixture_at(p, day, to);
	s->source = 0;
	return s;
}

void
fixture_seed(uint64_t seed)
{
	rng_state = seed;
}

unsigned
fixture_rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng_state >> 33) % n);
}
