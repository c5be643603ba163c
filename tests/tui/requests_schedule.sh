#!/usr/bin/env bash
# requests_schedule.sh: P in the Requests view runs the scheduler on the
# example's requests and applies its plan as one undoable edit: the placed
# ones show their day, time and room, the others why not; u removes every
# session it made, C-r puts them back. Saved, requests.ini marks each
# placed request (as `dais schedule` does), `dais check` finds no new
# error and `dais schedule` places nothing new; and a placed meeting
# deleted afterwards (called off) is not placed again. Then at 80x24.
. "$(dirname "$0")/lib.sh"

copy_example prog
baseline "$tmp/prog"
n=$(grep -c '^\[' "$tmp/prog/requests.ini")
start "$tmp/prog"
keys F6
wait_for "$n bilateral requests: 0 placed, $n not"
keys P
wait_for "Last run placed " 30
wait_for "u undoes it."
wait_for "+ P5 kw-tj-interior"
wait_for "Placed: Wed 4 Nov "
wait_for "modified |"
# How many, from the head line.
placed=$(screen | sed -n 's/.*bilateral requests: \([0-9]*\) placed.*/\1/p')
[ -n "$placed" ] && [ "$placed" -gt 0 ] && [ "$placed" -lt "$n" ] || {
	echo "FAIL: placed '$placed' of $n"; show_screen; fail=1; }
# An unplaced one says why, in the list and below it.
keys G
wait_for "- P2 kw-qa-working"
for i in $(seq "$n"); do
	screen | grep -qF "[kw-qa-working]" && break
	now=$(screen)
	keys k
	wait_changed "$now" || break
done
wait_for "[kw-qa-working]"
wait_joined "Not placed: Wed 4 Nov: Minister of Interior — Kuwait is in sessions"
# Enter on a placed one goes to its session in the grid.
keys g
wait_for "[kw-tj-interior]"
keys Enter
wait_for "[Grid"
wait_for "| Kuwait–Tajikistan: border"
wait_for "Room: Bilateral Meeting Room"
keys F6

# One undo removes every session the run made.
keys u
wait_for "Undone: Scheduled $placed bilateral requests"
wait_for "$n bilateral requests: 0 placed, $n not"
wait_gone "modified |"
keys C-r
wait_for "Redone: Scheduled $placed bilateral requests"
wait_for "$n bilateral requests: $placed placed"
# Again: nothing more fits.
keys P
wait_for "Nothing more can be placed" 30
keys s
wait_for "Saved $placed changed sessions"
wait_for "requests.ini marks $placed requests placed"
keys q
status=$(wait_exit)
[ "$status" = 0 ] || { echo "FAIL: the planner exited $status"; fail=1; }

"$DAIS" check "$tmp/prog" --format json >"$tmp/check.json"
"$DAIS" schedule "$tmp/prog" --dry-run --format json >"$tmp/schedule.json"
/usr/bin/python3 - "$tmp/check.json" "$tmp/schedule.json" "$E0" "$placed" "$n" <<'PY' || fail=1
import json, sys
c = json.load(open(sys.argv[1]))
s = json.load(open(sys.argv[2]))
e0, placed, n = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
if c["errors"] != e0:
    sys.exit("FAIL: dais check finds %d errors after scheduling, %d before" % (c["errors"], e0))
if s["asked"] != n - placed or s["placements"]:
    sys.exit("FAIL: dais schedule would place again: asked %d, placements %s" % (s["asked"], s["placements"]))
PY
marked=$(grep -c '^placed = "request-' "$tmp/prog/requests.ini")
[ "$marked" = "$placed" ] || {
	echo "FAIL: requests.ini marks $marked placed, the planner placed $placed"; fail=1; }
# The Kuwait–Tajikistan meeting is called off: its session deleted by hand.
/usr/bin/python3 - "$tmp/prog" <<'PY' || fail=1
import glob, sys
for path in glob.glob(sys.argv[1] + "/programme/*.ics"):
    s = open(path, newline="").read()
    i = s.find("UID:request-kw-tj-interior@")
    if i < 0:
        continue
    b = s.rfind("BEGIN:VEVENT", 0, i)
    e = s.index("END:VEVENT", i) + len("END:VEVENT\r\n")
    open(path, "w", newline="").write(s[:b] + s[e:])
    sys.exit(0)
sys.exit("FAIL: no session request-kw-tj-interior in the files")
PY
"$DAIS" schedule "$tmp/prog" --dry-run --format json >"$tmp/again.json" 2>"$tmp/again.err"
/usr/bin/python3 - "$tmp/again.json" <<'PY' || fail=1
import json, sys
s = json.load(open(sys.argv[1]))
back = [p for p in s["placements"] if "kw-tj-interior" in json.dumps(p)]
if back:
    sys.exit("FAIL: the deleted meeting is placed again: %s" % back)
PY
grep -q "kw-tj-interior.*no longer in the programme" "$tmp/again.err" || {
	echo "FAIL: dais schedule does not say the placed session is gone:"; cat "$tmp/again.err"; fail=1; }

# 80x24: the view fits and P works.
copy_example small
start "$tmp/small" 80 24
keys F6
wait_for "[Requests]"
wait_for "bilateral requests: 0 placed"
keys P
wait_for "Last run placed " 30
wait_for "+ P5 kw-tj-interior"
wide=$(screen | /usr/bin/python3 -c '
import sys, unicodedata
def w(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(max(w(l.rstrip("\n")) for l in sys.stdin))')
[ "$wide" -le 80 ] || { echo "FAIL: a row is $wide columns wide at 80x24"; fail=1; }
keys u
wait_for "bilateral requests: 0 placed"
keys q
wait_exit >/dev/null
finish
