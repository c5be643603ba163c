#!/usr/bin/env bash
# export_where.sh: the planner's E proposes a directory beside the
# programme (DIR-export, absolute) when dais.ini names none, and its
# message gives the absolute path of what it wrote, also for a relative
# directory typed at the prompt (review 3, finding 10: "dais-export/
# programme.ics", relative to wherever the planner was started).
. "$(dirname "$0")/lib.sh"

copy_example prog
mkdir "$tmp/elsewhere"
T -f /dev/null new-session -d -x 120 -y 30 \
	"cd '$tmp/elsewhere' && '$DAIS' '../prog' 2>'$tmp/stderr'; echo \$? >'$tmp/exit'"
wait_for "help"
wait_for "Main Pl"
keys E
wait_for "Export participants' calendars to directory: $tmp/prog-export"
keys Enter
wait_joined "Exported the public programme to $tmp/prog-export/programme.ics and"
wait_joined "participants' calendars to $tmp/prog-export/participants/."
[ -s "$tmp/prog-export/programme.ics" ] ||
	{ echo "FAIL: nothing beside the programme"; ls -R "$tmp"; fail=1; }
[ -e "$tmp/elsewhere/dais-export" ] &&
	{ echo "FAIL: exported into the planner's current directory"; fail=1; }

# A relative directory typed: where it went, said in full.
keys E
wait_for "Export participants' calendars to directory:"
keys C-u
type_text "out"
keys Enter
wait_joined "Exported the public programme to $tmp/elsewhere/out/programme.ics"
[ -s "$tmp/elsewhere/out/programme.ics" ] ||
	{ echo "FAIL: no programme.ics in $tmp/elsewhere/out"; fail=1; }
keys q
wait_exit >/dev/null
finish
