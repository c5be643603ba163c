#!/bin/bash
# sync_two_copies.sh: two organisers' working copies of the example bound
# to one Radicale collection (issue 16, "Done means"): changes to
# different sessions merge; a session changed on both sides is shown with
# both versions and nothing is lost; a delete against an edit asks; the
# server stopped during a push loses nothing and the next sync completes.
. "$SRCDIR/tests/caldav/lib.sh"
edit() { /usr/bin/python3 "$SRCDIR/tests/caldav/icsedit.py" "$@"; }
dom=kuwait-2026.dushanbe-process
X=d1-side-soft-targets@$dom   # A moves it
Y=d1-side-bomca@$dom          # B assigns a minister to it
Z=d2-side-asia@$dom           # both change it
W=d2-side-youth@$dom          # A deletes it, B edits it
side=programme/side-sessions.ics

start_radicale
url=$server/amal/kuwait-2026/

# A puts the programme on the server.
working_copy "$tmp/a" "$url"
expect_exit 0 "$DAIS" sync --create "$tmp/a"
expect_contains "to the server 0 changed, 32 new, 0 deleted" "A's first sync" "$out"
[ -f "$tmp/a/.dais-sync" ] || { echo "FAIL: no state file"; fail=1; }
expect_not_contains "secret" ".dais-sync" "$(cat "$tmp/a/.dais-sync")"

