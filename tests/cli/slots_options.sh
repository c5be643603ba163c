#!/usr/bin/env bash
# slots_options.sh: dais slots refuses options that cannot go together or
# that it does not know, in one line with exit 2, in lower case after
# its prefix (trial report L4, L6).
. "$(dirname "$0")/lib.sh"

EX="$SRCDIR/data/kuwait-2026"

# --rooms and --kind both choose the rooms: not one ignored in silence.
expect_exit 2 "$DAIS" slots "$EX" --with kw-interior,tj-interior \
	--duration 45m --rooms bilateral --kind BILATERAL
expect_contains "dais slots: --rooms and --kind both choose the rooms: give --rooms to name them, or --kind to take those that serve the kind" stderr "$err"
[ -z "$out" ] || { echo "FAIL: candidates printed"; fail=1; }
expect_exit 0 "$DAIS" slots "$EX" --with kw-interior,tj-interior \
	--duration 45m --rooms bilateral
expect_exit 0 "$DAIS" slots "$EX" --with kw-interior,tj-interior \
	--duration 45m --kind BILATERAL

# An unknown option, or one without its value: one line, exit 2, no help
# to bury it (trial report L4: "slots: unrecognized option '--bogus'" and
# 40 lines of help). Every command that takes options says it alike.
expect_exit 2 "$DAIS" slots "$EX" --with kw-interior,tj-interior --duration 45m --bogus
expect_contains "dais slots: unknown option '--bogus'; 'dais slots --help' shows the options" stderr "$err"
[ "$(printf '%s\n' "$err" | wc -l)" = 1 ] || { echo "FAIL: more than one line: $err"; fail=1; }
expect_exit 2 "$DAIS" slots "$EX" --duration 45m --with
expect_contains "dais slots: --with needs a value; 'dais slots --help' shows the options" stderr "$err"
expect_exit 2 "$DAIS" slots "$EX" --with kw-interior --duration 45m --allow-warnings=yes
expect_contains "dais slots: --allow-warnings takes no value;" stderr "$err"
expect_exit 2 "$DAIS" slots "$EX" --with kw-interior --duration 45m -x
expect_contains "dais slots: unknown option '-x';" stderr "$err"
# dais itself, with no command.
expect_exit 2 "$DAIS" --bogus
expect_contains "dais: unknown option '--bogus'; 'dais --help' shows the commands and options" stderr "$err"
[ "$(printf '%s\n' "$err" | wc -l)" = 1 ] || { echo "FAIL: dais --bogus: more than one line: $err"; fail=1; }
for cmd in check export import import-participants init publish runsheet schedule sync; do
	expect_exit 2 "$DAIS" "$cmd" --bogus=1
	expect_contains "dais $cmd: unknown option '--bogus'; 'dais $cmd --help' shows the options" stderr "$err"
	[ "$(printf '%s\n' "$err" | wc -l)" = 1 ] || { echo "FAIL: $cmd: more than one line: $err"; fail=1; }
done

# After "dais slots:", a message starts in lower case, whichever part of
# dais made it.
expect_exit 2 "$DAIS" slots "$EX" --session zz-none
expect_contains "dais slots: there is no session with UID 'zz-none'" stderr "$err"
expect_exit 2 "$DAIS" slots "$EX" --session coffee-morning@kuwait-2026.dushanbe-process
expect_contains "dais slots: session 'coffee-morning@kuwait-2026.dushanbe-process' is a recurring series" stderr "$err"
expect_exit 2 "$DAIS" slots "$EX" --with kw-interior --duration 30m --languages rus
expect_contains "dais slots: no room of venues.ini has booths for rus" stderr "$err"

# Neither --kind nor --rooms: every room that fits, the banquet hall too,
# and a line under the list on how many are in rooms for other kinds and
# how to leave them out (trial report L7). The list stays as it was.
expect_exit 0 "$DAIS" slots "$EX" --with kw-interior,tj-interior --duration 45m
expect_contains "Banquet Hall" stdout "$out"
expect_contains "327 candidates
164 of them are in rooms for other kinds of session than BILATERAL (Side Event Room A, Banquet Hall, Main Plenary Hall, Plenary Foyer, Garden Terrace: kinds in venues.ini): --kind BILATERAL leaves them out, as dais schedule does" stdout "$out"
expect_exit 0 "$DAIS" slots "$EX" --with kw-interior,tj-interior --duration 45m --kind BILATERAL
expect_contains "163 candidates" stdout "$out"
expect_not_contains "other kinds" stdout "$out"
expect_exit 0 "$DAIS" slots "$EX" --with kw-interior,tj-interior --duration 45m --format json
expect_not_contains "other kinds" stdout "$out"

finish
