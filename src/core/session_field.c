/*
 * session_field.c: the table of struct session's fields (session_field.h)
 * and what walks it: copy, free, equality, the SEQUENCE rule and diffs.
 * session_copy() and session_free() (model.h) live here too, so that no
 * other file names the fields one by one.
 */
#include "dais/session_field.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/xalloc.h"

const struct session_field session_field_table[SESSION_FIELD_COUNT] = {
#define SESSION_FIELD_ROW(id_, member, type_, ical_, tag_, flags_, group_,     \
                          label_)                                              \
	[SESSION_FIELD_##id_] = {                                              \
	    .id = SESSION_FIELD_##id_,                                         \
	    .name = #member,                                                   \
	    .type = SESSION_TYPE_##type_,                                      \
	    .offset = offsetof(struct session, member),                        \
	    .ical = ical_,                                                     \
	    .tag = tag_,                                                       \
	    .flags = flags_,                                                   \
	    .group = SESSION_GROUP_##group_,                                   \
	    .label = label_,                                                   \
	},
    SESSION_FIELDS(SESSION_FIELD_ROW)
#undef SESSION_FIELD_ROW
};

const struct session_field *
session_field_by_tag(const char *tag)
{
	size_t i;

	for (i = 0; i < SESSION_FIELD_COUNT; i++)
		if (strcmp(session_field_table[i].tag, tag) == 0)
			return &session_field_table[i];
	return NULL;
}

const struct session_field *
session_field_by_ical(const char *name)
{
	size_t i;

	/* The loader asks for every property of every VEVENT: compare the
	 * first letters folded (| 0x20 folds ASCII letters and keeps any byte
	 * that is already equal) before the whole case-blind comparison. */
	for (i = 0; i < SESSION_FIELD_COUNT; i++)
		if (session_field_table[i].ical != NULL &&
		    (session_field_table[i].ical[0] | 0x20) ==
		        (name[0] | 0x20) &&
		    strcasecmp(session_field_table[i].ical, name) == 0)
			return &session_field_table[i];
	return NULL;
}

void *
session_field_at(struct session *s, const struct session_field *f)
{
	return (char *)s + f->offset;
}

const void *
session_field_get(const struct session *s, const struct session_field *f)
{
	return (const char *)s + f->offset;
}

#define AT(type, s, f)  ((type *)session_field_at((s), (f)))
#define GET(type, s, f) ((const type *)session_field_get((s), (f)))

_Static_assert(SESSION_FIELD_COUNT <= sizeof(unsigned) * 8,
               "struct session's stored has a bit per field");

static unsigned
bit_of(const struct session_field *f)
{
	return 1u << f->id;
}

static bool
is_stored(const struct session *s, const struct session_field *f)
{
	return (s->stored & bit_of(f)) != 0;
}

/* session_field_shared's answer, which the loader asks for every text of
 * every session: a static function the compiler inlines (a call to the
 * exported one is not, in a library built position-independent). */
static bool
field_shared(const struct session_field *f)
{
	switch (f->id) {
	case SESSION_FIELD_KIND:
	case SESSION_FIELD_ROOM_ID:
	case SESSION_FIELD_LOCATION:
	case SESSION_FIELD_ASSIGN:
		return true;
	default:
		return false;
	}
}

bool
session_field_shared(const struct session_field *f)
{
	return field_shared(f);
}

static void
assignments_free(struct session *s, bool stored)
{
	size_t i;

	if (stored) {
		/* The ids and names are interned, shared with other
		 * sessions: only the array is this session's. */
		arena_release(s->assign, s->capassign * sizeof *s->assign);
	} else {
		for (i = 0; i < s->nassign; i++) {
			free(s->assign[i].participant_id);
			free(s->assign[i].cn);
		}
		free(s->assign);
	}
	s->assign = NULL;
	s->nassign = s->capassign = 0;
}

/*
 * Releases what field f of s holds (its text, list or assignments),
 * leaving the field for the caller to set: the one place that decides
 * how. Owned memory is freed; stored memory stays in the programme's
 * store (a session's own stored text is poisoned under ASan, so a read of
 * it after this is reported as after free()).
 */
static void
field_release(struct session *s, const struct session_field *f)
{
	bool stored = is_stored(s, f);
	char *text;

	s->stored &= ~bit_of(f);
	switch (f->type) {
	case SESSION_TYPE_TEXT:
		text = *AT(char *, s, f);
		if (!stored)
			free(text);
		else if (!field_shared(f))
			arena_release_text(text);
		break;
	case SESSION_TYPE_LIST:
		if (stored)
			abort(); /* no loader stores a list: a bug */
		strlist_clear(AT(struct strlist, s, f));
		break;
	case SESSION_TYPE_ASSIGNMENTS:
		assignments_free(s, stored);
		break;
	default:
		break;
	}
}

