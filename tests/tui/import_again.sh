#!/usr/bin/env bash
# import_again.sh: a calendar imported with I can be updated from its
# source (review3 finding 16). I writes, at the save, the import's file
# with its record as `dais import` does (programme/import-NAME.ics, listed
# in conference.ini's files), so `dais import` takes the delegation's
# re-sent calendar; and I on an already imported source updates it as
# `dais import` does: one undoable edit, the same report. A change made in
# dais meanwhile is kept.
. "$(dirname "$0")/lib.sh"

copy_example prog
D="$tmp/prog"
src="$tmp/courtesy.ics"
# An Outlook invitation: a courtesy call in a room named exactly, the
# Kuwaiti minister by e-mail (his Arabic name as CN).
write_source() {
	cat >"$src" <<ICS
BEGIN:VCALENDAR
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
VERSION:2.0
BEGIN:VEVENT
UID:courtesy-call-0001@mfa.example.tj
DTSTAMP:20261020T080000Z
DTSTART;TZID=Asia/Kuwait:20261104T080000
DTEND;TZID=Asia/Kuwait:20261104T084500
SUMMARY:Courtesy call: Tajikistan on Kuwait
CATEGORIES:BILATERAL
DESCRIPTION:$1
LOCATION:Press Briefing Room
ATTENDEE;CN="وزير الداخلية — الكويت";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:minister.office@interior.example.kw
SEQUENCE:0
END:VEVENT
BEGIN:VEVENT
UID:working-lunch-0002@mfa.example.tj
DTSTAMP:20261020T080000Z
DTSTART;TZID=Asia/Kuwait:20261105T130000
DTEND;TZID=Asia/Kuwait:20261105T140000
SUMMARY:Рабочий обед делегаций
LOCATION:Press Briefing Room
SEQUENCE:0
END:VEVENT
END:VCALENDAR
ICS
}
write_source "Courtesy call of the Minister of Internal Affairs."
imported="$D/programme/import-courtesy.ics"

start "$D" 120 40
wait_for "Main Pl"
keys I
wait_for "Import calendar (.ics file):"
type_text "$src"
keys Enter
wait_joined "Imported $src as one edit: 2 new sessions, 0 updated from the source (u undoes it; s saves it into programme/import-courtesy.ics, as dais import writes it)."
wait_joined "$src: 2 events go, when saved, to programme/import-courtesy.ics"
# dais import's line about bilaterals that come in public (one report).
wait_joined "$src: 1 bilateral event comes in public (CLASS:PUBLIC or none) and will be in the public exports"
keys Space
wait_gone "Any key closes this."
[ -e "$imported" ] && { echo "FAIL: the import's file was written before the save"; fail=1; }
keys s
wait_for "Saved"
grep -q "^X-DAIS-IMPORT-SOURCE:$src" "$imported" ||
	{ echo "FAIL: the import's file does not record its source"; fail=1; }
[ "$(grep -c '^X-DAIS-IMPORTED' "$imported")" = 2 ] ||
	{ echo "FAIL: the import's file does not record its 2 events"; fail=1; }
grep -q 'programme/import-courtesy.ics' "$D/conference.ini" ||
	{ echo "FAIL: conference.ini's files do not list the import"; fail=1; }
grep -q 'courtesy-call-0001' "$D/programme/side-sessions.ics" &&
	{ echo "FAIL: the import went to the new-sessions file"; fail=1; }
"$DAIS" check "$D" >/dev/null 2>&1
[ $? -le 1 ] || { echo "FAIL: the programme does not load after the save"; fail=1; }

# The delegation re-sends it with a new description: dais import takes it
# as an update of the planner's import, not as a duplicate.
write_source "Revised: courtesy call of the Minister, with the ambassador."
out=$("$DAIS" import --dry-run "$src" "$D" 2>&1)
echo "$out" | grep -qF "2 events would go to programme/import-courtesy.ics (replacing an earlier import's: 1 updated from the source)" ||
	{ echo "FAIL: dais import does not update the planner's import: $out"; fail=1; }

# I on the same source: the same update, as one edit, the same report.
keys I
wait_for "Import calendar (.ics file):"
type_text "$src"
keys Enter
wait_joined "Imported $src as one edit: 0 new sessions, 1 updated from the source"
wait_joined "$src: 2 events go, when saved, to programme/import-courtesy.ics (replacing an earlier import's: 1 updated from the source)"
keys Space
wait_gone "Any key closes this."
wait_for "Revised: courtesy call"
keys u
wait_for "Undone: Imported courtesy.ics into programme/import-courtesy.ics"
wait_for "Courtesy call of the Minister of"
keys C-r
wait_for "Redone: Imported courtesy.ics"
wait_for "Revised: courtesy call"
# Moved in dais before the save: the move is the organiser's.
keys J
wait_for "08:15-09:00"
keys s
wait_for "Saved"
grep -q 'Revised: courtesy call' "$imported" ||
	{ echo "FAIL: the update was not saved into the import's file"; fail=1; }
grep -q 'DTSTART;TZID=Asia/Kuwait:20261104T081500' "$imported" ||
	{ echo "FAIL: the move made after the import was not saved"; fail=1; }
# Next time the source is unchanged: the move is kept as dais's.
out=$("$DAIS" import --dry-run "$src" "$D" 2>&1)
echo "$out" | grep -qF "(replacing an earlier import's: 1 kept as changed in dais)" ||
	{ echo "FAIL: the record does not tell the move from the source: $out"; fail=1; }

# An import undone before the save writes nothing.
cp "$src" "$tmp/other.ics"
sed -i 's/@mfa.example.tj/@other.example.tj/' "$tmp/other.ics"
cp "$D/conference.ini" "$tmp/conference.before"
keys I
wait_for "Import calendar (.ics file):"
type_text "$tmp/other.ics"
keys Enter
wait_for "Any key closes this."
keys Space
keys u
wait_for "Undone: Imported other.ics"
keys s
wait_for "Nothing to save."
[ -e "$D/programme/import-other.ics" ] &&
	{ echo "FAIL: an undone import was written"; fail=1; }
cmp -s "$tmp/conference.before" "$D/conference.ini" ||
	{ echo "FAIL: an undone import changed conference.ini"; fail=1; }
keys q
[ "$(wait_exit)" = 0 ] || { echo "FAIL: the planner did not exit 0"; fail=1; }
finish
