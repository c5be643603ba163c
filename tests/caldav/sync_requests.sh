#!/bin/bash
# sync_requests.sh: a bilateral that one organiser calls off stays called
# off for the team (review3 finding 12). Amal places the requests and
# syncs; Boris's sync brings the sessions, and his requests.ini marks them
# placed; Amal deletes one and syncs; Boris's sync deletes it, and his
# `dais schedule` does not place it again, so nothing comes back to Amal.
# A copy whose requests.ini never had the line (synced before dais marked
# it) gets it when the deletion arrives.
. "$SRCDIR/tests/caldav/lib.sh"
edit() { /usr/bin/python3 "$SRCDIR/tests/caldav/icsedit.py" "$@"; }
dom=kuwait-2026.dushanbe-process
JO=request-kw-jo-interior@$dom   # Amal calls it off
KZ=request-kw-kz-interior@$dom   # Amal calls it off too, later
side=programme/side-sessions.ics

start_radicale
url=$server/amal/kuwait-2026/

working_copy "$tmp/a" "$url"
expect_exit 0 "$DAIS" sync --create "$tmp/a"
working_copy "$tmp/b" "$url" boris
export DAIS_SERVER_PASSWORD=secret-boris
expect_exit 0 "$DAIS" sync "$tmp/b"
export DAIS_SERVER_PASSWORD=secret-amal

# Amal places the requests and sends them.
expect_exit 1 "$DAIS" schedule "$tmp/a"
expect_contains "Placed 30 of 33" "Amal's schedule" "$out"
expect_exit 0 "$DAIS" sync "$tmp/a"
expect_contains "to the server 0 changed, 30 new, 0 deleted" "Amal's push" "$out"

# Boris's sync brings them, and his requests.ini marks them placed.
grep -q '^placed' "$tmp/b/requests.ini" && { echo "FAIL: Boris's requests.ini has placed lines before his sync"; fail=1; }
export DAIS_SERVER_PASSWORD=secret-boris
expect_exit 0 "$DAIS" sync "$tmp/b"
expect_contains "from the server 0 changed, 30 new, 0 deleted" "Boris's pull" "$out"
expect_contains "$tmp/b/requests.ini marks 30 requests placed" "Boris's pull" "$out"
n=$(grep -c '^placed = ' "$tmp/b/requests.ini")
[ "$n" = 30 ] || { echo "FAIL: Boris's requests.ini has $n placed lines, not 30"; fail=1; }
expect_contains "placed = \"$JO\"" "Boris's requests.ini" "$(cat "$tmp/b/requests.ini")"
# An older copy's requests.ini, synced before dais marked placed requests:
# the line for KZ is not there when its deletion arrives.
/usr/bin/python3 - "$tmp/b/requests.ini" "$KZ" <<'PY'
import sys
p, uid = sys.argv[1:]
t = open(p).read().replace('placed = "%s"\n' % uid, "")
open(p, "w").write(t)
PY
grep -q "$KZ" "$tmp/b/requests.ini" && { echo "FAIL: the test could not remove KZ's line"; fail=1; }
export DAIS_SERVER_PASSWORD=secret-amal

# Amal calls off two meetings: deletes their sessions, and syncs.
edit "$tmp/a/$side" "$JO" delete
edit "$tmp/a/$side" "$KZ" delete
expect_exit 0 "$DAIS" sync "$tmp/a"
expect_contains "to the server 0 changed, 0 new, 2 deleted" "Amal's deletion" "$out"

# Boris gets the deletions; his schedule places neither again.
export DAIS_SERVER_PASSWORD=secret-boris
expect_exit 0 "$DAIS" sync "$tmp/b"
expect_contains "from the server 0 changed, 0 new, 2 deleted" "Boris's pull of the deletions" "$out"
expect_contains "marks 1 request placed" "Boris's pull of the deletions" "$out"
expect_contains "kw-kz-interior" "Boris's pull of the deletions" "$out"
expect_contains "placed = \"$KZ\"" "Boris's requests.ini after the deletion" "$(cat "$tmp/b/requests.ini")"
expect_exit 1 "$DAIS" schedule "$tmp/b"
expect_contains "33 requests in $tmp/b/requests.ini: 30 placed before, 3 to place." "Boris's schedule" "$out"
expect_not_contains "kw-jo-interior (priority" "Boris's schedule" "$out"
expect_not_contains "kw-kz-interior (priority" "Boris's schedule" "$out"
grep -q "UID:$JO" "$tmp/b/$side" && { echo "FAIL: JO is back in Boris's copy"; fail=1; }
grep -q "UID:$KZ" "$tmp/b/$side" && { echo "FAIL: KZ is back in Boris's copy"; fail=1; }
expect_exit 0 "$DAIS" sync "$tmp/b"
expect_contains "to the server 0 changed, 0 new, 0 deleted" "Boris's push after his schedule" "$out"

# Nothing came back to Amal.
export DAIS_SERVER_PASSWORD=secret-amal
expect_exit 0 "$DAIS" sync "$tmp/a"
expect_contains "from the server 0 changed, 0 new, 0 deleted" "Amal's last sync" "$out"
grep -q "UID:$JO" "$tmp/a/$side" && { echo "FAIL: JO came back to Amal"; fail=1; }

# A copy with no requests.ini syncs as before.
working_copy "$tmp/c" "$url"
rm "$tmp/c/requests.ini"
expect_exit 0 "$DAIS" sync --theirs all "$tmp/c"
expect_not_contains "requests.ini" "a copy without requests" "$out$err"
[ -e "$tmp/c/requests.ini" ] && { echo "FAIL: the sync made a requests.ini"; fail=1; }

finish
