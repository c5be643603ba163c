# import_again_fields.sh: a delegation re-sends its calendar with only the
# description changed, while the organiser moved the meeting and added an
# ambassador in dais. Importing it again keeps dais's version and names
# what the source changed, with its old and new text, so that the change
# can be made in dais (review3 finding 15); not the source's time, title
# and room, which it always had. A record written before dais kept each
# field's fingerprint still gets a message, which says it cannot tell.
. "$(dirname "$0")/lib.sh"
D=$(programme_copy "$SRCDIR/data/kuwait-2026")
F="$D/programme/import-courtesy.ics"
# courtesy DESCRIPTION: the delegation's calendar.
courtesy() {
	printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN' \
		BEGIN:VEVENT UID:courtesy-0001@mfa.example.tj DTSTAMP:20261001T000000Z \
		'SUMMARY:Courtesy call: Tajikistan on Kuwait' \
		'DTSTART;TZID=Asia/Kuwait:20261104T080000' 'DTEND;TZID=Asia/Kuwait:20261104T084500' \
		"DESCRIPTION:$1" 'LOCATION:Bilateral Meeting Room' \
		'ATTENDEE;CN="Вазири корҳои дохилӣ";ROLE=REQ-PARTICIPANT:mailto:minister.office@vkd.example.tj' \
		END:VEVENT END:VCALENDAR >"$tmp/courtesy.ics"
}
courtesy 'Courtesy call of the Minister of Internal Affairs.'
expect_exit 0 "$DAIS" import "$tmp/courtesy.ics" "$D"
# In dais, as the planner saves it: moved to 08:15, an ambassador added.
/usr/bin/python3 - "$F" <<'PY'
import sys
p = sys.argv[1]
s = open(p, newline="").read()
s = s.replace("T080000\r\n", "T081500\r\n", 1).replace("T084500\r\n", "T090000\r\n", 1)
s = s.replace("LOCATION:Bilateral Meeting Room\r\n", "LOCATION:Bilateral Meeting Room\r\nATTENDEE;CN=Ambassador;ROLE=OPT-PARTICIPANT;X-DAIS-ID=kw-amb-tj:urn:x-dais:kw-amb-tj\r\n", 1)
open(p, "w", newline="").write(s)
PY
courtesy 'Revised: courtesy call of the Minister, with the Ambassador of Kuwait.'
expect_exit 0 "$DAIS" import --dry-run "$tmp/courtesy.ics" "$D"
expect_contains "'Courtesy call: Tajikistan on Kuwait': changed in dais and in the source since the last import: kept dais's; the source changed DESCRIPTION from 'Courtesy call of the Minister of Internal Affairs.' to 'Revised: courtesy call of the Minister, with the Ambassador of Kuwait.': make that change in dais if it is wanted" stdout "$out"
expect_not_contains "DTSTART" stdout "$out"
expect_not_contains "ATTENDEE" stdout "$out"
# An import file from before the fields were recorded: said, not guessed.
/usr/bin/python3 - "$F" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, newline="").read().replace("\r\n ", "")
s = re.sub(r";X-SOURCE-FIELDS=[^:]*", "", s)
open(p, "w", newline="").write(s)
PY
tr -d '\r' <"$F" | grep -q 'X-SOURCE-FIELDS' && { echo "FAIL: the test did not strip the fields"; fail=1; }
expect_exit 0 "$DAIS" import --dry-run "$tmp/courtesy.ics" "$D"
expect_contains "kept dais's; the source now has 2026-11-04 08:00-08:45, 'Courtesy call: Tajikistan on Kuwait', LOCATION 'Bilateral Meeting Room' (the last import did not record its fields, so which changed is not known)" stdout "$out"
finish
