#!/usr/bin/env bash
# grid_all_day.sh: the grid names the day's all-day items (DTSTART;
# VALUE=DATE) on a line above it, cut in the middle when too long, and
# does not draw them as blocks from 00:00 nor start its rows at midnight
# for them (issue 13 item 1).
. "$(dirname "$0")/lib.sh"

copy_example prog
ics="$tmp/prog/programme/social.ics"
sed -i '/^END:VCALENDAR/d' "$ics"
cat >>"$ics" <<'EOF'
BEGIN:VEVENT
UID:arrival@kuwait-2026
DTSTAMP:20261001T000000Z
SUMMARY:Arrival of delegations
DTSTART;VALUE=DATE:20261104
DTEND;VALUE=DATE:20261105
END:VEVENT
BEGIN:VEVENT
UID:exhibition@kuwait-2026
DTSTAMP:20261001T000000Z
SUMMARY:Border technology exhibition
DTSTART;VALUE=DATE:20261104
DURATION:P2D
END:VEVENT
END:VCALENDAR
EOF

start "$tmp/prog" 120 40
wait_for "Main Pl"
wait_for "All day: Arrival of delegations · Border technology exhibition"
# The rows start with the day's sessions, not at midnight, and no block
# says 00:00.
expect_no_screen "00:00"
expect_no_screen "Arrival of delegations · Border technology exhibition |"
# Day 2: the exhibition alone (it covers both days).
keys 2
wait_for "[2 Thu 5 Nov]"
wait_for "All day: Border technology exhibition"
expect_no_screen "Arrival of delegations"
expect_no_screen "00:00"
# Narrow: the line is cut in the middle, the last item's name kept.
keys 1
resize 80 24
wait_for "All day: Arrival of delegatio… technology exhibition|"
wait_for "08:00 |"
keys q
[ "$(wait_exit)" = 0 ] || { echo "FAIL: the planner did not exit 0"; fail=1; }
finish
