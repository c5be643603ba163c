# all_day_outputs.sh: an all-day item (DTSTART;VALUE=DATE) reads "all day"
# in a participant's programme (runsheet --for) on each day it covers, and
# in the frab and HTML exports, never as 00:00-00:00 (issue 13 item 1).
. "$(dirname "$0")/lib.sh"
ics=programme/sessions.ics
p=$(programme_copy "$FIXTURES/mini")
# A two-day arrival the Minister of Interior of Kuwait chairs, in the hall.
sed -i '/^END:VCALENDAR/d' "$p/$ics"
cat >>"$p/$ics" <<'EOF'
BEGIN:VEVENT
UID:arrival@mini
DTSTAMP:20261001T000000Z
SUMMARY:Arrival of delegations
DTSTART;VALUE=DATE:20261104
DTEND;VALUE=DATE:20261106
LOCATION:Plenary Hall
X-DAIS-ROOM:hall
ATTENDEE;CN=Minister of Interior — Kuwait;ROLE=CHAIR;X-DAIS-ID=kw-interior:urn:x-dais:kw-interior
END:VEVENT
END:VCALENDAR
EOF

# The participant's programme: "all day" on both days, no midnights.
expect_exit 0 "$DAIS" runsheet "$p" --for kw-interior
expect_contains "all day      Arrival of delegations
             all day, day 1 of 2 · SESSION · CONFIRMED" stdout "$out"
expect_contains "all day      Arrival of delegations
             all day, day 2 of 2 · SESSION · CONFIRMED" stdout "$out"
expect_not_contains "00:00" stdout "$out"
expect_not_contains "continued from" stdout "$out"
finish
