# import_locked.sh: dais import takes the programme's lock like every
# command that changes a programme (review finding 1): under a running
# planner it writes nothing (conference.ini changed beneath the planner
# would stop its journal replaying after a crash); --dry-run needs no lock.
. "$(dirname "$0")/lib.sh"
D=$(programme_copy "$SRCDIR/data/kuwait-2026")
cp "$D/conference.ini" "$tmp/conf.orig"

hold_lock "$D"
expect_exit 1 "$DAIS" import "$FIXTURES/other-clients/google.ics" "$D"
expect_contains "is open in a planner (amal on" stderr "$err"
expect_contains "nothing was imported" stderr "$err"
cmp -s "$tmp/conf.orig" "$D/conference.ini" || { echo "FAIL: conference.ini written under a lock"; fail=1; }
[ ! -e "$D/programme/import-google.ics" ] || { echo "FAIL: a file written under a lock"; fail=1; }
# The dry run reads only: it goes ahead beside the planner.
expect_exit 0 "$DAIS" import --dry-run "$FIXTURES/other-clients/google.ics" "$D"
release_lock
[ ! -e "$D/programme/import-google.ics" ] || { echo "FAIL: the dry run wrote"; fail=1; }
finish