/* Text field f of s becomes text, stored (when not NULL): what it held is
 * released first, unless it holds nothing, as every field of a session the
 * loader has just made (session_init) does. */
static void
store_text(struct session *s, const struct session_field *f, char *text)
{
	char **at = AT(char *, s, f);

	if (*at != NULL || is_stored(s, f))
		field_release(s, f);
	*at = text;
	if (text != NULL)
		s->stored |= bit_of(f);
}

void
session_field_store_text(struct session *s, const struct session_field *f,
                         struct arena *a, const char *text, size_t n)
{
	char *copy = NULL;

	if (f->type != SESSION_TYPE_TEXT)
		abort(); /* a caller's bug: not a text field */
	if (text != NULL)
		copy = field_shared(f) ? arena_intern(a, text, n)
		                       : arena_strndup(a, text, n);
	store_text(s, f, copy);
}

void
session_field_store_interned(struct session *s, const struct session_field *f,
                             char *text)
{
	if (f->type != SESSION_TYPE_TEXT || !field_shared(f))
		abort(); /* a caller's bug: not a shared text field */
	store_text(s, f, text);
}

void
session_store_assignments(struct session *s, struct arena *a, size_t n)
{
	const struct session_field *f =
	    &session_field_table[SESSION_FIELD_ASSIGN];

	if (s->assign != NULL || is_stored(s, f))
		field_release(s, f);
	if (n == 0)
		return;
	s->assign =
	    arena_alloc(a, n * sizeof *s->assign, alignof(struct assignment));
	s->capassign = n;
	s->stored |= bit_of(f);
}

struct assignment *
session_store_assignment(struct session *s, char *id, enum role role, char *cn)
{
	struct assignment *x;

	if (!is_stored(s, &session_field_table[SESSION_FIELD_ASSIGN]) ||
	    s->nassign >= s->capassign)
		abort(); /* a caller's bug: no stored room reserved */
	x = &s->assign[s->nassign++];
	x->participant_id = id;
	x->role = role;
	x->cn = cn;
	return x;
}

void
session_field_own(struct session *s, const struct session_field *f)
{
	struct assignment *v;
	size_t i, n;
	char *text;

	if (!is_stored(s, f))
		return;
	switch (f->type) {
	case SESSION_TYPE_TEXT:
		text = xstrdup(*AT(char *, s, f));
		field_release(s, f);
		*AT(char *, s, f) = text;
		break;
	case SESSION_TYPE_ASSIGNMENTS:
		n = s->nassign;
		v = xreallocarray(NULL, n ? n : 1, sizeof *v);
		for (i = 0; i < n; i++) {
			v[i].participant_id =
			    xstrdup(s->assign[i].participant_id);
			v[i].role = s->assign[i].role;
			v[i].cn = xstrdup(s->assign[i].cn);
		}
		field_release(s, f);
		s->assign = v;
		s->nassign = s->capassign = n;
		break;
	default:
		abort(); /* no other type is ever stored */
	}
}

void
session_field_reset(struct session *s, const struct session_field *f)
{
	struct session blank;

	field_release(s, f);
	if (f->type == SESSION_TYPE_ASSIGNMENTS)
		return;
	/* What session_init gives the field. */
	session_init(&blank);
	switch (f->type) {
	case SESSION_TYPE_TEXT:
		*AT(char *, s, f) = NULL;
		break;
	case SESSION_TYPE_TIME:
		*AT(dais_time, s, f) = *GET(dais_time, &blank, f);
		break;
	case SESSION_TYPE_INT:
		*AT(int, s, f) = *GET(int, &blank, f);
		break;
	case SESSION_TYPE_BOOL:
		*AT(bool, s, f) = *GET(bool, &blank, f);
		break;
	case SESSION_TYPE_STATUS:
		*AT(enum session_status, s, f) =
		    *GET(enum session_status, &blank, f);
		break;
	case SESSION_TYPE_LIST:
		memset(AT(struct strlist, s, f), 0, sizeof(struct strlist));
		break;
	case SESSION_TYPE_ASSIGNMENTS:
		break;
	}
}

