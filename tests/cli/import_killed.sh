# import_killed.sh: an import killed while its trial copy exists left
# $TMPDIR/dais-import-XXXXXX behind for good; the next import (a dry run
# too, or dais import-participants) removes it. A trial another run holds,
# and a directory of another name, are left alone.
. "$(dirname "$0")/lib.sh"
oc="$FIXTURES/other-clients"
D=$(programme_copy "$SRCDIR/data/kuwait-2026")
export TMPDIR="$tmp/scratch"
mkdir "$TMPDIR"

# Killed (SIGKILL, as kill -9) once the trial copy is made.
DAIS_TEST_KILL=import-trial "$DAIS" import "$oc/outlook.ics" "$D" >/dev/null 2>&1
st=$?
[ "$st" = 137 ] || { echo "FAIL: the import was not killed (exit $st)"; fail=1; }
left=$(ls "$TMPDIR")
case "$left" in
dais-import-??????) ;;
*) echo "FAIL: the killed import left no trial to clean: '$left'"; fail=1 ;;
esac
[ -f "$TMPDIR/$left/kuwait-2026/conference.ini" ] || { echo "FAIL: the trial holds no copy"; fail=1; }
[ ! -e "$D/programme/import-outlook.ics" ] || { echo "FAIL: the killed import wrote into the programme"; fail=1; }

# Somebody else's: a trial held by a run under way (flock, as dais holds
# it), an old one without dais's mark that is held too, another name.
mkdir "$TMPDIR/dais-import-HeLd42" "$TMPDIR/dais-import-notours" "$TMPDIR/keep-me"
touch "$TMPDIR/dais-import-HeLd42/.dais-scratch-held"
flock -o "$TMPDIR/dais-import-HeLd42" sleep 60 &
holder=$!
# A trial made a moment ago and not held yet (no mark): left alone.
mkdir "$TMPDIR/dais-import-fresh1"

expect_exit 0 "$DAIS" import --dry-run "$oc/outlook.ics" "$D"
[ ! -e "$TMPDIR/$left" ] || { echo "FAIL: the next import left the killed one's trial: $(ls "$TMPDIR")"; fail=1; }
for keep in dais-import-HeLd42 dais-import-notours keep-me dais-import-fresh1; do
	[ -d "$TMPDIR/$keep" ] || { echo "FAIL: $keep was removed"; fail=1; }
done
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null

# An unmarked one older than a minute was never taken: its maker died.
touch -d '2 minutes ago' "$TMPDIR/dais-import-fresh1"
expect_exit 0 "$DAIS" import "$oc/outlook.ics" "$D"
expect_contains "2 events written to programme/import-outlook.ics" stdout "$out"
[ "$(ls "$TMPDIR" | sort | tr '\n' ' ')" = "dais-import-notours keep-me " ] || { echo "FAIL: after the import $TMPDIR holds: $(ls "$TMPDIR" | tr '\n' ' ')"; fail=1; }
expect_exit 1 "$DAIS" check "$D"
finish
