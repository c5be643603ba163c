#!/usr/bin/env bash
# allday_select.sh: an all-day item is selected and edited from the grid by
# keyboard like any session (issue 13): Up from the first row reaches the
# all-day line, Left/Right go from item to item, Enter opens the form
# (start and end read "all day" and stay so), X deletes, u undoes, Down
# goes back to the grid; the save keeps it a DATE.
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
SUMMARY:Выставка пограничных технологий
DTSTART;VALUE=DATE:20261104
DURATION:P2D
END:VEVENT
END:VCALENDAR
EOF

start "$tmp/prog" 120 40
wait_for "All day: Arrival of delegations · Выставка пограничных технологий"
# From the top of the grid, up: the first all-day item is the selection
# (the detail pane names it), drawn reversed on the line.
keys g Up
wait_for "| Arrival of delegations"
wait_for "Wed 4 Nov  all day  24h"
T capture-pane -p -e | grep -q $'\e\\[[0-9;]*7[0-9;]*mArrival of delegations' ||
	{ echo "FAIL: the selected all-day item is not reversed"; show_screen; fail=1; }
# Right: the next one; Right again stays on the last.
keys Right
wait_for "| Выставка пограничных технологий"
wait_for "Wed 4 Nov  all day  48h"
keys Right
wait_for "| Выставка пограничных технологий"

# Enter: the form, whose times read "all day"; a title edited, applied.
keys Enter
wait_for "Edit session"
wait_for "Start             all day"
wait_for "End or +length    all day"
type_text " (зал B)"
keys Enter
wait_for "Edited 'Выставка пограничных технологий (зал B)'"
wait_for "All day: Arrival of delegations · Выставка пограничных технологий (зал B)"
wait_for "Wed 4 Nov  all day  48h"

# A start typed with the end left "all day" is refused in the form.
keys Enter
wait_for "Edit session"
keys Tab Tab Tab C-u
type_text "10:00"
keys Enter
wait_for "type its end time too"
keys Escape
wait_gone "Edit session"

# Delete (asks), then undo puts it back.
keys X
wait_for "Delete 'Выставка пограничных технологий (зал B)' (all day)?"
keys y
wait_for "Deleted 'Выставка пограничных технологий (зал B)'"
wait_for "All day: Arrival of delegations "
expect_no_screen "· Выставка"
# The line's next item took its place as the selection.
wait_for "| Arrival of delegations"
keys u
wait_for "All day: Arrival of delegations · Выставка пограничных технологий (зал B)"

# Down: back into the grid, on its first row (no session there: the
# detail pane is empty of the all-day item).
keys Down
wait_gone "all day  24h"
# Day 2: the two-day item heads it and is reached the same way.
keys 2
wait_for "[2 Thu 5 Nov]"
keys g Up
wait_for "| Выставка пограничных технологий (зал"

# The save keeps it an all-day item, with its two days.
keys s
wait_for "Saved"
keys q
[ "$(wait_exit)" = 0 ] || { echo "FAIL: the planner did not exit 0"; fail=1; }
# Unfolded (a long line is folded at 75 octets), without CRs.
block=$(tr -d '\r' <"$ics" | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g' |
	sed -n '/UID:exhibition@kuwait-2026/,/END:VEVENT/p')
echo "$block" | grep -q '^SUMMARY:Выставка пограничных технологий (зал B)' ||
	{ echo "FAIL: the title was not saved: $block"; fail=1; }
echo "$block" | grep -q '^DTSTART;VALUE=DATE:20261104' ||
	{ echo "FAIL: the start is no longer a DATE: $block"; fail=1; }
echo "$block" | grep -q '^DTEND;VALUE=DATE:20261106' ||
	{ echo "FAIL: the end is not the DATE after its two days: $block"; fail=1; }
finish
