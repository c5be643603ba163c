#!/usr/bin/env bash
# journal_counts.sh: the crash-recovery question, dais check's note and
# the status line after a restore count what the unsaved edits touch by
# kind: two moves of one session and an edit of one participant are "3
# edits to 1 session and 1 participant", not "to 2 sessions" (review
# finding 14: a registry entry was counted as a session).
. "$(dirname "$0")/lib.sh"

copy_example ex
start "$tmp/ex"
keys /
type_text "Opening plenary"
keys Enter
wait_for "Opening plenary"
keys J
wait_for "Moved 'Opening plenary"
keys J
wait_for "Moved 'Opening plenary"
keys F4
wait_for "[People]"
keys e
wait_for "Edit participant"
type_text " تجربة"
keys Enter
wait_for "Changed participant"
pid=$(pgrep -xf "$DAIS $tmp/ex" | head -n 1)
[ -n "$pid" ] || { echo "FAIL: no planner process"; fail=1; }
kill -KILL "$pid"
wait_exit >/dev/null
T kill-server 2>/dev/null

"$DAIS" check "$tmp/ex" >/dev/null 2>"$tmp/check.err"
grep -qF "holds 3 unsaved edits to 1 session and 1 participant, not in the files checked" \
	"$tmp/check.err" || { echo "FAIL: check's note:"; cat "$tmp/check.err"; fail=1; }

rm -f "$tmp/exit"
T -f /dev/null new-session -d -x 100 -y 30 \
	"cd '$tmp' && '$DAIS' '$tmp/ex'; echo \$? >'$tmp/exit'"
wait_for "has unsaved edits from a planner that did not close"
wait_for "3 edits to 1 session and 1 participant by $(id -un) on"
keys r
wait_for "Restored 3 unsaved edits to 1 session and 1 participant"
expect_no_screen "2 sessions"
finish
