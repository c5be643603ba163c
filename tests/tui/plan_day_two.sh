#!/usr/bin/env bash
# plan_day_two.sh: an organiser's morning in the planner, on a copy of the
# example. Day two; assign a minister who is already in a parallel session
# and see the conflict in the grid, the detail pane and the count; undo,
# redo; create, edit, move and delete sessions; save and quit. Then
# `dais check` and an independent parser (python3-icalendar) must agree
# with what the screen showed, and the saved files may differ from the
# originals only in the lines of the sessions that were changed.
. "$(dirname "$0")/lib.sh"

copy_example prog
baseline "$tmp/prog"
# The youth session must still overlap the women's one in Room C: this
# test moves it away.
"$DAIS" check "$tmp/prog" --format json | grep -q '"room-double-booked"' || {
	echo "FAIL: the example no longer double-books Room C"; fail=1; }
start "$tmp/prog"
wait_for "[1 Wed 4 Nov]"
wait_for "$(counts $E0 $W0)"

# Day two.
keys 2
wait_for "[2 Thu 5 Nov]"

# The INTERPOL side session, 11:15-12:30 in Side Event Room A, runs beside
# Panel 3 in the plenary, where the UAE's minister speaks.
keys /
type_text "Screening travellers"
keys Enter
wait_for "Screening travellers at the"
wait_for "| 11:15-12:30  |"
keys a
wait_for "to 'Screening travellers"
type_text "ae-interior"
wait_for "1 of 122"
# The picker says so before the choice is made.
wait_for "! Minister of Interior — United Arab Emirates"
wait_for "! Would conflict: Minister of Interior — United Arab Emirates is"
keys Enter
wait_for "Assigned Minister of Interior — United Arab Emirates"
# The grid marks the block, the detail pane lists the conflict, the count
# rises.
wait_for "|!11:15-12:30  |"
wait_for "Conflicts (1)"
wait_for "! participant double-booked:"
wait_for "$(counts $((E0 + 1)) $W0)"
wait_for "modified |"

# Undo: the conflict goes, everywhere.
keys u
wait_for "Undone: Assigned Minister of Interior"
wait_for "$(counts $E0 $W0)"
wait_for "| 11:15-12:30  |"
expect_no_screen "participant double-booked"
expect_no_screen "modified |"
# Redo: it is back.
keys C-r
wait_for "Redone: Assigned Minister of Interior"
wait_for "$(counts $((E0 + 1)) $W0)"
wait_for "|!11:15-12:30  |"

# Create a session after it (the form opens at its end, in its room).
keys c
wait_for "New session"
type_text "Briefing for floor managers"
keys Tab Tab Tab C-u
type_text "1900"
keys Tab C-u
type_text "+45m"
keys Enter
wait_for "Created 'Briefing for floor managers'"
wait_for "19:00-19:45"
# Edit it: a new title through the form.
keys e
wait_for "Edit session"
keys C-u
type_text "Floor managers' briefing"
keys Enter
wait_for "Floor managers' briefing"
# Move it: a row later, then one room to the right.
keys J
wait_for "19:15-20:00"
keys L
wait_for "to Side Event Room B"

# Move the youth session off the women's session in Room C: a typed time.
keys /
type_text "Youth voices on online"
keys Enter
wait_for "Youth voices on online"
keys m
wait_for "Move 'Youth voices on online radicalisation' to"
type_text "15:70"
keys Enter
# Refused in place, with the reason.
wait_for "Move 'Youth voices on online radicalisation' to"
keys C-u
type_text "15:30"
keys Enter
wait_for "Moved 'Youth voices on online radicalisation'"
wait_for "$(counts $E0 $W0)"

# Delete the Kuwait-Egypt bilateral, after the question.
keys /
type_text "Kuwait and Egypt"
keys Enter
wait_for "Bilateral meeting: Kuwait and"
keys X
wait_for "Delete 'Bilateral meeting: Kuwait and Egypt'"
keys y
wait_for "Deleted 'Bilateral meeting: Kuwait and Egypt'"

shown=$(status_counts)
keys s
wait_for "Saved 4 changed sessions to programme/side-sessions.ics."
wait_gone "modified |"
keys q
status=$(wait_exit)
[ "$status" = 0 ] || { echo "FAIL: the planner exited $status"; fail=1; }

# dais check agrees with the count the screen showed.
"$DAIS" check "$tmp/prog" --format json >"$tmp/check.json"
/usr/bin/python3 - "$tmp/check.json" "$shown" <<'PY' || fail=1
import json, sys
c = json.load(open(sys.argv[1]))
want = "%d error%s, %d warning%s" % (
    c["errors"], "" if c["errors"] == 1 else "s",
    c["warnings"], "" if c["warnings"] == 1 else "s")
if want != sys.argv[2]:
    sys.exit("FAIL: the screen said %r, dais check says %r" % (sys.argv[2], want))
pairs = [(k["kind"], k["participant"]) for k in c["conflicts"]]
if ("participant-double-booked", "ae-interior") not in pairs:
    sys.exit("FAIL: dais check does not report ae-interior double-booked")
