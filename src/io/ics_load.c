/*
 * ics_load.c: reads a .ics file's unfolded lines (from ics_text.c, as the
 * saver reads them), splits it into its top-level components and hands
 * each to libical on its own: a whole-file parse grows faster than the
 * file. Structure problems (no END, not a calendar, BOM) are found here.
 * What is known of the file so far (messages, zones, UIDs) is ics_file.c's.
 * A little over 800 lines: the structure reader is one state machine
 * (struct reader), whose pieces read best side by side.
 */
#include "dais/ics.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sys/stat.h>

#include "dais/filehash.h"
#include "dais/fileread.h"
#include "dais/strmap.h"
#include "dais/utf8.h"
#include "dais/xalloc.h"
#include "ics_internal.h"

static pthread_once_t ics_init_once = PTHREAD_ONCE_INIT;

static void
ics_init_settings(void)
{
	/* Without this libical drops parameters it does not know. */
	ical_set_unknown_token_handling_setting(ICAL_ASSUME_IANA_TOKEN);
	/* A malformed value must become an X-LIC-ERROR, never an abort. */
	icalerror_set_errors_are_fatal(0);
}

/* Once per process: these are libical's process-wide settings, and the
 * planner's sync thread loads the working copy while the main thread may
 * load an import, so setting them on every load would be a data race. */
void
ics_init(void)
{
	pthread_once(&ics_init_once, ics_init_settings);
}

/* Blocks */

const char *
ics_block_text(const struct ics_block *b, size_t i)
{
	return b->text + b->lines[i].off;
}

/* Length of the property name at s (up to ';' or ':'). */
static size_t
prop_name_len(const char *s)
{
	return strcspn(s, ";:");
}

const char *
ics_block_value_at(const struct ics_block *b, size_t i, int *line)
{
	const char *s = ics_block_text(b, i);
	bool quoted = false;

	/* The value starts after the first ':' outside quotes. */
	for (s += strcspn(s, ";:"); *s != '\0'; s++) {
		if (*s == '"')
			quoted = !quoted;
		else if (*s == ':' && !quoted)
			break;
	}
	if (line != NULL)
		*line = b->lines[i].line;
	return *s == ':' ? s + 1 : s;
}

/* Whether line s is a property `name` (upper case, k bytes long): the
 * first letter, folded (| 0x20 folds ASCII letters), rules out most lines
 * before the name is compared, and then what follows it (a longer name,
 * "SEQUENCEX", goes on before ';' or ':'). */
static bool
line_is_property(const char *s, const char *name, size_t k)
{
	return (s[0] | 0x20) == (name[0] | 0x20) &&
	       strncasecmp(s, name, k) == 0 &&
	       (s[k] == ';' || s[k] == ':' || s[k] == '\0');
}

const char *
ics_block_value(const struct ics_block *b, const char *name, int *line)
{
	size_t i, k = strlen(name);

	for (i = 0; i < b->n; i++)
		if (b->lines[i].own &&
		    line_is_property(ics_block_text(b, i), name, k))
			return ics_block_value_at(b, i, line);
	return NULL;
}

static void
block_reset(struct ics_block *b, int line)
{
	b->len = 0;
	b->n = 0;
	b->begin_line = line;
	b->broken = false;
	b->odd_kids = false;
	b->sequence = 0;
}

static void
block_add(struct ics_block *b, const char *s, size_t len, int line, bool own,
          bool odd_child)
{
	struct ics_line *l;

	while (b->len + len + 1 > b->cap) {
		b->cap = b->cap ? b->cap * 2 : 4096;
		b->text = xreallocarray(b->text, b->cap, 1);
	}
	XGROW(b->lines, b->n, b->capn);
	l = &b->lines[b->n++];
	l->off = b->len;
	l->line = line;
	l->own = own;
	l->odd_child = odd_child;
	b->odd_kids = b->odd_kids || odd_child;
	memcpy(b->text + b->len, s, len);
	b->text[b->len + len] = '\0';
	b->len += len + 1;
}

