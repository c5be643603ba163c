#!/usr/bin/env bash
# fixes_conflicts.sh: the four conflicts of the example, each cleared from
# the Conflicts view with a fix it offers (f), one undoable edit each; the
# list and the count follow at once. The Qatari delegation gets a second
# member so that the double-booked minister can be replaced (the fix that
# keeps the session where it is, as chair). Undo brings all four back;
# redo and save, and `dais check` finds nothing. Then one fix at 80x24.
. "$(dirname "$0")/lib.sh"

copy_example prog
cat >>"$tmp/prog/participants.ini" <<'INI'

[qa-interior-deputy]
name = "Deputy Minister of Interior — Qatar"
kind = "official"
delegation = "qa"
INI
baseline "$tmp/prog"
[ "$E0" = 2 ] && [ "$W0" = 2 ] || {
	echo "FAIL: the example no longer has its 2 errors and 2 warnings"; fail=1; }
start "$tmp/prog"
wait_for "$(counts 2 2)"
keys '!'
wait_for "4 conflicts: 2 errors, 2 warnings"
# Below the list: how many fixes the selected conflict has, the first.
wait_for "Fixes (f): "
wait_for "first: In 'Ministerial segment I: national statements', Deputy Minister"

# 1. Minister of Interior — Qatar in two sessions: the deputy chairs the
#    side session instead (a substitute costs least: first in the list,
#    one for each of the two sessions; the deputy, an official, in a
#    minister's chair is marked of lower rank).
keys g f
wait_for "Fixes of the error participant double-booked"
wait_for "those leaving no conflict first, then * those leaving a warning"
wait_for "  Deputy Minister of Interior — Qatar instead o… 'Ministerial segment I"
wait_for "  (lower rank) Deputy Minister of Interior — Qa… 'Security of major"
type_text "Deputy Security"
wait_for "1 of "
wait_for "takes their place as chair."
keys Enter
wait_joined "Put Deputy Minister of Interior — Qatar in place of Minister of Interior — Qatar in 'Security of major"
wait_for "Conflicts 3"
wait_for "3 conflicts: 1 error, 2 warnings"
wait_for "$(counts 1 2)"

# 2. Room C double-booked: the youth session half an hour later.
keys g f
wait_for "Fixes of the error room double-booked"
type_text "Youth 15:30"
wait_for "  Move to 15:30 "
wait_for "Time: 15:00-16:00 -> 15:30-16:30"
wait_for "In no conflict afterwards."
# The conflict's sentence under it is labelled as what the fix clears (it
# read as a conflict that stays; trial M5).
wait_for "Clears: Garden Pavilion Room C is booked for"
keys Enter
wait_for "Moved 'Youth voices on online radicalisation' to 15:30"
wait_for "Conflicts 2"
wait_for "$(counts 0 2)"

# 3. Over capacity: the civil-society session to Side Event Room B, at the
#    same time (the smallest change).
keys g f
wait_for "Fixes of the warning over capacity"
wait_for "Room: Garden Pavilion Room C -> Side Event Room B"
keys Enter
wait_for "Moved 'Civil society and community resilience in border regions' to Side Event Room B"
wait_for "Conflicts 1"
wait_for "$(counts 0 1)"

# 4. No Chinese booth: the Asian session to the plenary hall in the
#    evening, where it warns of nothing.
keys g f
wait_for "Fixes of the warning interpretation unavailable"
type_text "17:30"
wait_for "  Move to 17:30 in Main Plenary Hall"
wait_for "Room: Side Event Room B -> Main Plenary Hall"
wait_for "In no conflict afterwards."
keys Enter
wait_for "Moved 'Regional cooperation in Asia against terrorism and extremism' to 17:30 in Main Plenary Hall"
wait_for "Conflicts 0"
wait_for "No conflicts: every room, person and delegation fits."
wait_for "$(counts 0 0)"
keys f
wait_for "No conflict to fix."

# Each was one edit: four undos bring the four back.
keys u
wait_for "Undone: Moved 'Regional cooperation in Asia"
wait_for "Conflicts 1"
keys u
wait_for "Conflicts 2"
keys u
wait_for "Conflicts 3"
keys u
wait_for "Undone: Put Deputy Minister of Interior — Qatar in place"
wait_for "Conflicts 4"
wait_for "$(counts 2 2)"
keys C-r C-r C-r C-r
wait_for "Conflicts 0"
keys s
wait_for "Saved 4 changed sessions"
keys q
status=$(wait_exit)
[ "$status" = 0 ] || { echo "FAIL: the planner exited $status"; fail=1; }

"$DAIS" check "$tmp/prog" --format json >"$tmp/check.json"
check_status=$?
[ "$check_status" = 0 ] || { echo "FAIL: dais check exits $check_status"; fail=1; }
/usr/bin/python3 - "$tmp/check.json" "$tmp/prog/programme/side-sessions.ics" <<'PY' || fail=1
import json, sys
import icalendar
c = json.load(open(sys.argv[1]))
if c["conflicts"]:
    sys.exit("FAIL: dais check still finds %s" % [k["kind"] for k in c["conflicts"]])
cal = icalendar.Calendar.from_ical(open(sys.argv[2], "rb").read())
ev = [e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("d1-side-major-events@")][0]
att = ev.get("ATTENDEE")
att = att if isinstance(att, list) else [att]
roles = {a.params.get("X-DAIS-ID"): a.params.get("ROLE") for a in att}
if "qa-interior" in roles:
    sys.exit("FAIL: the minister is still in the side session")
if roles.get("qa-interior-deputy") != "CHAIR":
    sys.exit("FAIL: the deputy is not its chair: %s" % roles)
PY

# 80x24: the chooser fits, a fix applies.
copy_example small
start "$tmp/small" 80 24
keys '!'
wait_for "4 conflicts: 2 errors, 2 warnings"
keys f
wait_for "Fixes of the error participant double-booked"
wait_for "Esc cancel"
wait_for "Session: 'Ministerial segment I: national statements'"
wide=$(screen | /usr/bin/python3 -c '
import sys, unicodedata
def w(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(max(w(l.rstrip("\n")) for l in sys.stdin))')
[ "$wide" -le 80 ] || { echo "FAIL: a row is $wide columns wide at 80x24"; fail=1; }
# The first fix leaves no conflict (trial M4: the smallest, a move to
# 13:00, left a tight changeover): the error is gone and no warning comes.
wait_for "In no conflict afterwards."
wait_for "Clears: Minister of Interior — Qatar is in"
expect_no_screen "Would warn"
keys Enter
wait_joined "Took Minister of Interior — Qatar out of 'Ministerial segment I"
wait_for "3 conflicts: 1 error, 2 warnings"
keys u
wait_for "4 conflicts: 2 errors, 2 warnings"
keys q
wait_exit >/dev/null
finish
