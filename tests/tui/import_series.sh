#!/usr/bin/env bash
# import_series.sh: I takes a repeating Outlook event in whole, and asks
# about the room of the series and of its moved occurrence apart: each
# answer links only its own event (the series to the Banquet Hall, the
# moved Thursday briefing left unlinked). The save writes the series, its
# override and their alarm into programme/import-outlook-recurring.ics, as
# dais import would.
. "$(dirname "$0")/lib.sh"

copy_example prog
F="$tmp/prog/programme/import-outlook-recurring.ics"
# event_of TITLE: the unfolded VEVENT whose SUMMARY is TITLE.
event_of() {
	tr -d '\r' <"$F" | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g' |
		awk -v t="$1" '/^BEGIN:VEVENT/ { b = ""; on = 1 }
			on { b = b $0 "\n" } $0 ~ ":" t "$" && /^SUMMARY/ { hit = 1 }
			/^END:VEVENT/ { if (hit) printf "%s", b; on = 0; hit = 0 }'
}

start "$tmp/prog" 120 40
wait_for "Main Pl"
keys I
wait_for "Import calendar (.ics file):"
type_text "$FIXTURES/other-clients/outlook-recurring.ics"
keys Enter
wait_for "Import 1 of 2: outlook-recurring.ics says LOCATION"
wait_for "The event: 'Heads of delegation briefing' (a series from Wed 4 Nov 2026 08:30)"
type_text "Banquet"
wait_for "1 of 10"
keys Enter
wait_for "Import 2 of 2: outlook-recurring.ics says LOCATION"
wait_for "The event: 'Heads of delegation briefing (later)' (Thu 5 Nov 2026 09:00)"
type_text "leave"
wait_for "1 of 10"
keys Enter
wait_joined "as one edit: 2 new sessions, 0 updated from the source"
wait_joined "1 left unlinked by your answer."
keys Space
wait_gone "Any key closes this."
keys s
wait_for "Saved programme/import-outlook-recurring.ics as dais import writes it."
head=$(event_of "Heads of delegation briefing")
later=$(event_of "Heads of delegation briefing \\(later\\)")
echo "$head" | grep -q '^X-DAIS-ROOM:banquet$' ||
	{ echo "FAIL: the series is not in the room chosen: $head"; fail=1; }
echo "$head" | grep -q '^RRULE:FREQ=DAILY;COUNT=2$' ||
	{ echo "FAIL: the series lost its RRULE: $head"; fail=1; }
echo "$head" | grep -q '^BEGIN:VALARM$' ||
	{ echo "FAIL: the series lost its alarm: $head"; fail=1; }
echo "$later" | grep -q '^RECURRENCE-ID' ||
	{ echo "FAIL: the moved occurrence is not written: $later"; fail=1; }
echo "$later" | grep -q 'X-DAIS-ROOM' &&
	{ echo "FAIL: the occurrence left unlinked got a room: $later"; fail=1; }
"$DAIS" import --dry-run "$FIXTURES/other-clients/outlook-recurring.ics" "$tmp/prog" >"$tmp/again" 2>&1
grep -qF "2 events would go to programme/import-outlook-recurring.ics (replacing an earlier import's)" "$tmp/again" ||
	{ echo "FAIL: dais import does not take it as the same import:"; cat "$tmp/again"; fail=1; }
keys q
[ "$(wait_exit)" = 0 ] || { echo "FAIL: the planner did not exit 0"; fail=1; }
finish