static void
block_copy(struct ics_block *dst, const struct ics_block *src)
{
	*dst = *src;
	dst->text = xmalloc(src->len ? src->len : 1);
	memcpy(dst->text, src->text, src->len);
	dst->cap = src->len;
	dst->lines =
	    xreallocarray(NULL, src->n ? src->n : 1, sizeof *dst->lines);
	memcpy(dst->lines, src->lines, src->n * sizeof *dst->lines);
	dst->capn = src->n;
}

static void
block_free(struct ics_block *b)
{
	free(b->text);
	free(b->lines);
	memset(b, 0, sizeof *b);
}

/* The UID as written, for messages about a block libical never saw. */
static char *
block_uid(const struct ics_block *b)
{
	const char *v = ics_block_value(b, "UID", NULL);

	return v != NULL && *v != '\0' ? xstrdup(v) : NULL;
}

/* A VEVENT whose TZID may be defined by a VTIMEZONE further down. */
struct deferred {
	icalcomponent *comp;
	struct ics_block block;
};

/* The state of reading one file. */
struct reader {
	struct ics_file f;
	struct ics_block block;
	bool in_block;
	const char *kind; /* the block's component name (upper_name) */
	struct frame {
		const char *name;
		int line;
	} * stack;
	size_t depth, capdepth;
	/* A refused component is skipped to its END: the levels still open
	 * (its children are counted, not kept). 0 when not skipping. */
	size_t skip;
	int attendees;    /* ATTENDEE lines of the block so far */
	int zones_seen;   /* VTIMEZONEs, of ICS_MAX_ZONES */
	int calendars;    /* BEGIN:VCALENDAR seen */
	bool in_calendar; /* between BEGIN:VCALENDAR and its END */
	bool not_ical;    /* the file is no calendar: stop reading */
	bool trailing_warned;
	int calendar_line;  /* of the first BEGIN:VCALENDAR */
	bool version_seen;  /* VERSION: among the calendar's properties */
	bool import_record; /* X-DAIS-IMPORT-SOURCE: a dais import's file */
	int events;         /* BEGIN:VEVENT blocks */
	int bad_utf8, first_bad_utf8, last_line;
	struct deferred *later;
	size_t nlater, caplater;
};

static bool
is_begin(const char *s, const char **name)
{
	if ((s[0] != 'B' && s[0] != 'b') || strncasecmp(s, "BEGIN:", 6) != 0)
		return false;
	*name = s + 6;
	return true;
}

static bool
is_end(const char *s, const char **name)
{
	if ((s[0] != 'E' && s[0] != 'e') || strncasecmp(s, "END:", 4) != 0)
		return false;
	*name = s + 4;
	return true;
}

/* The component names of every calendar, upper case. */
static const char *const common_names[] = {"VCALENDAR", "VEVENT",   "VALARM",
                                           "VTIMEZONE", "STANDARD", "DAYLIGHT"};

/* Whether the n bytes at s are `upper` in any ASCII case. */
static bool
ascii_case_is(const char *s, size_t n, const char *upper)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 'a' + 'A')
		                                    : s[i];

		if (upper[i] == '\0' || c != upper[i])
			return false;
	}
	return upper[n] == '\0';
}

/*
 * A component name in upper case, without trailing blanks: one of
 * common_names (static: reading a VEVENT allocates no name), or a copy.
 * Release it with name_free.
 */
static const char *
upper_name(const char *name)
{
	size_t n = strlen(name), i;
	char *u, *q;

	while (n > 0 && (name[n - 1] == ' ' || name[n - 1] == '\t'))
		n--;
	for (i = 0; i < sizeof common_names / sizeof *common_names; i++)
		if (ascii_case_is(name, n, common_names[i]))
			return common_names[i];
	u = xstrndup(name, n);
	for (q = u; *q != '\0'; q++)
		if (*q >= 'a' && *q <= 'z')
			*q = (char)(*q - 'a' + 'A');
	return u;
}

static bool
name_is_common(const char *u)
{
	size_t i;

	for (i = 0; i < sizeof common_names / sizeof *common_names; i++)
		if (u == common_names[i])
			return true;
	return false;
}

/* Another reference to u, released on its own with name_free. */
static const char *
name_dup(const char *u)
{
	return name_is_common(u) ? u : xstrdup(u);
}

static void
name_free(const char *u)
{
	if (u != NULL && !name_is_common(u))
		free((char *)u);
}

