#!/usr/bin/env bash
# load_warning.sh: warnings from loading, printed before the planner takes
# the screen, are not lost from sight: the status line says how many.
. "$(dirname "$0")/lib.sh"

cp -r "$FIXTURES/load-ics/bom" "$tmp/prog"
start "$tmp/prog"
wait_for "Loaded with 1 warning (printed above the planner)"
keys q
status=$(wait_exit)
[ "$status" = 0 ] || { echo "FAIL: exit $status"; fail=1; }
finish
