#!/usr/bin/env bash
# import_closest.sh: I in the planner imports an Outlook calendar through
# the import engine (issue 13 item 3): a missing file is refused in the
# prompt, naming it; the LOCATION linked by the closest name only
# ("Plenary Hall" -> Main Plenary Hall) is a question, answered here with
# another room; the sessions come in as one edit that the save writes into
# the import's own file (as dais import does) and one undo removes; read
# again, it says the programme has its events already; the source file is
# never changed.
. "$(dirname "$0")/lib.sh"

copy_example prog
cp "$FIXTURES/other-clients/outlook.ics" "$tmp/outlook.ics"
cp "$tmp/outlook.ics" "$tmp/outlook.orig"
uid=040000008200E00074C5B7101A82E0080000000010B0F8BE5A52DB01000000000000000010000000E7C3A5F5D9E7D34C8E6F1B0A0C2D3E4F
new_file="$tmp/prog/programme/import-outlook.ics"
# Unfolded, without CRs: the VEVENT of the imported opening plenary.
block_of() {
	tr -d '\r' <"$1" | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g' |
		awk -v uid="UID:$uid" '/^BEGIN:VEVENT/ { b = ""; on = 1 }
			on { b = b $0 "\n" } $0 == uid { hit = 1 }
			/^END:VEVENT/ { if (hit) printf "%s", b; on = 0; hit = 0 }' 
}

start "$tmp/prog" 120 40
wait_for "Main Pl"
# A file that is not there: said in the prompt, which stays.
keys I
wait_for "Import calendar (.ics file):"
type_text "$tmp/missing.ics"
keys Enter
wait_for "$tmp/missing.ics: error: cannot read this calendar"
# One cut short: the file and the line where it ends.
keys C-u
type_text "$FIXTURES/other-clients/outlook-truncated.ics"
keys Enter
wait_for "outlook-truncated.ics:40: error: the calendar ends here without"
keys C-u
type_text "$tmp/outlook.ics"
keys Enter
# The closest-name link is asked about: the proposed room first.
wait_for "Import 1 of 1: outlook.ics says LOCATION 'Plenary Hall': which room?"
wait_for "The event: 'Opening plenary' (Wed 4 Nov 2026 09:00). The closest room name is proposed"
wait_for "Main Plenary Hall"
wait_for "plenary, the closest name"
wait_for "(leave it unlinked)"
wait_for "LOCATION 'Plenary Hall' linked to room 'Main Plenary Hall' (plenary)."
# Another room, found by typing.
type_text "Banquet"
wait_for "1 of 10"
keys Enter
# What came in, and what could not be linked.
wait_joined "Imported $tmp/outlook.ics as one edit: 2 new sessions, 0 updated from the source (u undoes it; s saves it into programme/import-outlook.ics, as dais import writes it)."
wait_joined "'Border data side session' (Thu 5 Nov 2026 11:00): LOCATION 'Side Room' is not linked: it could be room"
keys Space
wait_gone "Any key closes this."
wait_for "Imported 2 new and 0 updated sessions from outlook.ics."
# The planner shows it in the room chosen.
wait_for "| Opening plenary"
wait_for "Room: Banquet Hall"
keys s
wait_for "Saved programme/import-outlook.ics as dais import writes it."
block=$(block_of "$new_file")
echo "$block" | grep -q '^X-DAIS-ROOM:banquet$' ||
	{ echo "FAIL: the saved session is not in the room chosen: $block"; fail=1; }
echo "$block" | grep -q '^LOCATION:Plenary Hall$' ||
	{ echo "FAIL: LOCATION is not kept as written: $block"; fail=1; }
echo "$block" | grep -q '^BEGIN:VALARM$' ||
	{ echo "FAIL: the event is not kept whole (its alarm): $block"; fail=1; }
echo "$block" | grep -q '^DTSTART;TZID=Asia/Kuwait:20261104T090000$' ||
	{ echo "FAIL: the start is not the Outlook one: $block"; fail=1; }
grep -q "^X-DAIS-ROOM:plenary" <(block_of "$new_file") &&
	{ echo "FAIL: the proposed room was written"; fail=1; }
# The same calendar again: an import of it again, which finds nothing
# to take (not that the file has no event, nor a duplicate).
keys I
wait_for "Import calendar (.ics file):"
type_text "$tmp/outlook.ics"
keys Enter
wait_joined "Nothing to take from $tmp/outlook.ics: the programme has what it gives."
wait_joined "$tmp/outlook.ics: 2 events are in programme/import-outlook.ics (replacing an earlier import's)"
keys Space
wait_gone "Any key closes this."

# One undo removes the whole import; saved, the file no longer has it.
keys u
wait_for "Undone: Imported outlook.ics"
expect_no_screen "Room: Banquet Hall"
keys s
wait_for "Saved 2 changed sessions to programme/import-outlook.ics"
grep -q "^UID:.*E7C3A5F5D9E7D34C" "$new_file" &&
	{ echo "FAIL: the undone import is still in the file"; fail=1; }
grep -q "^UID:.*AA11BB22CC33DD44EE55FF6600778899" "$new_file" &&
	{ echo "FAIL: the second imported session is still in the file"; fail=1; }

# Deleted in dais, they stay deleted when the source is imported again
# (dais import's rule); a copy elsewhere is another source, imported anew,
# taking the proposed room (Enter): the proposal is what is linked.
keys I
wait_for "Import calendar (.ics file):"
type_text "$tmp/outlook.ics"
keys Enter
wait_joined "was deleted in dais since the last import: left out, so it stays deleted"
keys Space
wait_gone "Any key closes this."
mkdir "$tmp/again"
cp "$tmp/outlook.ics" "$tmp/again/outlook.ics"
keys I
wait_for "Import calendar (.ics file):"
type_text "$tmp/again/outlook.ics"
keys Enter
wait_for "which room?"
keys Enter
wait_for "Any key closes this."
keys Space
wait_for "Room: Main Plenary Hall"
# Esc on the question stops the import with nothing imported.
keys u
wait_for "Undone: Imported outlook.ics"
keys I
type_text "$tmp/again/outlook.ics"
keys Enter
wait_for "which room?"
keys Escape
wait_for "Import stopped: nothing imported."
keys q
# Asked about unsaved edits or not (the undo left none), quit unsaved.
sleep 0.3
screen | grep -qF "Save before quitting" && keys n
[ "$(wait_exit)" = 0 ] || { echo "FAIL: the planner did not exit 0"; fail=1; }
cmp -s "$tmp/outlook.orig" "$tmp/outlook.ics" ||
	{ echo "FAIL: the source calendar changed"; fail=1; }
finish