/* Components that only stand at the top of a calendar. */
static bool
is_top_kind(const char *u)
{
	static const char *const top[] = {
	    "VCALENDAR", "VEVENT",    "VTODO",        "VJOURNAL",
	    "VFREEBUSY", "VTIMEZONE", "VAVAILABILITY"};
	size_t i;

	for (i = 0; i < sizeof top / sizeof *top; i++)
		if (strcmp(u, top[i]) == 0)
			return true;
	return false;
}

/* Whether dais knows child `u` of component `parent`. */
static bool
known_child(const char *parent, const char *u)
{
	if (strcmp(parent, "VEVENT") == 0)
		return strcmp(u, "VALARM") == 0;
	if (strcmp(parent, "VTIMEZONE") == 0)
		return strcmp(u, "STANDARD") == 0 || strcmp(u, "DAYLIGHT") == 0;
	return false;
}

static void
stack_clear(struct reader *r)
{
	while (r->depth > 0)
		name_free(r->stack[--r->depth].name);
}

char *
ics_quote(const char *s, size_t k)
{
	size_t n = strlen(s);

	if (n <= k)
		return xstrdup(s);
	/* Do not cut a UTF-8 sequence in half. */
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	return xasprintf("%.*s...", (int)k, s);
}

static void
report_unclosed(struct reader *r, const struct frame *fr, const char *why)
{
	char *uid = block_uid(&r->block);

	ics_diag(&r->f, DIAG_ERROR, fr->line, uid,
	         "BEGIN:%s has no END:%s %s; add the missing END:%s line (the "
	         "file may have been cut short or edited by hand)",
	         fr->name, fr->name, why, fr->name);
	free(uid);
}

/* Reports the children of a component that dais does not use. */
static void
report_odd_children(struct ics_file *f, const struct ics_block *b,
                    const char *kind, const char *uid)
{
	size_t i;

	for (i = 0; i < b->n && b->odd_kids; i++) {
		const char *name;

		if (!b->lines[i].odd_child)
			continue;
		name = upper_name(ics_block_text(b, i) + 6);
		ics_diag(f, DIAG_WARNING, b->lines[i].line, uid,
		         "dais does not know BEGIN:%s inside %s: it stays in "
		         "the file as written, but dais ignores it",
		         name, kind);
		name_free(name);
	}
}

/* libical's remarks about a VTIMEZONE (and its STANDARD/DAYLIGHT). */
static void
report_lic_errors(struct ics_file *f, icalcomponent *c, int line)
{
	icalproperty *prop;
	icalcomponent *sub;

	for (prop =
	         icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY);
	     prop != NULL;
	     prop = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY))
		ics_diag(f, DIAG_WARNING, line, NULL,
		         "libical could not read part of this component and "
		         "ignores it: %s; correct that line",
		         icalproperty_get_xlicerror(prop));
	for (sub = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT);
	     sub != NULL;
	     sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
		report_lic_errors(f, sub, line);
}

/* Feeds a finished block to libical; NULL when it would not close it. */
static icalcomponent *
block_parse(struct reader *r)
{
	icalcomponent *c = NULL;
	size_t i;

	for (i = 0; i < r->block.n; i++) {
		if (c != NULL) {
			/* Closed early (a BEGIN libical read differently):
			 * what follows would be lost. */
			icalcomponent_free(c);
			c = NULL;
			break;
		}
		c = icalparser_add_line(r->f.parser,
		                        r->block.text + r->block.lines[i].off);
	}
	if (c == NULL) {
		char *uid = block_uid(&r->block);

		icalparser_free(r->f.parser);
		r->f.parser = icalparser_new();
		ics_diag(&r->f, DIAG_ERROR, r->block.begin_line, uid,
		         "libical could not read this %s as one component; "
		         "check its BEGIN and END lines",
		         r->kind);
		free(uid);
	}
	return c;
}

/* False, keeping c, when a TZID of c may be defined further down the
 * file (ics_event_read). */
static bool
event_process(struct ics_file *f, icalcomponent *c, const struct ics_block *b)
{
	struct ics_event ev;

	if (!ics_event_read(f, c, b, &ev))
		return false;
	if (ev.comp != c)
		icalcomponent_free(c);
	report_odd_children(f, b, "VEVENT", ev.s.uid);
	ics_event_take(f, &ev);
	return true;
}

