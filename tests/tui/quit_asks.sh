#!/usr/bin/env bash
# quit_asks.sh: quitting with unsaved edits asks first: Esc stays, n quits
# without writing anything, y saves and quits. Quitting a clean programme
# does not ask.
. "$(dirname "$0")/lib.sh"

copy_example prog
cp -r "$tmp/prog" "$tmp/orig"
baseline "$tmp/prog"

start "$tmp/prog"
keys q
status=$(wait_exit)
[ "$status" = 0 ] || { echo "FAIL: a clean quit exited $status"; fail=1; }

# An edit, then q: asked; Esc: still there.
start "$tmp/prog"
cancel_session "Youth voices on online"
keys q
wait_for "Unsaved edits. Save before quitting?"
keys Escape
wait_for "Still here; nothing lost."
expect_screen "modified |"
# n: quits, nothing written.
keys q
wait_for "Unsaved edits. Save before quitting?"
keys n
status=$(wait_exit)
[ "$status" = 0 ] || { echo "FAIL: exit $status"; fail=1; }
diff -r "$tmp/orig" "$tmp/prog" >/dev/null || {
	echo "FAIL: quitting without saving changed the files"; fail=1; }

# y: saves, then quits.
start "$tmp/prog"
cancel_session "Youth voices on online"
keys q
wait_for "Unsaved edits. Save before quitting?"
keys y
status=$(wait_exit)
[ "$status" = 0 ] || { echo "FAIL: exit $status"; fail=1; }
grep -q "STATUS:CANCELLED" "$tmp/prog/programme/side-sessions.ics" || {
	echo "FAIL: y did not save the cancellation"; fail=1; }
# A cancelled session takes part in no conflict: Room C is free again.
"$DAIS" check "$tmp/prog" --format json | /usr/bin/python3 -c '
import json, sys
c = json.load(sys.stdin)
want = int(sys.argv[1]) - 1
sys.exit(0 if c["errors"] == want else
         "FAIL: %d errors after cancelling, not %d" % (c["errors"], want))' "$E0" || fail=1
finish
