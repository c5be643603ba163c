#!/usr/bin/env bash
# save_external_change.sh: a programme file changed by another program
# while the planner has it open is never overwritten silently. At s the
# planner names the session that differs and offers m merge, r reload,
# a save as. Round 1: the other change is to another session: m merges and
# the file holds both changes. Round 2: it is to the session the user
# changed: no merge; a writes the user's version into a new directory and
# the originals stay as they were. Round 3: r keeps the user's version
# aside too, then shows the files as they are on disk.
. "$(dirname "$0")/lib.sh"

copy_example prog
side="$tmp/prog/programme/side-sessions.ics"

# retitle FILE OLD NEW: what another program does to a SUMMARY.
retitle() {
	/usr/bin/python3 - "$@" <<'PY'
import sys
path, old, new = sys.argv[1:]
with open(path, newline="") as f:
    text = f.read()
assert "SUMMARY:" + old in text, old
with open(path, "w", newline="") as f:
    f.write(text.replace("SUMMARY:" + old, "SUMMARY:" + new, 1))
PY
}

# session FILE UID FIELD: a property of a session, read with icalendar.
session() {
	/usr/bin/python3 - "$@" <<'PY'
import sys
from icalendar import Calendar
path, uid, field = sys.argv[1:]
with open(path, "rb") as f:
    cal = Calendar.from_ical(f.read())
for ev in cal.walk("VEVENT"):
    if str(ev.get("UID")) == uid:
        print(str(ev.get(field)))
        break
else:
    print("(no such session)")
PY
}

# expect_field FILE UID FIELD VALUE
expect_field() {
	local got
	got=$(session "$1" "$2" "$3")
	[ "$got" = "$4" ] || {
		echo "FAIL: $3 of $2 in $1 is '$got', not '$4'"
		fail=1
	}
}

# hashes DIR: of the programme's files (not the planner's own journal).
hashes() {
	(cd "$1" && find . -type f ! -name '.dais-journal*' | sort |
		xargs sha256sum)
}

youth=d2-side-youth@kuwait-2026.dushanbe-process
border=$(grep -B3 "SUMMARY:Border management in Central Asia" "$side" |
	sed -n 's/^UID:\(.*\)\r$/\1/p')
sport=$(grep -B3 "SUMMARY:Security of major sporting events" "$side" |
	sed -n 's/^UID:\(.*\)\r$/\1/p')
[ -n "$border" ] && [ -n "$sport" ] || {
	echo "FAIL: the example's sessions were not found"; exit 1; }

start "$tmp/prog"

# Round 1: the user cancels one session, somebody else retitles another.
cancel_session "Youth voices on online"
retitle "$side" "Border management in Central Asia: results and the next phase" \
	"Border management in Central Asia (revised)"
keys s
wait_for "programme/side-sessions.ics changed on disk"
expect_screen "'Border management in Central Asia: resu…' retitled"
expect_screen "(theirs)"
expect_screen "it is not one you changed"
expect_screen "m merge · r reload (yours kept aside) · a save as · Esc cancel"
keys m
wait_for "Merged: your edits are saved and theirs kept"
expect_no_screen "modified |"
expect_field "$side" "$youth" STATUS CANCELLED
expect_field "$side" "$border" SUMMARY \
	"Border management in Central Asia (revised)"
# Reloaded: their title is on screen.
keys /
type_text "Central Asia (revised)"
keys Enter
wait_for "match 1 of 1"
expect_screen "(revised)"

# Round 2: the user cancels a session somebody else retitles meanwhile.
cancel_session "Security of major"
retitle "$side" "Security of major sporting events: lessons from Qatar 2022" \
	"Security of major sporting events (moved)"
before=$(hashes "$tmp/prog")
keys s
wait_for "(you changed it too)"
expect_screen "No merge: 'Security of major sporting events: lessons from"
expect_no_screen "m merge"
# m is refused: the question stays, so the Escape after it answers it.
keys m Escape
wait_for "Not saved: your edits are still in dais"
expect_screen "modified |"
keys s
wait_for "(you changed it too)"
keys a
wait_for "Save your version in the new directory: $tmp/prog-mine-"
keys Enter
wait_for "Your version is saved in $tmp/prog-mine-"
expect_screen "modified |"
copy=$(ls -d "$tmp"/prog-mine-* | head -n 1)
[ "$(hashes "$tmp/prog")" = "$before" ] || {
	echo "FAIL: save as changed the originals"; fail=1; }
for f in conference.ini venues.ini participants.ini \
	programme/plenary.ics programme/breaks.ics programme/social.ics; do
	cmp -s "$tmp/prog/$f" "$copy/$f" || {
		echo "FAIL: the copy's $f differs from the original"; fail=1; }
done
# The copy is what the user sees: their own title, the cancellation, and
# the merged change of round 1.
expect_field "$copy/programme/side-sessions.ics" "$sport" SUMMARY \
	"Security of major sporting events: lessons from Qatar 2022"
expect_field "$copy/programme/side-sessions.ics" "$sport" STATUS CANCELLED
expect_field "$copy/programme/side-sessions.ics" "$youth" STATUS CANCELLED
expect_field "$copy/programme/side-sessions.ics" "$border" SUMMARY \
	"Border management in Central Asia (revised)"
"$DAIS" check "$copy" >/dev/null
[ $? -le 1 ] || { echo "FAIL: the copy does not load"; fail=1; }

# Round 3: r: the user's version aside again, then the disk's on screen.
keys s
wait_for "(you changed it too)"
keys r
wait_for "Reloaded from disk; your version is in $tmp/prog-mine-"
expect_no_screen "modified |"
[ "$(ls -d "$tmp"/prog-mine-* | wc -l)" = 2 ] || {
	echo "FAIL: reload did not keep the user's version aside"; fail=1; }
aside=$(ls -d "$tmp"/prog-mine-* | grep -v "^$copy\$")
expect_field "$aside/programme/side-sessions.ics" "$sport" STATUS CANCELLED
[ "$(hashes "$tmp/prog")" = "$before" ] || {
	echo "FAIL: reload changed the originals"; fail=1; }
keys /
type_text "Security of major sporting events (moved)"
keys Enter
wait_for "match 1 of 1"
keys q
status=$(wait_exit)
[ "$status" = 0 ] || { echo "FAIL: exit $status"; fail=1; }
finish
