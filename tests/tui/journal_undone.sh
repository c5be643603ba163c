#!/usr/bin/env bash
# journal_undone.sh: a planner that stopped after edits that were undone
# left nothing to restore: the next `dais open` says so in one line and
# opens the files without asking, `dais check` has no note of unsaved
# edits, and `dais schedule` is not held up (trial report L11: it asked
# to "restore 2 edits" that changed nothing). Edits that were not all
# undone are still offered.
. "$(dirname "$0")/lib.sh"

# stop_planner: kills the planner as a closed terminal or a crash would.
stop_planner() {
	local pid
	pid=$(pgrep -xf "$DAIS $tmp/ex" | head -n 1)
	[ -n "$pid" ] || { echo "FAIL: no planner process"; fail=1; }
	kill -KILL "$pid"
	wait_exit >/dev/null
	T kill-server 2>/dev/null
}

# move_twice: the Opening plenary a step later, twice.
move_twice() {
	keys /
	type_text "Opening plenary"
	keys Enter
	wait_for "Opening plenary"
	keys J
	wait_for "Moved 'Opening plenary"
	keys J
	wait_for "Moved 'Opening plenary"
}

copy_example ex
start "$tmp/ex"
move_twice
keys u
wait_for "Undone:"
keys u
wait_for "Undone:"
stop_planner
[ -e "$tmp/ex/.dais-journal" ] || { echo "FAIL: the killed planner left no journal"; fail=1; }

"$DAIS" check "$tmp/ex" >/dev/null 2>"$tmp/check.err"
if grep -q "unsaved edit" "$tmp/check.err"; then
	echo "FAIL: check notes edits that change nothing:"; cat "$tmp/check.err"; fail=1
fi

rm -f "$tmp/exit"
T -f /dev/null new-session -d -x 100 -y 30 \
	"cd '$tmp' && '$DAIS' '$tmp/ex'; echo \$? >'$tmp/exit'"
wait_for "help"
expect_no_screen "has unsaved edits"
expect_no_screen "Restored"
keys q
wait_exit >/dev/null
T kill-server 2>/dev/null
[ -e "$tmp/ex/.dais-journal" ] && { echo "FAIL: the journal is still there"; fail=1; }

# One move kept of two: still offered.
start "$tmp/ex"
move_twice
keys u
wait_for "Undone:"
stop_planner
rm -f "$tmp/exit"
T -f /dev/null new-session -d -x 100 -y 30 \
	"cd '$tmp' && '$DAIS' '$tmp/ex'; echo \$? >'$tmp/exit'"
wait_for "has unsaved edits from a planner that did not close"
wait_for "3 edits to 1 session"
keys r
wait_for "Restored 3 unsaved edits to 1 session"
finish
