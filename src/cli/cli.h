/*
 * cli.h: the subcommands of the dais executable, declared in one table
 * (main.c) that drives dispatch, `dais help` and each command's --help.
 */
#ifndef DAIS_CLI_H
#define DAIS_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "dais/diag.h"
#include "dais/model.h"

/* Exit statuses shared by every command (dais(1) documents them). */
enum {
	EXIT_CLEAN = 0,     /* done; for check: no errors */
	EXIT_CONFLICTS = 1, /* check: errors found; others: the task failed */
	EXIT_BAD_INPUT = 2, /* the input could not be read, or bad usage */
};

struct cli_command {
	const char *name;
	const char *args;    /* "DIR [--format text|json]" */
	const char *summary; /* one line for `dais help` */
	const char *help;    /* the rest of `dais CMD --help` */
	/* argv[0] is the command name. NULL in the lean dais for a command
	 * that runs in its helper, dais-full (cli_run_in_helper). */
	int (*run)(int argc, char **argv);
};

extern const struct cli_command cli_commands[];

/* Prints "usage: dais CMD ARGS" and the help of cmd to f. */
void cli_print_help(FILE *f, const struct cli_command *cmd);
const struct cli_command *cli_find(const char *name);
/*
 * For a command's getopt_long loop, whose optstring starts with ':' (so
 * getopt says nothing itself and returns ':' for a missing value): says
 * in one line what was wrong with the option getopt_long returned ch
 * for ("dais CMD: unknown option '--bogus'; 'dais CMD --help' shows the
 * options"; "--with needs a value"; "--help takes no value") and
 * returns EXIT_BAD_INPUT. No help follows: it would hide the line.
 */
struct option;
int cli_option_error(const char *cmd, int ch, char *const argv[],
                     const struct option *longopts);

/*
 * Loads the programme in dir, printing every diagnostic to stderr. Returns
 * NULL (after saying why) when the programme was refused; then the command
 * exits EXIT_BAD_INPUT.
 */
struct programme *cli_load(const char *dir);
/* s as a whole number from 0 to INT_MAX in *out; false for anything else
 * ("12x", "", an overflow), so options never take half a number. */
bool cli_parse_count(const char *s, int *out);
/*
 * DIR's lock, as every command that writes a programme takes it (a write
 * beneath a running planner would leave its journal unreplayable), or NULL
 * after saying why on stderr: "dais CMD: DIR is open in a planner (WHO):
 * ADVICE" (cli_lock.c). Only then is *exit_code set, to the command's exit
 * status: EXIT_BAD_INPUT when DIR is no directory, EXIT_CONFLICTS otherwise.
 */
struct lock;
struct lock *cli_take_lock(const char *cmd, const char *dir, const char *advice,
                           int *exit_code);
/* True (after saying so) when a planner that stopped left unsaved edits
 * in DIR's journal: they are replayed onto the files as they were, so
 * they come first; AGAIN says what to do after ("run again"). */
bool cli_journal_in_the_way(const char *cmd, const char *dir,
                            const char *again);
/*
 * Replaces this process with dais's helper, dais-full, running the command
 * line dais was given (cli_keep_command_line), for what ("the planner",
 * "'dais schedule'", "a PDF run-sheet"), which needs libraries the lean
 * dais does not load. Call it before opening, reading or locking anything.
 * Returns only when the helper could not be run, having said where it was
 * looked for and what to do: then EXIT_BAD_INPUT (helper.c).
 */
int cli_run_in_helper(const char *what);
/* Keeps argv, main's, for cli_run_in_helper. */
void cli_keep_command_line(char **argv);
/* Says, for sync and publish, each collection dais made on the server
 * (MKCOL) to hold ("the calendar") what it was asked to put there. */
struct strlist;
void cli_say_collections_made(const struct strlist *made, const char *holds);
/* Prints each diagnostic of d to stderr, a line each (diag_format). */
void cli_print_diags(const struct diag_list *d);
/* As cli_load, and *warnings gets how many warnings loading gave. */
struct programme *cli_load_counted(const char *dir, size_t *warnings);
/* The directory to use when none is given: "." if it holds a programme,
 * else the shipped example. */
const char *cli_default_dir(void);
/* s as a JSON string, or null for NULL (json.c). Bytes that are not UTF-8
 * become U+FFFD, so the document always parses. */
void cli_json_string(FILE *f, const char *s);
/*
 * Reads dir's requests.ini (requests.h) into *out, printing every
 * diagnostic to stderr. False (after saying why, as "dais CMD: ...") when
 * it holds an error: the command exits EXIT_BAD_INPUT. A missing file is
 * fine (no requests).
 */
struct request_list;
bool cli_load_requests(const char *cmd, const struct programme *p,
                       const char *dir, struct request_list *out);
/*
 * For `dais check`: reads dir's requests.ini only to report its problems
 * (stderr), and returns how many errors it holds. A broken requests.ini
 * does not stop the check: the conflicts are the sessions', and an
 * organiser needs them most when a file is half-edited.
 */
size_t cli_check_requests(const struct programme *p, const char *dir);

int cmd_check(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_import_participants(int argc, char **argv);
int cmd_init(int argc, char **argv);
/* dais init's checks and programme, from its options' values (hours NULL:
 * the default); says "Made a new programme ..." when say_made. Returns an
 * exit status, having printed why on failure. */
int cli_init(const char *dir, const char *name, const char *zone,
             const char *days_arg, const char *hours, bool say_made);
int cmd_open(int argc, char **argv);
int cmd_runsheet(int argc, char **argv);
int cmd_schedule(int argc, char **argv);
int cmd_slots(int argc, char **argv);
int cmd_publish(int argc, char **argv);
int cmd_sync(int argc, char **argv);

#endif
