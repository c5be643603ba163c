# load_ics_unlinked.sh: an event from another client that names a room of
# venues.ini (LOCATION) or a participant of participants.ini (ATTENDEE
# mailto: or CN) without dais's ids gets one warning per session saying
# what it most likely means, instead of a silent "no conflicts" (issue 13).
. "$(dirname "$0")/lib.sh"
ics=programme/sessions.ics
cp -r "$FIXTURES/mini" "$tmp/p"
cat >"$tmp/p/$ics" <<'EOF'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//other client//EN
BEGIN:VEVENT
UID:a@other
DTSTAMP:20261001T000000Z
SUMMARY:Opening
DTSTART;TZID=Asia/Kuwait:20261104T090000
DTEND;TZID=Asia/Kuwait:20261104T100000
LOCATION:plenary   HALL
ATTENDEE;CN=Someone:mailto:OFFICE@interior.example.kw
ATTENDEE;CN=UN Office of Counter-Terrorism:mailto:x@example.org
ATTENDEE;CN=Nobody Known:mailto:nobody@example.org
END:VEVENT
BEGIN:VEVENT
UID:b@other
DTSTAMP:20261001T000000Z
SUMMARY:Side meeting
DTSTART;TZID=Asia/Kuwait:20261104T093000
DTEND;TZID=Asia/Kuwait:20261104T103000
LOCATION:Plenary Hall
END:VEVENT
BEGIN:VEVENT
UID:c@other
DTSTAMP:20261001T000000Z
SUMMARY:Elsewhere
DTSTART;TZID=Asia/Kuwait:20261104T093000
DTEND;TZID=Asia/Kuwait:20261104T103000
LOCATION:Somewhere else
END:VEVENT
END:VCALENDAR
EOF
expect_exit 0 "$DAIS" check "$tmp/p"
expect_contains "$tmp/p/$ics:10: warning: dais checks no conflict of what this event names without a dais id: did you mean room 'hall' (LOCATION:plenary   HALL), participant 'kw-interior' (ATTENDEE Someone: same e-mail), participant 'unoct' (ATTENDEE UN Office of Counter-Terrorism: same name)? \`dais import\` links it" \
	stderr "$err"
expect_contains "$tmp/p/$ics:21: warning: dais checks no conflict of what this event names without a dais id: did you mean room 'hall' (LOCATION:Plenary Hall)?" \
	stderr "$err"
# The one nobody knows keeps its own warning; the linked ones get none.
expect_contains "$tmp/p/$ics:13: warning: ATTENDEE Nobody Known has no dais id" \
	stderr "$err"
expect_not_contains "ATTENDEE Someone has no dais id" stderr "$err"
expect_not_contains "(session c@other)" stderr "$err"
# Once per session.
[ "$(grep -c "did you mean" "$tmp/err")" = 2 ] ||
	{ echo "FAIL: not one warning per session"; cat "$tmp/err"; fail=1; }
# The example, whose events carry their ids, gets none.
expect_exit 1 "$DAIS" check "$SRCDIR/data/kuwait-2026"
expect_not_contains "did you mean" stderr "$err"
finish