static void
block_done(struct reader *r)
{
	struct ics_file *f = &r->f;
	icalcomponent *c;

	if (r->block.broken)
		return;
	if (strcmp(r->kind, "VEVENT") == 0) {
		if ((c = block_parse(r)) == NULL ||
		    event_process(f, c, &r->block))
			return;
		XGROW(r->later, r->nlater, r->caplater);
		r->later[r->nlater].comp = c;
		block_copy(&r->later[r->nlater++].block, &r->block);
	} else if (strcmp(r->kind, "VTIMEZONE") == 0) {
		/* Each costs libical a parse and a zone: a file of a hundred
		 * thousand took 13 s and 350 MB. */
		if (r->zones_seen++ == ICS_MAX_ZONES)
			ics_diag(f, DIAG_WARNING, r->block.begin_line, NULL,
			         "this file has more than %d VTIMEZONEs; dais "
			         "ignores this one and those after it (a "
			         "calendar needs one per zone its times use)",
			         ICS_MAX_ZONES);
		if (r->zones_seen > ICS_MAX_ZONES ||
		    (c = block_parse(r)) == NULL)
			return;
		report_odd_children(f, &r->block, "VTIMEZONE", NULL);
		report_lic_errors(f, c, r->block.begin_line);
		ics_zone_add(f, c, &r->block);
	}
	/* Anything else was reported at its BEGIN as ignored, children
	 * and all. */
}

/* Opens the block of component u (upper_name's; taken) at line s. */
static void
block_begin(struct reader *r, const char *u, const char *s, size_t len,
            int line)
{
	block_reset(&r->block, line);
	block_add(&r->block, s, len, line, false, false);
	r->in_block = true;
	r->skip = 0;
	r->attendees = 0;
	name_free(r->kind);
	r->kind = u;
	r->events += strcmp(u, "VEVENT") == 0;
	XGROW(r->stack, r->depth, r->capdepth);
	r->stack[r->depth].name = name_dup(u);
	r->stack[r->depth++].line = line;
	if (strcmp(u, "VEVENT") == 0 || strcmp(u, "VTIMEZONE") == 0)
		return;
	if (strncmp(u, "X-", 2) == 0)
		ics_diag(&r->f, DIAG_WARNING, line, NULL,
		         "dais does not know BEGIN:%s: it stays in the file as "
		         "written, but dais ignores it",
		         u);
	else
		ics_diag(&r->f, DIAG_WARNING, line, NULL,
		         "a %s is not a session: it stays in the file as "
		         "written, but dais ignores it (sessions are VEVENTs)",
		         u);
}

/* The components dais reads; others are passed over (and said so). */
static bool
is_read_kind(const char *u)
{
	return strcmp(u, "VEVENT") == 0 || strcmp(u, "VTIMEZONE") == 0;
}

/* The line ended a component that had no END of its own. */
static bool
block_unclosed(struct reader *r, const char *u, int line)
{
	char *why = xasprintf("before %s at line %d", u, line);

	report_unclosed(r, &r->stack[0], why);
	free(why);
	stack_clear(r);
	r->skip = 0;
	r->in_block = false;
	return false;
}

/*
 * Refuses the block for a bound it went past (one message, for the kinds
 * dais reads; the others were already said to be ignored) and skips to
 * its END, keeping nothing more of it.
 */
