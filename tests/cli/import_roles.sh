# import_roles.sh: Outlook, Exchange and Google mark every required invitee
# ROLE=REQ-PARTICIPANT (RFC 5545's default), which says nothing about
# speaking; dais reads it as a speaker in its own files. An imported
# invitee linked to a participant comes in as a participant, the chair
# (ROLE=CHAIR) as the chair, and the report says so (review3 finding 2):
# the public page, the run-sheet and the minister's own programme list no
# speaker. So does a line the organiser linked by adding X-DAIS-ID, as the
# import's advice says (review4 finding 2); only a calendar dais wrote
# (PRODID -//dais//) keeps its roles.
. "$(dirname "$0")/lib.sh"
D=$(programme_copy "$SRCDIR/data/kuwait-2026")
printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN' METHOD:REQUEST \
	BEGIN:VEVENT UID:courtesy@mfa.example.tj DTSTAMP:20261001T000000Z 'SUMMARY:Courtesy call: Tajikistan on Kuwait' \
	'DTSTART;TZID=Asia/Kuwait:20261104T080000' 'DTEND;TZID=Asia/Kuwait:20261104T084500' \
	'LOCATION:Bilateral Meeting Room' \
	'ATTENDEE;CN="وزير الداخلية — الكويت";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:minister.office@interior.example.kw' \
	'ATTENDEE;CN="Министр внутренних дел";ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:minister.office@vkd.example.tj' \
	'ATTENDEE;CN=UNOCT;ROLE=REQ-PARTICIPANT;CUTYPE=GROUP;X-DAIS-ID=unoct-usg:mailto:usg.office@unoct.example.org' \
	END:VEVENT END:VCALENDAR >"$tmp/outlook.ics"
expect_exit 0 "$DAIS" import "$tmp/outlook.ics" "$D"
expect_contains "outlook.ics: 2 attendees marked required (ROLE=REQ-PARTICIPANT, as Outlook, Exchange and Google mark every invitee) come in as participants, not speakers; ROLE=CHAIR comes in as the chair" stdout "$out"
w=$(tr -d '\r\n ' <"$D/programme/import-outlook.ics")
expect_contains "ROLE=OPT-PARTICIPANT;PARTSTAT=ACCEPTED;X-DAIS-ID=kw-interior" file "$w"
expect_contains "ROLE=CHAIR;PARTSTAT=ACCEPTED;X-DAIS-ID=tj-interior" file "$w"
expect_contains "ROLE=OPT-PARTICIPANT;CUTYPE=GROUP;X-DAIS-ID=unoct-usg" file "$w"
expect_exit 0 "$DAIS" runsheet "$D" --for kw-interior
sheet=$(echo "$out" | sed -n '/Courtesy call/,/^$/p')
expect_contains "Role            Participant" stdout "$sheet"
expect_not_contains "Speaker" stdout "$sheet"
expect_exit 0 "$DAIS" runsheet "$D" --day 2026-11-04
sheet=$(echo "$out" | sed -n '/Courtesy call/,/^$/p')
expect_contains "Chair           Minister of Internal Affairs — Tajikistan" stdout "$sheet"
expect_not_contains "Minister of Interior — Kuwait" stdout "$(echo "$sheet" | grep -A1 Speakers)"

# A calendar dais wrote keeps its speaker.
sed -e 's|^PRODID:.*|PRODID:-//dais//dais 0.1.0//EN\r|' -e 's/courtesy@mfa/speaker@mfa/' \
	"$tmp/outlook.ics" >"$tmp/from-dais.ics"
expect_exit 0 "$DAIS" import "$tmp/from-dais.ics" "$D"
w=$(tr -d '\r\n ' <"$D/programme/import-from-dais.ics")
expect_contains "ROLE=REQ-PARTICIPANT;CUTYPE=GROUP;X-DAIS-ID=unoct-usg" file "$w"
finish
