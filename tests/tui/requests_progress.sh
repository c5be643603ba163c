#!/usr/bin/env bash
# requests_progress.sh: P (the scheduler, up to 10 s on the planner's own
# thread) first paints a status line saying it is working; the planner sat
# frozen with nothing on screen (review finding 17). Everything the planner
# writes to its terminal is recorded (tmux pipe-pane), so the line is seen
# however fast the solve is.
. "$(dirname "$0")/lib.sh"

copy_example prog
n=$(grep -c '^\[' "$tmp/prog/requests.ini")
start "$tmp/prog"
keys F6
wait_for "$n bilateral requests: 0 placed, $n not"
T pipe-pane -o "cat >>'$tmp/painted'"
keys P
wait_for "Last run placed " 30
T pipe-pane
grep -qF "Placing the bilateral requests ($n in requests.ini; at most 10 s)..." "$tmp/painted" || {
	echo "FAIL: nothing said the scheduler was working"
	fail=1
}
# Painted before the result, not with it.
before=$(grep -aboF "Placing the bilateral requests" "$tmp/painted" | head -n 1 | cut -d: -f1)
after=$(grep -aboF "Last run placed" "$tmp/painted" | head -n 1 | cut -d: -f1)
[ -n "$before" ] && [ -n "$after" ] && [ "$before" -lt "$after" ] || {
	echo "FAIL: the working line was not painted before the result ($before, $after)"
	fail=1
}
keys q
wait_for "Save before quitting?"
keys n
wait_exit >/dev/null
finish
