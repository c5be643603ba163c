#!/usr/bin/env bash
# requests_undo.sh: the scheduler's run (P), saved, then undone with u and
# saved again, is taken back whole: requests.ini has none of the placed
# lines the run's save wrote, and P places the requests again (review3
# finding 1). A meeting deleted by hand after its line was saved is still
# called off: its line stays, and neither P nor dais schedule places it.
. "$(dirname "$0")/lib.sh"

copy_example prog
n=$(grep -c '^\[' "$tmp/prog/requests.ini")
start "$tmp/prog"
keys F6
wait_for "$n bilateral requests: 0 placed, $n not"
keys P
wait_for "u undoes it." 30
placed=$(screen | sed -n 's/.*bilateral requests: \([0-9]*\) placed.*/\1/p')
[ -n "$placed" ] && [ "$placed" -gt 0 ] || { echo "FAIL: placed '$placed'"; show_screen; fail=1; }
keys s
wait_joined "requests.ini marks $placed requests placed"
lines=$(grep -c '^placed = ' "$tmp/prog/requests.ini")
[ "$lines" = "$placed" ] || { echo "FAIL: $lines placed lines after the save, not $placed"; fail=1; }

# u takes the run back; the next save takes its lines out.
keys u
wait_for "Undone: Scheduled $placed bilateral requests"
wait_for "$n bilateral requests: 0 placed, $n not"
wait_for "- P5 kw-tj-interior"
keys s
wait_joined "requests.ini no longer marks $placed requests placed (undone)"
lines=$(grep -c '^placed = ' "$tmp/prog/requests.ini")
[ "$lines" = 0 ] || { echo "FAIL: $lines placed lines after the undo was saved, not 0"; grep '^placed' "$tmp/prog/requests.ini" | head -3; fail=1; }
grep -q "UID:request-" "$tmp/prog"/programme/*.ics && { echo "FAIL: a request's session is still in the files"; fail=1; }

# P places them again, as the first time.
keys P
wait_for "Last run placed $placed of $n" 30
wait_for "$n bilateral requests: $placed placed"
keys s
wait_joined "requests.ini marks $placed requests placed"

# Called off by hand after the save: the line stays, P leaves it be.
keys g
wait_for "[kw-tj-interior]"
keys Enter
wait_for "[Grid"
keys X
wait_for "Delete 'Kuwait–Tajikistan: border"
keys y
wait_for "Deleted 'Kuwait–Tajikistan: border"
keys F6
wait_for "- P5 kw-tj-interior"
keys s
wait_for "Saved 1 changed session"
grep -q '^placed = "request-kw-tj-interior@' "$tmp/prog/requests.ini" || {
	echo "FAIL: the called-off meeting lost its placed line"; fail=1; }
keys P
wait_for "Nothing more can be placed" 30
wait_for "$n bilateral requests: $((placed - 1)) placed"
keys q
status=$(wait_exit)
[ "$status" = 0 ] || { echo "FAIL: the planner exited $status"; fail=1; }
"$DAIS" schedule "$tmp/prog" --dry-run --format json >"$tmp/again.json" 2>/dev/null
/usr/bin/python3 - "$tmp/again.json" <<'PY' || fail=1
import json, sys
s = json.load(open(sys.argv[1]))
back = [p for p in s["placements"] if p["request"] == "kw-tj-interior"]
if back:
    sys.exit("FAIL: the called-off meeting is placed again: %s" % back)
PY
finish
