# load_all_day.sh: all-day items (DTSTART;VALUE=DATE) load as items of
# their day(s): in no conflict, on the run-sheet's first lines, exported as
# dates; a DTEND with a time after a date DTSTART is refused (issue 13).
. "$(dirname "$0")/lib.sh"
ics=programme/sessions.ics
cp -r "$FIXTURES/mini" "$tmp/p"
# Before END:VCALENDAR: an arrival day in the plenary hall, which the
# opening plenary also uses at 09:00 (no clash: an all-day item holds no
# room), a two-day exhibition with no end but a DURATION, and one with no
# end at all (one day, RFC 5545).
sed -i '/^END:VCALENDAR/d' "$tmp/p/$ics"
cat >>"$tmp/p/$ics" <<'EOF'
BEGIN:VEVENT
UID:arrival@mini
DTSTAMP:20261001T000000Z
SUMMARY:Arrival of delegations
DTSTART;VALUE=DATE:20261104
DTEND;VALUE=DATE:20261105
LOCATION:Plenary Hall
X-DAIS-ROOM:hall
ATTENDEE;CN=Minister of Interior — Kuwait;ROLE=CHAIR;X-DAIS-ID=kw-interior:urn:x-dais:kw-interior
END:VEVENT
BEGIN:VEVENT
UID:exhibition@mini
DTSTAMP:20261001T000000Z
SUMMARY:Border technology exhibition
DTSTART;VALUE=DATE:20261104
DURATION:P2D
END:VEVENT
BEGIN:VEVENT
UID:departure@mini
DTSTAMP:20261001T000000Z
SUMMARY:Departures
DTSTART;VALUE=DATE:20261105
END:VEVENT
END:VCALENDAR
EOF
cp "$tmp/p/$ics" "$tmp/before.ics"

# mini's one conflict, no more; no message about the all-day items.
expect_exit 1 "$DAIS" check "$tmp/p"
expect_contains "Mini Conference: 6 sessions, 1 error, 0 warnings." stdout "$out"
expect_not_contains "arrival@mini" stdout "$out"
expect_not_contains "exhibition@mini" stdout "$out"
expect_not_contains "warning" stderr "$err"
expect_not_contains "error" stderr "$err"

# The run-sheet: a line at the top of each day they cover.
expect_exit 0 "$DAIS" runsheet "$tmp/p" --day 2026-11-04
expect_contains "All day: Arrival of delegations (Plenary Hall (Main Building)); Border
         technology exhibition" \
	stdout "$out"
expect_contains "2 sessions; 1 conflict" stdout "$out"
expect_exit 0 "$DAIS" runsheet "$tmp/p" --day 2026-11-05
expect_contains "All day: Border technology exhibition; Departures" stdout "$out"
expect_not_contains "Arrival" stdout "$out"
# A room's sheet lists the room's own.
expect_exit 0 "$DAIS" runsheet "$tmp/p" --day 2026-11-04 --room hall
expect_contains "All day: Arrival of delegations" stdout "$out"
expect_not_contains "exhibition" stdout "$out"

# Exported as dates, not as midnights in a zone.
expect_exit 0 "$DAIS" export "$tmp/p" -o "$tmp/out.ics"
out=$(tr -d '\r' <"$tmp/out.ics")
expect_contains "DTSTART;VALUE=DATE:20261104
DTEND;VALUE=DATE:20261105" export "$out"
expect_contains "DTSTART;VALUE=DATE:20261104
DTEND;VALUE=DATE:20261106" export "$out"
expect_contains "DTSTART;VALUE=DATE:20261105
DTEND;VALUE=DATE:20261106" export "$out"
# ... and the export loads back as the same all-day items.
cp -r "$FIXTURES/mini" "$tmp/back"
cp "$tmp/out.ics" "$tmp/back/$ics"
expect_exit 0 "$DAIS" runsheet "$tmp/back" --day 2026-11-05
expect_contains "All day: Border technology exhibition; Departures" stdout "$out"

# Nothing above wrote into the programme.
cmp -s "$tmp/before.ics" "$tmp/p/$ics" || { echo "FAIL: the file changed"; fail=1; }

# A date DTSTART with a DTEND that has a time is refused, at DTEND's line.
sed -i 's/^DTEND;VALUE=DATE:20261105$/DTEND;TZID=Asia\/Kuwait:20261104T180000/' \
	"$tmp/p/$ics"
expect_exit 2 "$DAIS" check "$tmp/p"
line=$(grep -n '^DTEND;TZID=Asia/Kuwait:20261104T180000' "$tmp/p/$ics" | cut -d: -f1)
expect_contains "$tmp/p/$ics:$line: error: DTEND;TZID=Asia/Kuwait:20261104T180000 has a time, but DTSTART is a date (an all-day item); write DTEND as a date too, e.g. DTEND;VALUE=DATE:20261105" \
	stderr "$err"
finish
