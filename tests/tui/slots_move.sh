#!/usr/bin/env bash
# slots_move.sh: f on a session lists its free times and rooms from the
# slot engine, previews the choice and moves the session there, time and
# room in one undoable edit. On a copy of the example: the youth session,
# double-booked in Garden Pavilion Room C, goes to 15:30 in Side Event
# Room B (the error goes, the count drops); u brings back both its time
# and its room at once; saved, `dais check` and the file agree. A session
# that cannot go anywhere says why, day by day. Then the same at 80x24.
. "$(dirname "$0")/lib.sh"

copy_example prog
baseline "$tmp/prog"
start "$tmp/prog"
wait_for "$(counts $E0 $W0)"

keys 2
wait_for "[2 Thu 5 Nov]"
keys /
type_text "Youth voices on online"
keys Enter
wait_for "Room: Garden Pavilion Room C"
keys f
wait_for "Where 'Youth voices on online radicalisation' can go (now Thu 5 Nov 15:00-16:00)"
# The free ones first, its own day first; the count of each is said.
wait_for " free, "
wait_for "  Thu 5 Nov 15:00-16:00          Side Event Room B"
# The preview of the one under the cursor: the room changes, not the day.
wait_for "Day:  Thu 5 Nov (unchanged)"
wait_for "Time: 15:00-16:00 (unchanged)"
wait_for "Room: Garden Pavilion Room C -> Side Event Room B"
wait_for "In no conflict there."
# Typing narrows the list.
type_text "15:30-16:30 Side Event Room B"
wait_for "  Thu 5 Nov 15:30-16:30          Side Event Room B"
wait_for "Time: 15:00-16:00 -> 15:30-16:30"
keys Enter
wait_for "Moved 'Youth voices on online radicalisation' to Thu 5 Nov 15:30-16:30 in Side Event Room B"
wait_for "$(counts $((E0 - 1)) $W0)"
wait_for "Room: Side Event Room B"
wait_for "Conflicts 3"

# One undo puts back both the time and the room.
keys u
wait_for "Undone: Moved 'Youth voices on online radicalisation'"
wait_for "$(counts $E0 $W0)"
wait_for "Room: Garden Pavilion Room C"
wait_for "15:00-16:00  1h"
wait_for "Conflicts 4"
keys C-r
wait_for "Redone: Moved 'Youth voices on online radicalisation'"
wait_for "$(counts $((E0 - 1)) $W0)"

# Esc changes nothing.
keys f
wait_for "Where 'Youth voices on online radicalisation' can go"
keys Escape
wait_for "Not moved."
wait_for "$(counts $((E0 - 1)) $W0)"

# A candidate with warnings is marked and its warnings previewed.
keys /
type_text "Regional cooperation in Asia"
keys Enter
wait_for "Regional cooperation in Asia"
keys f
# The session's title gives way in the middle, its time kept (trial L8).
wait_for "Where 'Regional cooperation in Asia aga… and extremism' can go (now Thu 5 Nov 11:15-12:30)"
type_text "Side Event Room B"
wait_for "* Would warn: 'Regional cooperation in Asia against terrorism and"
keys Escape
wait_for "Not moved."

keys s
wait_for "Saved 1 changed session to programme/side-sessions.ics."
keys q
status=$(wait_exit)
[ "$status" = 0 ] || { echo "FAIL: the planner exited $status"; fail=1; }
"$DAIS" check "$tmp/prog" --format json >"$tmp/check.json"
/usr/bin/python3 - "$tmp/check.json" "$tmp/prog/programme/side-sessions.ics" "$E0" <<'PY' || fail=1
import json, sys
import icalendar
c = json.load(open(sys.argv[1]))
if c["errors"] != int(sys.argv[3]) - 1:
    sys.exit("FAIL: dais check finds %d errors after the move" % c["errors"])
if any(k["kind"] == "room-double-booked" for k in c["conflicts"]):
    sys.exit("FAIL: Room C is still double-booked")
cal = icalendar.Calendar.from_ical(open(sys.argv[2], "rb").read())
ev = [e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("d2-side-youth@")][0]
from zoneinfo import ZoneInfo
kw = ZoneInfo("Asia/Kuwait")
got = (ev["DTSTART"].dt.astimezone(kw).strftime("%H:%M"), str(ev["X-DAIS-ROOM"]),
       str(ev["LOCATION"]))
if got != ("15:30", "side-b", "Side Event Room B"):
    sys.exit("FAIL: the youth session was saved at %s" % (got,))
PY

# Nowhere to go: a session as long as the day, with ministers who are in
# other sessions all day. The reason is given for each day.
start "$tmp/prog"
wait_for "$(counts $((E0 - 1)) $W0)"
keys /
type_text "Ministerial segment I"
keys Enter
wait_for "Ministerial segment I"
keys e
wait_for "Edit session"
keys Tab Tab Tab Tab C-u
type_text "+13h"
keys Enter
wait_for "'Ministerial segment I: national statements'"
keys f
wait_for "Nothing is free for 'Ministerial segment I: national statements' on any day"
wait_joined "Wed 4 Nov:"
wait_joined "Thu 5 Nov:"
keys Enter
wait_for "Nothing to choose: Esc closes."
keys Escape
wait_for "Not moved."
# Undone, nothing is left unsaved: q quits at once.
keys u
wait_for "Undone:"
keys q
wait_exit >/dev/null

# 80x24: the chooser fits, the move works.
start "$tmp/prog" 80 24
keys 2
wait_for "[2 Thu 5 Nov]"
keys /
type_text "Women's leadership"
keys Enter
wait_for "Women's leadership"
keys f
wait_for "Where 'Women's leade… Central Asia' can go (now Thu 5 Nov 14:15-15:15)"
wait_for "Esc cancel"
wait_for "Day:  Thu 5 Nov"
wide=$(screen | /usr/bin/python3 -c '
import sys, unicodedata
def w(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(max(w(l.rstrip("\n")) for l in sys.stdin))')
[ "$wide" -le 80 ] || { echo "FAIL: a row is $wide columns wide at 80x24"; fail=1; }
keys Enter
wait_for "Moved 'Women's leadership in preventing violent extremism"
keys u
wait_for "Undone: Moved 'Women's leadership"
keys q
wait_exit >/dev/null
finish