static void block_refuse(struct reader *r, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
block_refuse(struct reader *r, int line, const char *fmt, ...)
{
	va_list ap;
	char *why, *uid;

	if (is_read_kind(r->kind)) {
		va_start(ap, fmt);
		why = xvasprintf(fmt, ap);
		va_end(ap);
		uid = block_uid(&r->block);
		ics_diag(&r->f, DIAG_ERROR, line, uid,
		         "the %s that begins at line %d %s", r->kind,
		         r->block.begin_line, why);
		free(uid);
		free(why);
	}
	r->block.broken = true;
	r->skip = r->depth;
	while (r->depth > 1)
		name_free(r->stack[--r->depth].name);
}

/* Whether the block may keep this line too (ICS_MAX_* in ics_internal.h);
 * when not, it is refused. */
static bool
block_room(struct reader *r, const char *s, size_t len, int line)
{
	const struct ics_block *b = &r->block;

	if (r->depth == 1 && (s[0] | 0x20) == 'a' && prop_name_len(s) == 8 &&
	    strncasecmp(s, "ATTENDEE", 8) == 0 &&
	    ++r->attendees > ICS_MAX_ATTENDEES) {
		block_refuse(
		    r, line,
		    "has more than %d ATTENDEE lines, more people than "
		    "dais checks in one session, so dais refuses it: "
		    "remove the extra lines or split the session",
		    ICS_MAX_ATTENDEES);
		return false;
	}
	if (b->n >= ICS_MAX_COMPONENT_LINES) {
		block_refuse(r, line,
		             "has more than %d lines, so dais refuses it: "
		             "split it, or remove what it repeats",
		             ICS_MAX_COMPONENT_LINES);
		return false;
	}
	if (b->len + len + 1 > ICS_MAX_COMPONENT_BYTES) {
		block_refuse(r, line,
		             "holds more than %d MiB of text, so dais refuses "
		             "it: remove large attachments or text from it",
		             ICS_MAX_COMPONENT_BYTES >> 20);
		return false;
	}
	return true;
}

/* A line of a refused block: only BEGIN and END count, to find its end. */
static bool
skip_line(struct reader *r, const char *s, int line)
{
	const char *name, *u = NULL;
	char *what;
	bool mine = true;

	if (is_begin(s, &name)) {
		u = upper_name(name);
		if (is_top_kind(u)) {
			what = xasprintf("BEGIN:%s", u);
			mine = block_unclosed(r, what, line);
			free(what);
		} else {
			r->skip++;
		}
	} else if (is_end(s, &name)) {
		u = upper_name(name);
		if (strcmp(u, "VCALENDAR") == 0) {
			mine = block_unclosed(r, "END:VCALENDAR", line);
		} else if (--r->skip == 0) {
			stack_clear(r);
			r->in_block = false;
		}
	}
	name_free(u);
	return mine;
}

/*
 * One unfolded line inside a top-level component. False when the line
 * showed the component unterminated and belongs to the calendar instead.
 */
static bool
block_line(struct reader *r, const char *s, size_t len, int line)
{
	const char *name, *u;
	size_t i;

	if (r->skip == 0)
		block_room(r, s, len, line);
	if (r->skip > 0)
		return skip_line(r, s, line);
	if (is_begin(s, &name)) {
		u = upper_name(name);
		if (is_top_kind(u)) {
			char *what = xasprintf("BEGIN:%s", u);

			name_free(u);
			block_unclosed(r, what, line);
			free(what);
			return false;
		}
		if (r->depth > ICS_MAX_DEPTH) {
			block_refuse(r, line,
			             "has components nested more than %d deep "
			             "(BEGIN:%s here), so dais refuses it: "
			             "remove the nested components",
			             ICS_MAX_DEPTH, u);
			name_free(u);
			r->skip++;
			return true;
		}
		block_add(&r->block, s, len, line, false,
		          !known_child(r->stack[r->depth - 1].name, u));
		XGROW(r->stack, r->depth, r->capdepth);
		r->stack[r->depth].name = u;
		r->stack[r->depth++].line = line;
		return true;
	}
	if (is_end(s, &name)) {
		u = upper_name(name);
		for (i = r->depth; i > 0; i--)
			if (strcmp(r->stack[i - 1].name, u) == 0)
				break;
		if (i == 0) {
			if (strcmp(u, "VCALENDAR") == 0) {
				name_free(u);
				return block_unclosed(r, "END:VCALENDAR", line);
			}
			ics_diag(&r->f, DIAG_ERROR, line, NULL,
			         "END:%s has no BEGIN:%s before it; remove the "
			         "line or add the BEGIN",
			         u, u);
			r->block.broken = true;
			name_free(u);
			return true;
		}
		/* Children left open above the one this END closes. */
		while (r->depth > i) {
			char *why =
			    xasprintf("before END:%s at line %d", u, line);

			report_unclosed(r, &r->stack[r->depth - 1], why);
			free(why);
			r->block.broken = true;
			name_free(r->stack[--r->depth].name);
		}
		name_free(u);
		block_add(&r->block, s, len, line, false, false);
		name_free(r->stack[--r->depth].name);
		if (r->depth == 0) {
			r->in_block = false;
			block_done(r);
		}
		return true;
	}
	if (r->depth == 1 && r->block.sequence == 0 &&
	    line_is_property(s, "SEQUENCE", 8))
		r->block.sequence = r->block.n + 1;
	block_add(&r->block, s, len, line, r->depth == 1, false);
	return true;
}

/* Whether the n bytes at s are ASCII (most lines are: they need no UTF-8
 * check), read a word at a time. */
static bool
ascii_only(const char *s, size_t n)
{
	uint64_t w, any = 0;
	size_t i;

	if (n < 8) {
		for (i = 0; i < n; i++)
			any |= (unsigned char)s[i];
		return (any & 0x80) == 0;
	}
	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		any |= w;
	}
	/* The last bytes, in a word that overlaps the one before. */
	memcpy(&w, s + n - 8, 8);
	any |= w;
	return (any & 0x8080808080808080ULL) == 0;
}

