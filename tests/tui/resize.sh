#!/usr/bin/env bash
# resize.sh: the planner redraws on resize; below 80x24 it says so instead
# of drawing, and recovers when the terminal grows again; at exactly 80x24
# it draws the whole frame; q still quits a too-small planner with nothing
# unsaved.
. "$(dirname "$0")/lib.sh"

copy_example prog
baseline "$tmp/prog"
start "$tmp/prog"
wait_for "Main Pl"
keys 2
wait_for "[2 Thu 5 Nov]"

T resize-window -x 60 -y 20
wait_for "Terminal too small: 60x20."
wait_for "dais needs at least 80x24; enlarge it."
expect_no_screen "Main Pl"
wait_for "q quits."
# Other keys do nothing while nothing can be seen; each is answered.
keys 1 j
wait_for "Key j does nothing at this size."
[ -e "$tmp/exit" ] && { echo "FAIL: the planner quit on a key other than q"; fail=1; }

T resize-window -x 100 -y 30
wait_gone "Terminal too small"
wait_for "[2 Thu 5 Nov]"
wait_for "Main Pl"
lines=$(screen | wc -l)
[ "$lines" = 30 ] || { echo "FAIL: $lines lines at 100x30"; fail=1; }

T resize-window -x 80 -y 24
wait_for "$(counts $E0 $W0)"
expect_screen "[2 Thu 5 Nov]"
expect_screen "Main Pl"
expect_no_screen "too small"
# No row is wider than the terminal.
wide=$(screen | /usr/bin/python3 -c '
import sys, unicodedata
def w(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(max(w(l.rstrip("\n")) for l in sys.stdin))')
[ "$wide" -le 80 ] || { echo "FAIL: a row is $wide columns wide at 80x24"; fail=1; }

# After a resize the grid re-fits the day: scrolled down at 80x24 to the
# afternoon's selection, at 200x50 it starts again from the day's first
# session (08:15), not at 10:15 with empty rows below (issue 14 item 7).
keys /
type_text "Closing plenary"
keys Enter
wait_for "match 1 of"
T resize-window -x 200 -y 50
wait_for "Garden Terrace"
top=$(screen | sed -n 3p | cut -c1-5)
[ "$top" = "08:15" ] || { echo "FAIL: the grid starts at $top at 200x50"; show_screen; fail=1; }
T resize-window -x 80 -y 24
wait_for "Coffee break"

# Too small is not a trap: q quits when nothing is unsaved.
T resize-window -x 60 -y 20
wait_for "q quits."
keys q
status=$(wait_exit)
[ "$status" = 0 ] || { echo "FAIL: exit $status"; fail=1; }
finish
