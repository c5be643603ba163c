#!/usr/bin/env bash
# init_open.sh: a programme made by `dais init` opens in the planner with
# its days as tabs, empty, without an error; the list and people views
# open too, and quitting leaves the files as init wrote them.
. "$(dirname "$0")/lib.sh"

"$DAIS" init "$tmp/new" --name "Dushanbe Process — Kuwait Phase" \
	--timezone Asia/Kuwait --days 2026-11-04,2026-11-05,2026-11-06 \
	>/dev/null || { echo "FAIL: init"; fail=1; }
sum() { cat "$tmp/new"/*.ini "$tmp/new/programme/sessions.ics" | md5sum; }
before=$(sum)
start "$tmp/new"
wait_for "1 Wed 4 Nov"
expect_screen "2 Thu 5 Nov"
expect_screen "3 Fri 6 Nov"
expect_screen "0 errors, 0 warnings"
expect_screen "No rooms in venues.ini"
keys 3
wait_for "[3 Fri 6 Nov]"
expect_screen "No session here."
keys F3
wait_for "[List]"
keys F4
wait_for "[People]"
keys q
status=$(wait_exit)
[ "$status" = 0 ] || { echo "FAIL: exit $status"; show_screen; fail=1; }
[ "$before" = "$(sum)" ] || { echo "FAIL: the files changed"; fail=1; }
[ -e "$tmp/new/.dais-lock" ] && { echo "FAIL: the lock stayed"; fail=1; }
finish
