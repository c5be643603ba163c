#!/usr/bin/env bash
# form_closed_meeting.sh: the session form's Meeting field makes a session
# public or closed (CLASS), as one edit that u takes back; a bilateral made
# in the planner is closed unless the organiser opens it, and a closed
# meeting stays out of the public exports (review 3, finding 18).
. "$(dirname "$0")/lib.sh"

copy_example prog
prog="$tmp/prog"

# event_of TITLE: the saved VEVENT whose SUMMARY is TITLE, unfolded.
event_of() {
	/usr/bin/python3 - "$prog/programme" "$1" <<'PY'
import glob, sys
for path in glob.glob(sys.argv[1] + "/*.ics"):
    text = open(path, encoding="utf-8").read().replace("\r\n ", "").replace("\n ", "")
    for ev in text.split("BEGIN:VEVENT")[1:]:
        if "SUMMARY:" + sys.argv[2] + "\r" in ev or "SUMMARY:" + sys.argv[2] + "\n" in ev:
            print(ev.split("END:VEVENT")[0])
PY
}

start "$prog"
wait_for "Main Pl"

# A new session of kind BILATERAL is closed by default.
keys c
wait_for "New session"
wait_for "Meeting           < Public >"
type_text "Bilateral: Kuwait and Qatar (private)"
keys Tab
type_text "B"
wait_for "< BREAK >"
type_text "B"
wait_for "< BILATERAL >"
wait_for "< Closed: not in public exports >"
keys Enter
wait_for "Closed meeting (CLASS)"

# The organiser's own choice wins over the kind: opened by hand, then the
# kind changed away and back, it stays public.
keys c
wait_for "New session"
type_text "Courtesy call, announced"
keys Tab
type_text "B"
type_text "B"
wait_for "< Closed: not in public exports >"
keys Tab Tab Tab Tab Tab Tab
type_text "P"
wait_for "< Public >"
keys BTab BTab BTab BTab BTab BTab
type_text "B"
wait_for "< BREAK >"
type_text "B"
wait_for "< BILATERAL >"
expect_no_screen "Closed: not in public exports"
keys Enter
wait_for "Courtesy call, announced"
expect_no_screen "Closed meeting (CLASS)"

# An existing public session closed in the form: one edit, undone and redone.
keys /
type_text "Youth voices on online"
keys Enter
wait_for "match 1 of"
expect_no_screen "Closed meeting (CLASS)"
keys e
wait_for "Edit session"
keys Tab Tab Tab Tab Tab Tab Tab
type_text "c"
wait_for "< Closed: not in public exports >"
keys Enter
wait_for "Closed meeting (CLASS)"
keys u
wait_gone "Closed meeting (CLASS)"
keys C-r
wait_for "Closed meeting (CLASS)"
keys s
wait_for "Saved"
keys q
wait_exit >/dev/null

event_of "Bilateral: Kuwait and Qatar (private)" | grep -q "^CLASS:CONFIDENTIAL" ||
	{ echo "FAIL: the new bilateral was not saved closed"; event_of "Bilateral: Kuwait and Qatar (private)"; fail=1; }
event_of "Courtesy call, announced" | grep -q "^CLASS" &&
	{ echo "FAIL: the opened bilateral was saved with a CLASS"; fail=1; }
event_of "Youth voices on online radicalisation" | grep -q "^CLASS:CONFIDENTIAL" ||
	{ echo "FAIL: the closed session was not saved closed"; fail=1; }

"$DAIS" export "$prog" --format html -o "$tmp/public.html" --no-record >/dev/null || fail=1
for t in "Kuwait and Qatar (private)" "Youth voices on online"; do
	grep -qF "$t" "$tmp/public.html" &&
		{ echo "FAIL: the public page shows the closed '$t'"; fail=1; }
done
grep -qF "Courtesy call, announced" "$tmp/public.html" ||
	{ echo "FAIL: the public page lacks the open bilateral"; fail=1; }
"$DAIS" export "$prog" --internal -o "$tmp/internal.ics" --no-record >/dev/null || fail=1
grep -qF "Kuwait and Qatar (private)" "$tmp/internal.ics" ||
	{ echo "FAIL: the internal export lacks the closed bilateral"; fail=1; }

# Opened again in the form: CLASS goes from the file.
start "$prog"
wait_for "Main Pl"
keys /
type_text "Youth voices on online"
keys Enter
wait_for "Closed meeting (CLASS)"
keys e
wait_for "< Closed: not in public exports >"
keys Tab Tab Tab Tab Tab Tab Tab
type_text "p"
wait_for "< Public >"
keys Enter
wait_gone "Closed meeting (CLASS)"
keys s
wait_for "Saved"
keys q
wait_exit >/dev/null
event_of "Youth voices on online radicalisation" | grep -q "^CLASS" &&
	{ echo "FAIL: the opened session kept its CLASS"; fail=1; }
"$DAIS" export "$prog" --format html -o "$tmp/public.html" --no-record >/dev/null || fail=1
grep -qF "Youth voices on online" "$tmp/public.html" ||
	{ echo "FAIL: the opened session is not on the public page"; fail=1; }
finish
