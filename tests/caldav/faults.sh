# faults.sh: shared by the fault tests (sync_faults.sh, sync_faults_wire.sh):
# a Radicale server behind faultproxy.py, working copies A and B of the
# example bound to it, and the helpers that make a change on each side
# (pending), check that a failed sync left A's files whole (unchanged),
# and that with the fault gone the next sync completes (recovers).
. "$SRCDIR/tests/caldav/lib.sh"
edit() { /usr/bin/python3 "$SRCDIR/tests/caldav/icsedit.py" "$@"; }
dom=kuwait-2026.dushanbe-process
side=programme/side-sessions.ics

start_radicale
url=$server/amal/kuwait-2026/
working_copy "$tmp/a" "$url"
expect_exit 0 "$DAIS" sync --create "$tmp/a"
working_copy "$tmp/b" "$url"
expect_exit 0 "$DAIS" sync "$tmp/b"

# snapshot / unchanged: the working copy's files (and state) as they were
snapshot() { (cd "$tmp/a" && cat programme/*.ics .dais-sync) >"$tmp/snap"; }
unchanged() {
	(cd "$tmp/a" && cat programme/*.ics .dais-sync) | cmp -s - "$tmp/snap" ||
		{ echo "FAIL: $1 changed the working copy"; fail=1; }
}
# pending: a change on each side, so that the sync has to pull and push
n=0
pending() {
	n=$((n + 1))
	edit "$tmp/a/$side" "d1-side-drones@$dom" set SUMMARY "Drones (A's edit $n"
	edit "$tmp/b/$side" "d2-side-maritime@$dom" set SUMMARY "Maritime (B's edit $n"
	"$DAIS" sync "$tmp/b" >/dev/null 2>&1 || { echo "FAIL: B's sync $n"; fail=1; }
	snapshot
}
# recovers: with the fault gone, the next sync completes and both edits
# are on both sides
recovers() {
	fault pass
	expect_exit 0 "$DAIS" sync "$tmp/a"
	expect_contains "Maritime (B's edit $n" "A after $1" "$(cat "$tmp/a/$side")"
	expect_exit 0 "$DAIS" sync "$tmp/b"
	expect_contains "Drones (A's edit $n" "B after $1" "$(cat "$tmp/b/$side")"
}

