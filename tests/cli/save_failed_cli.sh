#!/usr/bin/env bash
# save_failed_cli.sh: what dais schedule says when its save fails (review
# finding 10). It is a command that ends, so nothing is "still in dais":
# when the recovery journal could not be written either (the disk filled
# up: DAIS_FAIL_APPEND fails its appends, DAIS_FAIL_WRITE the files), it
# says nothing was written and to run it again, and leaves no journal
# that 'dais open' would have nothing to restore from; when the journal
# holds the plan, it points to 'dais open'. dais import and dais sync do
# not borrow the planner's sentence either.
. "$(dirname "$0")/lib.sh"

EX="$SRCDIR/data/kuwait-2026"

# The journal's start written, its appends failing, the save failing.
cp -r "$EX" "$tmp/a"
DAIS_FAIL_APPEND=.dais-journal DAIS_FAIL_WRITE=side-sessions.ics expect_exit 1 "$DAIS" schedule "$tmp/a"
expect_contains "warning: cannot write the recovery journal $tmp/a/.dais-journal: No space left on device" stderr "$err"
expect_contains "side-sessions.ics: error: No space left on device; the file on disk was not changed" stderr "$err"
expect_contains "dais schedule: nothing was written; fix the cause above (free space on a full disk) and run dais schedule again" stderr "$err"
expect_not_contains "still in dais" stderr "$err"
expect_not_contains "dais open" stderr "$err"
diff -r "$EX" "$tmp/a" >/dev/null || { echo "FAIL: a failed schedule changed the programme"; diff -r "$EX" "$tmp/a" | head; fail=1; }
# Run again once the space is back: the plan is placed.
expect_exit 1 "$DAIS" schedule "$tmp/a" # 3 requests cannot be placed
expect_contains "Placed 30 of 33" stdout "$out"

# No journal at all (its start failed too): the same.
cp -r "$EX" "$tmp/b"
DAIS_FAIL_WRITE="$tmp/b/" expect_exit 1 "$DAIS" schedule "$tmp/b"
expect_contains "saving without a recovery journal" stderr "$err"
expect_contains "dais schedule: nothing was written; fix the cause above" stderr "$err"
expect_not_contains "still in dais" stderr "$err"
[ -e "$tmp/b/.dais-journal" ] && { echo "FAIL: a journal was left"; fail=1; }

# The journal holds the plan, the file fails: 'dais open' restores it.
cp -r "$EX" "$tmp/c"
DAIS_FAIL_WRITE=side-sessions.ics expect_exit 1 "$DAIS" schedule "$tmp/c"
expect_contains "the sessions were not saved; 'dais open' on the programme offers to restore them from its journal" stderr "$err"
expect_not_contains "still in dais" stderr "$err"
expect_exit 1 "$DAIS" check "$tmp/c"
expect_contains "holds 1 unsaved edit to 30 sessions" stderr "$err"

# dais import on a full disk: the cause, and no planner's sentence.
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:full-disk-1\r\nSUMMARY:Briefing\r\nDTSTART;TZID=Asia/Kuwait:20261104T131500\r\nDTEND;TZID=Asia/Kuwait:20261104T140000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$tmp/in.ics"
cp -r "$EX" "$tmp/d"
DAIS_FAIL_WRITE="$tmp/d/" "$DAIS" import "$tmp/in.ics" "$tmp/d" >"$tmp/out" 2>"$tmp/err"
[ $? != 0 ] || { echo "FAIL: import on a full disk succeeded"; fail=1; }
err=$(cat "$tmp/err")
expect_contains "No space left on device" "import's stderr" "$err"
expect_not_contains "still in dais" "import's stderr" "$err"
finish
