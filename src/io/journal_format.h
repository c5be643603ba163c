/*
 * journal_format.h: the recovery journal's file format, shared by its
 * writer (journal.c) and its reader (journal_read.c). Private to
 * src/io/journal*.c.
 *
 * The file is UTF-8 text, one record per line, fields separated by tabs.
 * In text fields a backslash, tab, line feed and carriage return are
 * written \\ \t \n \r, and a missing value (NULL) is \0. Times are
 * seconds since 1970 UTC, or "none".
 *
 *   DAIS-JOURNAL	4
 *   opened	<time>	<user>	<host>	<pid>
 *   file	<16 hex digits>	<name>          one per file read
 *   edit	<time>	<kind>	<description>	<count>
 *   was	<tag>	<value> ...    before a session's first put or del:
 *   was-none	<uid>	<recurrence id>     its state in the files
 *   put	<tag>	<value>	<tag>	<value> ...    `count` of put and del
 *   del	<uid>	<recurrence id>
 *   reg	<kind>	<id>	<key>	<value> ...  a registry entry's state
 *   regdel	<kind>	<id>                  a registry entry removed
 *   end	<16 hex digits>
 *   save	<time>	<count>                   before a save writes a file
 *   saving	<hex before>	<hex after>	<name>   `count` of them
 *   end	<16 hex digits>
 *
 * A put line is one session's state: each field of the session field
 * table (session_field.h) as its journal tag and its value. A text is one
 * field, a time or a number one, a status its name; a list is its count
 * then its items, the people their count then id, role and CN for each.
 * A tag the line does not have keeps the value a new session has, so a
 * journal written before a field existed still reads. A was line is a
 * put line's fields; it comes once per session, at its first record, and
 * says how the session is in the files of the header (was-none: in none),
 * so recovery can tell which sessions somebody else changed on disk. A
 * save record says, before a save writes anything, each file's
 * fingerprint before and after it: recovery counts a file that holds the
 * after bytes as saved. Version 2 had neither; it is still read. Version 1
 * (until the table) wrote the values without tags, in the order
 * journal_read.c's journal_v1_fields says; it is still read.
 *
 * A reg line is a participant, room, building or walk (the kind's name
 * in registry_field.h) with each key it has as the INI file would hold
 * it (registry_item_pairs; a walk's one key is "minutes"), so that a
 * journal is read with the loader's own parsers. reg and regdel count in
 * the edit's count like put and del.
 *
 * The hex after "end" is the fingerprint of the edit's lines from
 * "edit" to the line before "end", so an edit cut short by a crash while
 * it was being written (it was never on screen: the screen is drawn after
 * the write returns) is recognised and left out rather than half applied.
 * Each edit is written with one write() and forced to disk with
 * fdatasync() before the editor's callback returns.
 *
 * Every fingerprint (file, saving, end) is filehash.h's: XXH3 from
 * version 4 on, FNV-1a in versions 1 to 3, which are read with it.
 * Only a journal's own process appends to it, after writing it whole
 * with the current version, so one journal never mixes the two.
 */
#ifndef DAIS_IO_JOURNAL_FORMAT_H
#define DAIS_IO_JOURNAL_FORMAT_H

#include <stdbool.h>

#define JOURNAL_MAGIC "DAIS-JOURNAL\t4"
/* Fingerprints (file, saving, end) were FNV-1a: otherwise the same. */
#define JOURNAL_MAGIC_V3 "DAIS-JOURNAL\t3"
/* Before was lines and save records: otherwise the same as 3. */
#define JOURNAL_MAGIC_V2 "DAIS-JOURNAL\t2"
/* The first journals: a put line's values without tags (journal_read.c
 * has their order). */
#define JOURNAL_MAGIC_V1 "DAIS-JOURNAL\t1"
/* A journal is a day's edits at most; past this it is not a journal. */
#define JOURNAL_MAX_BYTES ((size_t)1 << 30)

/* Whether a file the journal names is a registry (conference.ini ...):
 * a journal is replayed only onto the same ones. */
bool journal_is_registry(const char *name);

#endif
