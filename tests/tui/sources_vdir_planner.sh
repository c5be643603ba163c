#!/usr/bin/env bash
# sources_vdir_planner.sh: the planner on a programme whose `files` is a khal vdir
# (one event per file, issue 13 item 2). A session made in the planner is
# saved as calendar/<uid>.ics; deleting a session removes its file; a file
# another client adds and one it removes while the planner is open are
# named at the next save, merged with the user's edit, and shown after a
# reload.
. "$(dirname "$0")/lib.sh"

cp -r "$FIXTURES/vdir-khal" "$tmp/prog"
cal="$tmp/prog/calendar"
opening=T94YBXD5UZ019K7PXU8V4K5ESMEZFNMG9G2R
closing=89G4B3WEOD2QP7O0CZ6V71JW2MOLKMDLVER6

start "$tmp/prog"
wait_for "[1 Wed 4 Nov]"

# A new session: its own file, named by its UID.
keys c
wait_for "New session"
type_text "Briefing for floor managers — إحاطة"
keys Tab Tab Tab C-u
type_text "1900"
keys Tab C-u
type_text "+45m"
keys Enter
wait_for "Created 'Briefing for floor managers"
keys s
wait_for "Saved 1 changed session to calendar/"
made=$(grep -l "SUMMARY:Briefing for floor managers" "$cal"/*.ics)
if [ "$(echo "$made" | wc -l)" != 1 ] || [ -z "$made" ]; then
	echo "FAIL: no one file holds the new session: '$made'"; fail=1
else
	uid=$(sed -n 's/^UID:\(.*\)\r$/\1/p' "$made")
	[ "$made" = "$cal/$uid.ics" ] ||
		{ echo "FAIL: the new session's file is $made, its UID $uid"; fail=1; }
	[ "$(grep -c BEGIN:VEVENT "$made")" = 1 ] ||
		{ echo "FAIL: $made holds more than its event"; fail=1; }
fi
[ "$(ls "$cal" | wc -l)" = 6 ] || { echo "FAIL: calendar/ has $(ls "$cal")"; fail=1; }

# Deleting a session alone in its file removes the file.
keys /
type_text "Opening plenary"
keys Enter
wait_for "Opening plenary"
keys X
wait_for "Delete"
keys y
wait_for "Deleted"
keys s
wait_for "Saved 1 changed session to calendar/$opening.ics"
[ -e "$cal/$opening.ics" ] && { echo "FAIL: $opening.ics is still there"; fail=1; }
[ "$(ls "$cal" | wc -l)" = 5 ] || { echo "FAIL: calendar/ has $(ls "$cal")"; fail=1; }

# Another client (vdirsyncer, khal) adds one event and removes another
# while the planner is open; the user retitles a third.
sed -e "s/^UID:$closing/UID:added-by-khal/" \
	-e "s/^SUMMARY:Closing plenary.*/SUMMARY:Press conference/" \
	"$cal/$closing.ics" >"$cal/added-by-khal.ics"
rm "$cal/$closing.ics"
cancel_session "Side session: border data"
keys s
wait_joined "2 files changed on disk since dais read them"
wait_joined "calendar/added-by-khal.ics"
wait_joined "calendar/$closing.ics"
expect_screen "m merge"
keys m
wait_joined "Merged: your edits are saved and theirs kept"
grep -q "STATUS:CANCELLED" "$cal/WSQ77EQ1V08K3CGFY6AAC4WG0J742Z0NEXXG.ics" ||
	{ echo "FAIL: the user's cancellation was not saved"; fail=1; }
grep -q "SUMMARY:Press conference" "$cal/added-by-khal.ics" ||
	{ echo "FAIL: their new file was changed"; fail=1; }
[ -e "$cal/$closing.ics" ] && { echo "FAIL: their removal was undone"; fail=1; }
# Both sides on screen: theirs added, theirs removed.
keys 2
wait_for "[2 Thu 5 Nov]"
wait_for "Press conference"
expect_no_screen "Closing plenary"

# With no edits of the user's, a file added is loaded at s with r.
sed -e "s/^UID:added-by-khal/UID:added-again/" \
	-e "s/^SUMMARY:Press conference/SUMMARY:Departure briefing/" \
	"$cal/added-by-khal.ics" >"$cal/added-again.ics"
keys s
wait_joined "No edits of yours to save: 1 file changed on disk"
wait_joined "calendar/added-again.ics"
keys r
wait_for "Reloaded"
wait_for "Departure"
keys q
wait_exit >/dev/null

# conference.ini still names the directory, not its files.
grep -q '^files = "calendar"$' "$tmp/prog/conference.ini" ||
	{ echo "FAIL: conference.ini's files changed"; fail=1; }
[ "$fail" = 0 ] && echo ok || echo FAILED
exit "$fail"