/* One unfolded line of the file. */
static void
logical_line(struct reader *r, char *s, size_t len, int line)
{
	const char *name, *u;

	if (!ascii_only(s, len) && utf8_valid_prefix(s, len) != len) {
		if (r->bad_utf8++ == 0)
			r->first_bad_utf8 = line;
	}
	/* After an unterminated component the line is read again here. */
	if (r->in_block && block_line(r, s, len, line))
		return;
	if (len == 0 || strspn(s, " \t") == len)
		return;
	if (!r->in_calendar) {
		if (is_begin(s, &name)) {
			u = upper_name(name);
			if (strcmp(u, "VCALENDAR") == 0) {
				r->in_calendar = true;
				if (r->calendars++ == 0)
					r->calendar_line = line;
				name_free(u);
				return;
			}
			name_free(u);
		}
		if (r->calendars == 0 &&
		    strncasecmp(s, "BEGIN:VCALENDAR\r", 16) == 0) {
			ics_diag(
			    &r->f, DIAG_ERROR, line, NULL,
			    "the lines of this file end in CR alone (old "
			    "Mac line ends), so it reads as one long line: "
			    "save it with CRLF (or LF) line ends");
			r->not_ical = true;
		} else if (r->calendars == 0) {
			char *q = ics_quote(s, 40);

			ics_diag(
			    &r->f, DIAG_ERROR, line, NULL,
			    "this is not an iCalendar file: it should "
			    "begin with BEGIN:VCALENDAR, not \"%s\"; check "
			    "the files list in conference.ini",
			    q);
			free(q);
			r->not_ical = true;
		} else if (!r->trailing_warned) {
			ics_diag(&r->f, DIAG_WARNING, line, NULL,
			         "text after END:VCALENDAR is not part of the "
			         "calendar and dais ignores it; remove it");
			r->trailing_warned = true;
		}
		return;
	}
	if (is_begin(s, &name)) {
		u = upper_name(name);
		if (strcmp(u, "VCALENDAR") == 0) {
			ics_diag(&r->f, DIAG_ERROR, line, NULL,
			         "BEGIN:VCALENDAR inside a calendar: the "
			         "calendar before it has no END:VCALENDAR; add "
			         "it");
			name_free(u);
			return;
		}
		block_begin(r, u, s, len, line);
		return;
	}
	if (is_end(s, &name)) {
		u = upper_name(name);
		if (strcmp(u, "VCALENDAR") == 0)
			r->in_calendar = false;
		else
			ics_diag(&r->f, DIAG_ERROR, line, NULL,
			         "END:%s has no BEGIN:%s before it; remove the "
			         "line or add the BEGIN (a lost BEGIN line "
			         "would leave a session half-read)",
			         u, u);
		name_free(u);
	}
	/* Calendar properties (PRODID ...) are not dais's; VERSION says the
	 * file is iCalendar 2.0 (RFC 5545 3.7.4), which other clients need. */
	if (prop_name_len(s) == 7 && strncasecmp(s, "VERSION", 7) == 0)
		r->version_seen = true;
	if (prop_name_len(s) == 20 &&
	    strncasecmp(s, "X-DAIS-IMPORT-SOURCE", 20) == 0)
		r->import_record = true;
}