# B starts from the same registries and empty calendars, and gets it all.
working_copy "$tmp/b" "$url"
for f in "$tmp"/b/programme/*.ics; do
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n' >"$f"
done
expect_exit 0 "$DAIS" sync "$tmp/b"
expect_contains "from the server 0 changed, 32 new, 0 deleted" "B's first sync" "$out"
"$DAIS" check "$tmp/a" >"$tmp/check-a"; "$DAIS" check "$tmp/b" >"$tmp/check-b"
diff "$tmp/check-a" "$tmp/check-b" >/dev/null || { echo "FAIL: check differs after B's first sync"; diff "$tmp/check-a" "$tmp/check-b"; fail=1; }

# Nothing changed: nothing moves.
expect_exit 0 "$DAIS" sync "$tmp/a"
expect_contains "from the server 0 changed, 0 new, 0 deleted; to the server 0 changed, 0 new, 0 deleted" "an idle sync" "$out"

# A moves X, B assigns a minister to Y; both sync, twice round.
edit "$tmp/a/$side" "$X" set DTSTART ";TZID=Asia/Kuwait:20261104T160000"
edit "$tmp/a/$side" "$X" set DTEND ";TZID=Asia/Kuwait:20261104T171500"
edit "$tmp/b/$side" "$Y" add 'ATTENDEE;CN="Minister of Interior — Kuwait";ROLE=REQ-PARTICIPANT;CUTYPE=INDIVIDUAL;X-DAIS-ID=kw-interior:urn:x-dais:kw-interior'
expect_exit 0 "$DAIS" sync "$tmp/a"
expect_contains "to the server 1 changed" "A's push" "$out"
# the push is not listed back to A: its next sync is one small request
expect_exit 0 "$DAIS" sync --stats "$tmp/a"
expect_contains "from the server 0 changed, 0 new, 0 deleted; to the server 0 changed" "A after its push" "$out"
expect_contains "HTTP: 1 requests" "A after its push" "$out"
expect_exit 0 "$DAIS" sync "$tmp/b"
expect_contains "from the server 1 changed" "B's pull" "$out"
expect_contains "to the server 1 changed" "B's push" "$out"
expect_exit 0 "$DAIS" sync "$tmp/a"
expect_contains "from the server 1 changed" "A's pull" "$out"
for c in a b; do
	s=$(/usr/bin/python3 - "$tmp/$c/$side" "$X" "$Y" <<'PY'
import sys
t = open(sys.argv[1]).read().replace("\r\n ", "").replace("\n ", "")
x = t[t.index("UID:" + sys.argv[2]):]
y = t[t.index("UID:" + sys.argv[3]):]
print("X" if "DTSTART;TZID=Asia/Kuwait:20261104T160000" in x[:x.index("END:VEVENT")] else "-",
      "Y" if "X-DAIS-ID=kw-interior" in y[:y.index("END:VEVENT")] else "-")
PY
)
	[ "$s" = "X Y" ] || { echo "FAIL: copy $c has '$s', not both changes"; fail=1; }
done
"$DAIS" check "$tmp/a" >"$tmp/check-a"; "$DAIS" check "$tmp/b" >"$tmp/check-b"
diff "$tmp/check-a" "$tmp/check-b" >/dev/null || { echo "FAIL: check differs after the merge"; diff "$tmp/check-a" "$tmp/check-b"; fail=1; }
expect_contains "Minister of Interior" "B's check" "$("$DAIS" export "$tmp/a" --for kw-interior -o - )"

# Both change Z: A first, B second is shown both and chooses.
edit "$tmp/a/$side" "$Z" set SUMMARY "Central Asia: the A title"
edit "$tmp/b/$side" "$Z" set SUMMARY "Central Asia: the B title"
expect_exit 0 "$DAIS" sync "$tmp/a"
expect_exit 1 "$DAIS" sync "$tmp/b"
expect_contains "conflict: \"Central Asia: the B title\" ($Z) changed here and on the server" "B's conflict" "$err"
expect_contains "dais sync $tmp/b --mine '$Z'" "B's conflict" "$err"
aside=$tmp/b/sync-conflicts/$Z.ics
expect_contains "the A title" "the server's version aside" "$(cat "$aside" 2>&1)"
expect_contains "the B title" "B's own file" "$(cat "$tmp/b/$side")"
# a second sync without a choice changes nothing and says it again
expect_exit 1 "$DAIS" sync "$tmp/b"
expect_contains "conflict:" "B's second sync" "$err"
expect_exit 0 "$DAIS" sync "$tmp/b" --theirs "$Z"
expect_contains "the A title" "B after --theirs" "$(cat "$tmp/b/$side")"
expect_not_contains "the B title" "B after --theirs" "$(cat "$tmp/b/$side")"

# The same the other way: B keeps its own against A's newer change.
edit "$tmp/a/$side" "$Z" set SUMMARY "Central Asia: A again"
edit "$tmp/b/$side" "$Z" set SUMMARY "Central Asia: B insists"
expect_exit 0 "$DAIS" sync "$tmp/a"
expect_exit 1 "$DAIS" sync "$tmp/b"
expect_exit 0 "$DAIS" sync "$tmp/b" --mine "$Z"
expect_exit 0 "$DAIS" sync "$tmp/a"
expect_contains "B insists" "A after B kept its own" "$(cat "$tmp/a/$side")"

# A deletes W while B edits W: B is asked; B restores it with --mine.
edit "$tmp/a/$side" "$W" delete
edit "$tmp/b/$side" "$W" set SUMMARY "Youth voices (B's edit)"
expect_exit 0 "$DAIS" sync "$tmp/a"
expect_contains "to the server 0 changed, 0 new, 1 deleted" "A's delete" "$out"
expect_exit 1 "$DAIS" sync "$tmp/b"
expect_contains "changed here, deleted on the server" "B's question" "$err"
expect_contains "B's edit" "B keeps its edit meanwhile" "$(cat "$tmp/b/$side")"
expect_exit 0 "$DAIS" sync "$tmp/b" --mine "$W"
expect_exit 0 "$DAIS" sync "$tmp/a"
expect_contains "B's edit" "A gets W back" "$(cat "$tmp/a/$side")"

# And the reverse: B deletes W, A had edited it: A is asked, takes the
# deletion.
edit "$tmp/b/$side" "$W" delete
edit "$tmp/a/$side" "$W" set SUMMARY "Youth voices (A's edit)"
expect_exit 0 "$DAIS" sync "$tmp/a"
expect_exit 1 "$DAIS" sync "$tmp/b"
expect_contains "deleted here, changed on the server" "B's question" "$err"
expect_exit 0 "$DAIS" sync "$tmp/b" --theirs "$W"
expect_contains "A's edit" "B has A's edit back" "$(cat "$tmp/b/$side")"

# The server stopped during B's push: nothing lost; the next sync
# completes. Radicale is stopped by a proxy after a few requests.
for u in d1-side-major-events d1-side-drones d1-side-returnees d2-side-interpol d2-side-maritime; do
	edit "$tmp/b/$side" "$u@$dom" set SUMMARY "$u: edited by B"
done
cp "$tmp/b/$side" "$tmp/b-before"
fault die-after 4
expect_exit 1 "$DAIS" sync "$tmp/b"
expect_contains "the connection was lost during PUT" "B's cut push" "$err"
expect_contains "to the server 1 changed" "B's cut push" "$out"
cmp -s "$tmp/b/$side" "$tmp/b-before" || { echo "FAIL: B's file changed by a cut sync"; fail=1; }
fault pass
expect_exit 0 "$DAIS" sync "$tmp/b"
expect_exit 0 "$DAIS" sync "$tmp/a"
for u in d1-side-major-events d1-side-drones d1-side-returnees d2-side-interpol d2-side-maritime; do
	expect_contains "$u: edited by B" "A after B's completed push" "$(cat "$tmp/a/$side")"
done
expect_exit 0 "$DAIS" sync "$tmp/b"
expect_contains "from the server 0 changed, 0 new, 0 deleted; to the server 0 changed, 0 new, 0 deleted" "in step" "$out"
"$DAIS" check "$tmp/a" >"$tmp/check-a"; "$DAIS" check "$tmp/b" >"$tmp/check-b"
diff "$tmp/check-a" "$tmp/check-b" >/dev/null || { echo "FAIL: check differs at the end"; diff "$tmp/check-a" "$tmp/check-b"; fail=1; }

finish