void
session_field_copy(struct session *dst, const struct session *src,
                   const struct session_field *f)
{
	size_t i;

	if (dst == src)
		return;
	session_field_reset(dst, f);
	switch (f->type) {
	case SESSION_TYPE_TEXT:
		*AT(char *, dst, f) = xstrdup(*GET(char *, src, f));
		break;
	case SESSION_TYPE_TIME:
		*AT(dais_time, dst, f) = *GET(dais_time, src, f);
		break;
	case SESSION_TYPE_INT:
		*AT(int, dst, f) = *GET(int, src, f);
		break;
	case SESSION_TYPE_BOOL:
		*AT(bool, dst, f) = *GET(bool, src, f);
		break;
	case SESSION_TYPE_STATUS:
		*AT(enum session_status, dst, f) =
		    *GET(enum session_status, src, f);
		break;
	case SESSION_TYPE_LIST:
		strlist_copy(AT(struct strlist, dst, f),
		             GET(struct strlist, src, f));
		break;
	case SESSION_TYPE_ASSIGNMENTS:
		for (i = 0; i < src->nassign; i++)
			session_add_assignment(
			    dst, src->assign[i].participant_id,
			    src->assign[i].role, src->assign[i].cn);
		break;
	}
}

void
session_field_set_text(struct session *s, const struct session_field *f,
                       const char *text)
{
	char *copy = xstrdup(text);

	if (f->type != SESSION_TYPE_TEXT)
		abort(); /* a caller's bug: not a text field */
	field_release(s, f);
	*AT(char *, s, f) = copy;
}

void
session_free(struct session *s)
{
	size_t i;

	/* Only what the fields own is released here: session_init then gives
	 * every field its default at once (resetting each field to it, one by
	 * one, was most of programme_free's time). */
	for (i = 0; i < SESSION_FIELD_COUNT; i++)
		field_release(s, &session_field_table[i]);
	session_init(s);
}

void
session_copy(struct session *dst, const struct session *src)
{
	size_t i;

	session_init(dst);
	for (i = 0; i < SESSION_FIELD_COUNT; i++)
		session_field_copy(dst, src, &session_field_table[i]);
}

static bool
text_equal(const char *a, const char *b, bool strict)
{
	if (!strict) {
		a = a != NULL && *a != '\0' ? a : NULL;
		b = b != NULL && *b != '\0' ? b : NULL;
	}
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool
assignments_equal(const struct session *a, const struct session *b, bool strict)
{
	size_t i;

	if (a->nassign != b->nassign)
		return false;
	for (i = 0; i < a->nassign; i++)
		if (!text_equal(a->assign[i].participant_id,
		                b->assign[i].participant_id, strict) ||
		    a->assign[i].role != b->assign[i].role ||
		    !text_equal(a->assign[i].cn, b->assign[i].cn, strict))
			return false;
	return true;
}

bool
session_field_equal(const struct session *a, const struct session *b,
                    const struct session_field *f, bool strict)
{
	switch (f->type) {
	case SESSION_TYPE_TEXT:
		return text_equal(*GET(char *, a, f), *GET(char *, b, f),
		                  strict);
	case SESSION_TYPE_TIME:
		return *GET(dais_time, a, f) == *GET(dais_time, b, f);
	case SESSION_TYPE_INT:
		return *GET(int, a, f) == *GET(int, b, f);
	case SESSION_TYPE_BOOL:
		return *GET(bool, a, f) == *GET(bool, b, f);
	case SESSION_TYPE_STATUS:
		return *GET(enum session_status, a, f) ==
		       *GET(enum session_status, b, f);
	case SESSION_TYPE_LIST:
		return strlist_equal(GET(struct strlist, a, f),
		                     GET(struct strlist, b, f));
	case SESSION_TYPE_ASSIGNMENTS:
		return assignments_equal(a, b, strict);
	}
	abort(); /* a type the table does not have */
}

bool
session_equal(const struct session *a, const struct session *b)
{
	size_t i;

	for (i = 0; i < SESSION_FIELD_COUNT; i++)
		if (!session_field_equal(a, b, &session_field_table[i], true))
			return false;
	return true;
}

bool
session_significant(const struct session *a, const struct session *b)
{
	size_t i;

	for (i = 0; i < SESSION_FIELD_COUNT; i++)
		if ((session_field_table[i].flags & SF_SIGNIFICANT) &&
		    !session_field_equal(a, b, &session_field_table[i], true))
			return true;
	return false;
}

unsigned
session_diff_groups(const struct session *a, const struct session *b,
                    bool sequence)
{
	unsigned groups = 0;
	size_t i;

	for (i = 0; i < SESSION_FIELD_COUNT; i++) {
		const struct session_field *f = &session_field_table[i];

		if ((f->flags & (SF_KEY | SF_ORIGIN)) ||
		    ((f->flags & SF_REVISION) && !sequence))
			continue;
		if (!session_field_equal(a, b, f, false))
			groups |= f->group;
	}
	return groups;
}
