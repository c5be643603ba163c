# import_locked.sh: dais import takes the programme's lock like every
# command that changes a programme (review finding 1): under a running
# planner it writes nothing (conference.ini changed beneath the planner
# would stop its journal replaying after a crash); --dry-run needs no lock.
. "$(dirname "$0")/lib.sh"
D=$(programme_copy "$SRCDIR/data/kuwait-2026")
cp "$D/conference.ini" "$tmp/conf.orig"

python3 - "$D" <<'PY' &
import fcntl, os, socket, sys, time
f = open(os.path.join(sys.argv[1], ".dais-lock"), "w")
f.write("user=amal host=%s pid=%d since=2026-11-04T06:12:09Z\n" % (socket.gethostname(), os.getpid()))
f.flush()
fcntl.flock(f, fcntl.LOCK_EX)
open(os.path.join(sys.argv[1], "locked"), "w").close()
time.sleep(20)
PY
holder=$!
for _ in $(seq 100); do [ -e "$D/locked" ] && break; sleep 0.1; done
rm -f "$D/locked"
expect_exit 1 "$DAIS" import "$FIXTURES/other-clients/google.ics" "$D"
expect_contains "is open in a planner (amal on" stderr "$err"
expect_contains "nothing was imported" stderr "$err"
cmp -s "$tmp/conf.orig" "$D/conference.ini" || { echo "FAIL: conference.ini written under a lock"; fail=1; }
[ ! -e "$D/programme/import-google.ics" ] || { echo "FAIL: a file written under a lock"; fail=1; }
# The dry run reads only: it goes ahead beside the planner.
expect_exit 0 "$DAIS" import --dry-run "$FIXTURES/other-clients/google.ics" "$D"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
[ ! -e "$D/programme/import-google.ics" ] || { echo "FAIL: the dry run wrote"; fail=1; }
finish