/* A line past ICS_MAX_LINE: left out, and its component refused, since
 * what it held is lost. */
static void
line_too_long(struct reader *r, size_t len, int line)
{
	char *uid = r->in_block ? block_uid(&r->block) : NULL;

	ics_diag(&r->f, DIAG_ERROR, line, uid,
	         "this line is %zu bytes long (with its folded lines), more "
	         "than the %d MiB dais reads in one line, so dais leaves it "
	         "out%s: shorten it (a large attachment belongs in a file of "
	         "its own, named by ATTACH:<url>)",
	         len, ICS_MAX_LINE >> 20,
	         r->in_block && is_read_kind(r->kind)
	             ? " and refuses the component it belongs to"
	             : "");
	free(uid);
	if (r->in_block)
		r->block.broken = true;
}

/* Reads the lines, unfolding them and feeding each to the reader. */
static void
read_lines(struct reader *r, struct ics_source *src)
{
	struct ics_unfold u;
	struct ics_logical l;

	ics_unfold_init(&u, src);
	while (!r->not_ical && ics_unfold_next(&u, &l)) {
		if (l.bom)
			ics_diag(&r->f, DIAG_WARNING, 1, NULL,
			         "the file begins with a UTF-8 byte order "
			         "mark; dais reads past it, but save the file "
			         "as UTF-8 without BOM so every tool sees "
			         "BEGIN:VCALENDAR");
		if (l.too_long)
			line_too_long(r, l.len, l.line);
		else
			logical_line(r, l.s, l.len, l.line);
	}
	r->last_line = u.lineno;
	ics_unfold_free(&u);
}

/* The file dais writes new sessions into: empty after dais init, and
 * that is no mistake. */
static bool
is_new_sessions_file(const struct ics_file *f)
{
	const struct conference *c = &f->p->conf;

	return c->new_sessions_file != NULL && f->source >= 0 &&
	       (size_t)f->source < c->files.n &&
	       strcmp(c->files.v[f->source], c->new_sessions_file) == 0;
}

/* After the last line: what is still open, what waited for the end. */
static void
finish(struct reader *r)
{
	struct ics_file *f = &r->f;
	size_t i;

	if (r->in_block) {
		report_unclosed(r, &r->stack[0], "before the end of the file");
		stack_clear(r);
		r->in_block = false;
	}
	if (r->calendars == 0 && !r->not_ical) {
		ics_diag(f, DIAG_ERROR, 0, NULL,
		         "the file is empty, not an iCalendar file; it should "
		         "hold BEGIN:VCALENDAR ... END:VCALENDAR");
		r->not_ical = true;
		return;
	}
	if (r->in_calendar)
		ics_diag(
		    f, DIAG_ERROR, r->last_line, NULL,
		    "the file ends without END:VCALENDAR: it may have been "
		    "cut short; check that no session is missing and add "
		    "END:VCALENDAR");
	if (!r->version_seen)
		ics_diag(f, DIAG_WARNING, r->calendar_line, NULL,
		         "this calendar has no VERSION line; dais reads it as "
		         "iCalendar 2.0, but other clients may refuse it: add "
		         "VERSION:2.0 after BEGIN:VCALENDAR");
	/* An import's file whose events were all deleted in dais keeps its
	 * record, so that the next import leaves them deleted (dais import):
	 * empty is what the organiser made it. */
	if (r->events == 0 && !is_new_sessions_file(f) && !r->import_record)
		ics_diag(f, DIAG_WARNING, r->calendar_line, NULL,
		         "this calendar holds no VEVENT, so it adds no session "
		         "to the programme; check that conference.ini's files "
		         "name the file you mean");
	if (r->bad_utf8 > 0)
		ics_diag(
		    f, DIAG_WARNING, r->first_bad_utf8, NULL,
		    "this line%s not valid UTF-8 (%d line%s in all); names "
		    "will show wrongly: save the file as UTF-8",
		    r->bad_utf8 > 1 ? " and others are" : " is", r->bad_utf8,
		    r->bad_utf8 == 1 ? "" : "s");

	/* Every VTIMEZONE is known now. */
	f->final = true;
	for (i = 0; i < r->nlater; i++) {
		/* Read now, as f->final says. */
		(void)event_process(f, r->later[i].comp, &r->later[i].block);
		block_free(&r->later[i].block);
	}

	for (i = 0; i < f->nseries; i++)
		ics_series_expand(f, &f->series[i]);
	ics_overrides_finish(f);
}

