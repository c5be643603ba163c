#!/bin/bash
# sync_conflict_files.sh: the server's side of a conflict, written to
# DIR/sync-conflicts/, is removed by the sync that settles it (--theirs,
# --mine, or the two sides agreeing again), and that sync says so; the
# file of a conflict still unsettled stays (review3 finding 14: both files
# stayed after --theirs and the planner's m, looking like open conflicts).
. "$SRCDIR/tests/caldav/lib.sh"
edit() { /usr/bin/python3 "$SRCDIR/tests/caldav/icsedit.py" "$@"; }
dom=kuwait-2026.dushanbe-process
Z=d2-side-asia@$dom           # settled with --theirs
V=d1-side-drones@$dom         # settled with --mine, later
U=d2-side-maritime@$dom       # settled by making both sides the same
side=programme/side-sessions.ics

start_radicale
url=$server/amal/kuwait-2026/
working_copy "$tmp/a" "$url"
expect_exit 0 "$DAIS" sync --create "$tmp/a"
working_copy "$tmp/b" "$url"
for f in "$tmp"/b/programme/*.ics; do
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n' >"$f"
done
expect_exit 0 "$DAIS" sync "$tmp/b"

# Three sessions changed on both sides.
for u in "$Z" "$V" "$U"; do
	edit "$tmp/a/$side" "$u" set SUMMARY "${u%%@*}: A's title"
	edit "$tmp/b/$side" "$u" set SUMMARY "${u%%@*}: B's title"
done
expect_exit 0 "$DAIS" sync "$tmp/a"
expect_exit 1 "$DAIS" sync "$tmp/b"
for u in "$Z" "$V" "$U"; do
	[ -f "$tmp/b/sync-conflicts/$u.ics" ] || { echo "FAIL: no sync-conflicts/$u.ics"; fail=1; }
done

# --theirs for Z: its file goes, and the sync says so; V's and U's stay.
expect_exit 1 "$DAIS" sync "$tmp/b" --theirs "$Z"
expect_contains "$tmp/b/sync-conflicts/$Z.ics: removed, its session is no longer in conflict" "B after --theirs" "$out"
[ -e "$tmp/b/sync-conflicts/$Z.ics" ] && { echo "FAIL: sync-conflicts/$Z.ics stays after --theirs"; fail=1; }
for u in "$V" "$U"; do
	[ -f "$tmp/b/sync-conflicts/$u.ics" ] || { echo "FAIL: sync-conflicts/$u.ics, still in conflict, is gone"; fail=1; }
	expect_not_contains "$u.ics: removed" "B after --theirs" "$out"
done
expect_contains "conflict: \"d1-side-drones: B's title\"" "B after --theirs" "$err"

# U: B types A's title by hand; the sides agree, so its file goes too.
edit "$tmp/b/$side" "$U" set SUMMARY "d2-side-maritime: A's title"
expect_exit 1 "$DAIS" sync "$tmp/b"
expect_contains "sync-conflicts/$U.ics: removed" "B after agreeing on U" "$out"
[ -f "$tmp/b/sync-conflicts/$V.ics" ] || { echo "FAIL: sync-conflicts/$V.ics is gone before it was settled"; fail=1; }

# --mine for V: the last one; the directory is empty and goes.
expect_exit 0 "$DAIS" sync "$tmp/b" --mine "$V"
expect_contains "sync-conflicts/$V.ics: removed" "B after --mine" "$out"
[ -e "$tmp/b/sync-conflicts" ] && { echo "FAIL: sync-conflicts/ stays, empty or not:"; ls -la "$tmp/b/sync-conflicts"; fail=1; }

# A file the user put there is not dais's to remove.
mkdir -p "$tmp/b/sync-conflicts"
echo "notes" >"$tmp/b/sync-conflicts/notes.txt"
expect_exit 0 "$DAIS" sync "$tmp/b"
[ -f "$tmp/b/sync-conflicts/notes.txt" ] || { echo "FAIL: the user's own file was removed"; fail=1; }

finish