if any(k["kind"] == "room-double-booked" for k in c["conflicts"]):
    sys.exit("FAIL: Room C is still double-booked")
PY

# An independent parser reads what was saved.
/usr/bin/python3 - "$SRCDIR/data/kuwait-2026/programme" "$tmp/prog/programme" <<'PY' || fail=1
import difflib, glob, os, sys
from datetime import datetime
from zoneinfo import ZoneInfo
import icalendar

orig_dir, new_dir = sys.argv[1], sys.argv[2]
kw = ZoneInfo("Asia/Kuwait")

def load(d):
    events = {}
    for path in sorted(glob.glob(os.path.join(d, "*.ics"))):
        cal = icalendar.Calendar.from_ical(open(path, "rb").read())
        for ev in cal.walk("VEVENT"):
            rid = ev.get("RECURRENCE-ID")
            key = (str(ev["UID"]), rid.to_ical().decode() if rid else "")
            events[key] = (os.path.basename(path), ev)
    return events

old, new = load(orig_dir), load(new_dir)
def one(events, uid):
    return events[(uid + "@kuwait-2026.dushanbe-process", "")][1]
def local(t):
    return t.dt.astimezone(kw).strftime("%Y-%m-%d %H:%M")

errors = []
interpol = one(new, "d2-side-interpol")
ids = [a.params.get("X-DAIS-ID") for a in interpol.get("ATTENDEE")]
if "ae-interior" not in ids:
    errors.append("ae-interior is not an attendee of the INTERPOL session")
youth, youth0 = one(new, "d2-side-youth"), one(old, "d2-side-youth")
if local(youth["DTSTART"]) != "2026-11-05 15:30" or local(youth["DTEND"]) != "2026-11-05 16:30":
    errors.append("youth session not at 15:30-16:30: %s" % local(youth["DTSTART"]))
if int(youth.get("SEQUENCE", 0)) != int(youth0.get("SEQUENCE", 0)) + 1:
    errors.append("SEQUENCE of the moved youth session did not rise")
if ("d2-bilateral-kw-eg@kuwait-2026.dushanbe-process", "") in new:
    errors.append("the deleted bilateral is still there")
made = [(f, e) for (k, (f, e)) in new.items() if k not in old]
new_uid = None
if len(made) != 1:
    errors.append("expected one new session, found %s" % [k for k in new if k not in old])
else:
    f, e = made[0]
    if f != "side-sessions.ics":
        errors.append("new session saved to %s, not side-sessions.ics" % f)
    if str(e["SUMMARY"]) != "Floor managers' briefing":
        errors.append("new session's title: %s" % e["SUMMARY"])
    if (local(e["DTSTART"]), local(e["DTEND"])) != ("2026-11-05 19:15", "2026-11-05 20:00"):
        errors.append("new session at %s-%s" % (local(e["DTSTART"]), local(e["DTEND"])))
    if str(e.get("X-DAIS-ROOM")) != "side-b" or str(e.get("LOCATION")) != "Side Event Room B":
        errors.append("new session in %s" % e.get("X-DAIS-ROOM"))
    new_uid = str(e["UID"])
if len(new) != len(old):
    errors.append("%d events before, %d after (one made, one deleted)" % (len(old), len(new)))

# Only the lines of the changed sessions differ; other files not at all.
changed = {u + "@kuwait-2026.dushanbe-process" for u in
           ("d2-side-interpol", "d2-side-youth", "d2-bilateral-kw-eg")}
if new_uid is not None:
    changed.add(new_uid)

def owners(lines):
    """The UID of the VEVENT each line is in, or None."""
    out, start, i = [None] * len(lines), None, 0
    for i, l in enumerate(lines):
        if l == "BEGIN:VEVENT":
            start = i
        elif l == "END:VEVENT" and start is not None:
            uid = next((x[4:] for x in lines[start:i] if x.startswith("UID:")), None)
            for k in range(start, i + 1):
                out[k] = uid
            start = None
    return out

for path in sorted(glob.glob(os.path.join(orig_dir, "*.ics"))):
    name = os.path.basename(path)
    a = open(path, newline="").read().split("\r\n")
    b = open(os.path.join(new_dir, name), newline="").read().split("\r\n")
    if name != "side-sessions.ics" and a != b:
        errors.append("%s changed, but none of its sessions did" % name)
        continue
    oa, ob = owners(a), owners(b)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        for k in range(i1, i2):
            if oa[k] not in changed and a[k] not in ("BEGIN:VEVENT", "END:VEVENT"):
                errors.append("%s: line %d changed outside the edited sessions: %s" % (name, k + 1, a[k]))
        for k in range(j1, j2):
            if ob[k] not in changed and b[k] not in ("BEGIN:VEVENT", "END:VEVENT"):
                errors.append("%s: new line %d outside the edited sessions: %s" % (name, k + 1, b[k]))
if errors:
    print("FAIL: " + "\nFAIL: ".join(errors))
    sys.exit(1)
PY
finish
