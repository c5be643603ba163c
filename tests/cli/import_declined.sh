# import_declined.sh: an invitation lists every invitee with PARTSTAT; one
# who declined is not assigned by dais import (review finding 11), is named
# in its report, and dais check then neither double-books nor hints them.
. "$(dirname "$0")/lib.sh"
D=$(programme_copy "$SRCDIR/data/kuwait-2026")
printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:-//rv//EN METHOD:REQUEST \
	BEGIN:VEVENT UID:declined@rv DTSTAMP:20261001T000000Z 'SUMMARY:Working lunch' \
	'DTSTART;TZID=Asia/Kuwait:20261104T093000' 'DTEND;TZID=Asia/Kuwait:20261104T103000' \
	'LOCATION:Press Briefing Room' \
	'ATTENDEE;CN=Kuwait minister office;PARTSTAT=DECLINED;ROLE=REQ-PARTICIPANT:mailto:minister.office@interior.example.kw' \
	'ATTENDEE;CN=UN Office of Counter-Terrorism;PARTSTAT=ACCEPTED:mailto:usg.office@unoct.example.org' \
	END:VEVENT END:VCALENDAR >"$tmp/declined.ics"
expect_exit 0 "$DAIS" import "$tmp/declined.ics" "$D"
expect_contains "'Working lunch' (Wed 4 Nov 2026 09:30): ATTENDEE Kuwait minister office mailto:minister.office@interior.example.kw declined (PARTSTAT=DECLINED): not assigned (participant 'kw-interior')" stdout "$out"
expect_contains "1 room and 1 person linked, 0 not linked, 1 declined" stdout "$out"
w=$(tr -d '\r\n ' <"$D/programme/import-declined.ics")
expect_contains "PARTSTAT=DECLINED;ROLE=REQ-PARTICIPANT:mailto:minister.office@interior.example.kw" file "$w"
expect_contains "X-DAIS-ID=unoct-usg" file "$w"
"$DAIS" check "$D" >"$tmp/out" 2>"$tmp/err"
expect_contains "Under-Secretary-General, UNOCT is in 'Working lunch'" stdout "$(cat "$tmp/out")"
expect_not_contains "Kuwait is in 'Working lunch'" stdout "$(cat "$tmp/out")"
expect_not_contains "minister.office" stderr "$(cat "$tmp/err")"
finish
