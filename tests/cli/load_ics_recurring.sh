# load_ics_recurring.sh: RRULE, RDATE, EXDATE and overrides expand within
# the conference days; a rule that would run away stops with a warning; a
# series with no occurrence on a conference day and an override of no
# occurrence are said, not dropped in silence.
. "$(dirname "$0")/lib.sh"
dir="$FIXTURES/load-ics"
ics=programme/sessions.ics

# mini's three, four coffee breaks (one moved, one removed, one added),
# the Thursday of a weekly briefing that began in 2020, and two of five
# daily consultations.
expect_exit 1 "$DAIS" check "$dir/recurring"
[ -z "$err" ] || { echo "FAIL: recurring warned: $err"; fail=1; }
expect_contains "Mini Conference: 10 sessions" stdout "$out"

expect_exit 1 "$DAIS" check "$dir/recurring-runaway"
expect_contains "$dir/recurring-runaway/$ics:49: warning: the RRULE makes more than 10000 occurrences before the conference ends; dais stops there" \
	stderr "$err"
expect_contains "add COUNT or UNTIL (session ticker@mini)" stderr "$err"
# One series keeps at most 1 000 sessions (ICS_MAX_SERIES_SESSIONS): each
# could clash with every other, and the conflict check would grow with the
# square.
expect_contains "$dir/recurring-runaway/$ics:43: warning: this recurring session makes more than 1000 sessions on the conference days; dais keeps the first 1000 and leaves out those from 2026-11-04T08:16:40+03:00 on" \
	stderr "$err"
expect_contains "Mini Conference: 1003 sessions" stdout "$out"

# Hourly: most likely FREQ=DAILY mistyped; said once, at the rule.
expect_exit 1 "$DAIS" check "$dir/recurring-hourly"
expect_contains "$dir/recurring-hourly/$ics:50: warning: RRULE:FREQ=HOURLY;COUNT=4 repeats the session every 1h, 4 times on the conference days; if it should recur once a day, write FREQ=DAILY (session consult@mini)" \
	stderr "$err"
expect_contains "Mini Conference: 7 sessions" stdout "$out"

expect_exit 1 "$DAIS" check "$dir/recurring-outside"
expect_contains "$dir/recurring-outside/$ics:43: warning: this recurring session has no occurrence on a conference day (2026-11-04 to 2026-11-05), so dais leaves it out" \
	stderr "$err"
expect_contains "(session prep@mini)" stderr "$err"
expect_contains "Mini Conference: 3 sessions" stdout "$out"

expect_exit 1 "$DAIS" check "$dir/override-stray"
expect_contains "$dir/override-stray/$ics:56: warning: RECURRENCE-ID 2026-11-04T12:00:00+03:00 is not an occurrence of the series at line 43" \
	stderr "$err"
expect_contains "Mini Conference: 8 sessions" stdout "$out"

# An override whose series is not in the file: shown on its own, with a
# warning at its BEGIN:VEVENT.
cp -r "$FIXTURES/mini" "$tmp/orphan"
cat >"$tmp/orphan/$ics" <<'EOF'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//dais tests//orphan//EN
BEGIN:VEVENT
UID:briefing@mini
DTSTAMP:20261001T000000Z
RECURRENCE-ID;TZID=Asia/Kuwait:20261104T080000
SUMMARY:Briefing (moved)
DTSTART;TZID=Asia/Kuwait:20261104T083000
DTEND;TZID=Asia/Kuwait:20261104T090000
END:VEVENT
END:VCALENDAR
EOF
expect_exit 0 "$DAIS" check "$tmp/orphan"
expect_contains "$tmp/orphan/$ics:4: warning: this overrides the occurrence of 2026-11-04T08:00:00+03:00 (RECURRENCE-ID) of a series that is not in this file" \
	stderr "$err"
expect_contains "Mini Conference: 1 session" stdout "$out"
finish
