#!/usr/bin/env bash
# form_all_day_times.sh: times typed for an all-day item in the session
# form make it a timed session, in the file too (review finding 3: it was
# saved as a zero-length DATE and vanished from the run-sheet); J on an
# all-day item is refused with a sentence instead of "Moved" and a save
# that dropped the move.
. "$(dirname "$0")/lib.sh"

copy_example prog
ics="$tmp/prog/programme/social.ics"
sed -i '/^END:VCALENDAR/d' "$ics"
cat >>"$ics" <<'EOF2'
BEGIN:VEVENT
UID:arrival@kuwait-2026
DTSTAMP:20261001T000000Z
SUMMARY:Прибытие делегаций
DTSTART;VALUE=DATE:20261104
DTEND;VALUE=DATE:20261105
END:VEVENT
END:VCALENDAR
EOF2
baseline "$tmp/prog"
"$DAIS" runsheet "$tmp/prog" --day 2026-11-04 | grep -q "All day: Прибытие делегаций" ||
	{ echo "FAIL: the run-sheet lacks the all-day item to begin with"; fail=1; }

start "$tmp/prog" 120 40
wait_for "All day: Прибытие делегаций"
keys g Up
wait_for "Wed 4 Nov  all day  24h"
# J: refused, with what to do; nothing becomes unsaved.
keys J
wait_for "is an all-day item: it has no hours to move"
expect_no_screen "Moved"
expect_no_screen "modified |"
# f (where it can go): refused alike, no chooser of hours.
keys f
wait_for "is an all-day item: it has no hours to move"
expect_no_screen "can go"

# The form: 09:00 to 10:00 typed in start and end.
keys Enter
wait_for "Edit session"
keys Tab Tab Tab C-u
type_text "09:00"
keys Tab C-u
type_text "10:00"
keys Enter
wait_for "Edited 'Прибытие делегаций'"
wait_gone "All day: Прибытие делегаций"
keys s
wait_for "Saved"
keys q
[ "$(wait_exit)" = 0 ] || { echo "FAIL: the planner did not exit 0"; fail=1; }

block=$(tr -d '\r' <"$ics" | sed -n '/UID:arrival@kuwait-2026/,/END:VEVENT/p')
echo "$block" | grep -q '^DTSTART;TZID=Asia/Kuwait:20261104T090000$' ||
	{ echo "FAIL: the start was not saved as 09:00: $block"; fail=1; }
echo "$block" | grep -q '^DTEND;TZID=Asia/Kuwait:20261104T100000$' ||
	{ echo "FAIL: the end was not saved as 10:00: $block"; fail=1; }
echo "$block" | grep -q 'VALUE=DATE' &&
	{ echo "FAIL: still a DATE: $block"; fail=1; }

# Read back: dais check loads it (no more errors than before), the
# run-sheet has it at 09:00, and the planner shows it timed.
"$DAIS" check "$tmp/prog" >"$tmp/check.out" 2>&1
rc=$?
[ "$rc" -le 1 ] || { echo "FAIL: dais check exit $rc"; cat "$tmp/check.out"; fail=1; }
baseline_e=$E0
baseline "$tmp/prog"
[ "$E0" = "$baseline_e" ] || { echo "FAIL: errors $baseline_e -> $E0"; fail=1; }
"$DAIS" runsheet "$tmp/prog" --day 2026-11-04 >"$tmp/rs.out"
grep -q "09:00.*Прибытие делегаций" "$tmp/rs.out" ||
	{ echo "FAIL: the run-sheet lacks it at 09:00"; cat "$tmp/rs.out"; fail=1; }
grep -q "All day: Прибытие" "$tmp/rs.out" &&
	{ echo "FAIL: still all day in the run-sheet"; fail=1; }
start "$tmp/prog" 120 40
wait_for "Main Pl"
expect_no_screen "All day: Прибытие делегаций"
keys /
type_text "Прибытие"
keys Enter
wait_for "Wed 4 Nov  09:00"
keys q
wait_exit >/dev/null
finish