static void
reader_free(struct reader *r)
{
	struct ics_file *f = &r->f;
	size_t i;

	for (i = 0; i < f->nseries; i++)
		ics_event_free(&f->series[i]);
	for (i = 0; i < f->noverrides; i++)
		ics_event_free(&f->overrides[i]);
	free(f->series);
	free(f->overrides);
	ics_keys_free(f);
	free(f->attendees);
	ics_zones_free(&f->zones);
	if (f->parser != NULL)
		icalparser_free(f->parser);
	stack_clear(r);
	free(r->stack);
	name_free(r->kind);
	block_free(&r->block);
	free(r->later);
}

/* The bytes src holds, as far as is known before reading it (0 when
 * not: a pipe, a failed fstat). */
static size_t
source_size(const struct ics_source *src)
{
	struct stat st;

	if (src->fp == NULL)
		return src->memlen;
	if (fstat(fileno(src->fp), &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < 0 || (uintmax_t)st.st_size > SIZE_MAX)
		return 0;
	return (size_t)st.st_size;
}

/* Reads src as the file `shown`; false when it is no calendar. */
static bool
load_source(struct programme *p, int source, struct ics_source *src,
            const char *shown, struct diag_list *diags)
{
	struct reader r;
	bool ok;

	memset(&r, 0, sizeof r);
	r.f.p = p;
	r.f.source = source;
	r.f.shown = shown;
	r.f.diags = diags;
	r.f.parser = icalparser_new();
	ics_keys_expect(&r.f, source_size(src));
	read_lines(&r, src);
	if (src->fp != NULL && ferror(src->fp)) {
		diag_add(diags, DIAG_ERROR, shown, 0, NULL,
		         "cannot read this file: %s; check the disk and try "
		         "again",
		         strerror(errno));
		reader_free(&r);
		return false;
	}
	if (!r.not_ical)
		finish(&r);
	ics_finish_diags(&r.f);
	ok = !r.not_ical;
	reader_free(&r);
	return ok;
}

bool
ics_load_file_hashed(struct programme *p, int source, const char *path,
                     const char *shown, struct diag_list *diags, uint64_t *hash)
{
	struct ics_source src;
	char *why = NULL;
	FILE *fp;
	bool ok;

	if (hash != NULL)
		*hash = 0;
	/* Regular files only: a FIFO or /dev/zero would hang the load. */
	if ((fp = fileread_fopen(path, &why)) == NULL) {
		bool odd = errno == EINVAL || errno == EISDIR;

		diag_add(diags, DIAG_ERROR, shown, 0, NULL,
		         "cannot open this file: %s; %s", why,
		         odd ? "the files list of conference.ini should name "
		               "regular .ics files"
		             : "check the files list in conference.ini and the "
		               "file's permissions");
		free(why);
		return false;
	}
	ics_source_file(&src, fp);
	/* The fingerprint of the bytes parsed, taken as they are read (a
	 * second reading of the file was 6 MB copied at 10 000 sessions);
	 * what the reader left unread (after a file that is no calendar)
	 * is read for it too. */
	if (hash != NULL)
		src.hash = filehash_stream_new();
	ok = load_source(p, source, &src, shown, diags);
	if (hash != NULL) {
		bool whole = ics_source_drain(&src);
		uint64_t h = filehash_stream_end(src.hash);

		*hash = whole ? h : 0;
	}
	fclose(fp);
	ics_source_free(&src);
	return ok;
}

bool
ics_load_file(struct programme *p, int source, const char *path,
              const char *shown, struct diag_list *diags)
{
	return ics_load_file_hashed(p, source, path, shown, diags, NULL);
}

bool
ics_load_buffer(struct programme *p, int source, const char *data, size_t len,
                const char *shown, struct diag_list *diags)
{
	struct ics_source src;
	bool ok;

	ics_source_mem(&src, data, len);
	ok = load_source(p, source, &src, shown, diags);
	ics_source_free(&src);
	return ok;
}
