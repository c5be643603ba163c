# load_ini_participants.sh: participants.ini problems (ids, kinds,
# delegations, arrival and departure), each in a copy of mini with one
# thing broken: `dais check` names the file, the line and the fix.
. "$(dirname "$0")/lib.sh"
dir="$FIXTURES/load-ini"

refused() {
	expect_exit 2 "$DAIS" check "$dir/$1"
	expect_contains "$dir/$1/$2: error: $3" stderr "$err"
}

refused bad-participant-id participants.ini:25 "[un_oct] is not an id"
refused bad-kind participants.ini:11 \
	"kind = \"minster\" in [kw-interior] is not a kind of participant: did you mean \"minister\"?"
refused missing-kind participants.ini:25 "[unoct] has no kind"
refused delegation-unknown participants.ini:20 \
	"delegation = \"tj\" in [tj-interior]: there is no [tj]"
refused delegation-a-person participants.ini:12 \
	"delegation = \"tj-interior\" in [kw-interior] names a minister, not a group: name the delegation, organisation, UN entity or association it belongs to"
refused bad-arrival participants.ini:22 \
	"arrival = \"04/11/2026 10:00\" in [tj-interior] is not a date and time: write \"YYYY-MM-DD HH:MM\" in Asia/Kuwait time"
refused departure-before-arrival participants.ini:23 \
	"departure 2026-11-04 09:00 in [tj-interior] is not after arrival 2026-11-04 10:00"

expect_exit 1 "$DAIS" check "$dir/unknown-key"
expect_contains "$dir/unknown-key/participants.ini:28: warning: unknown key titel in [unoct] is ignored: did you mean title?" stderr "$err"

# Arrival is local to the conference's zone, whatever TZ says: the
# minister arrives at 10:00 Kuwait time, so a 09:00 session is outside
# his availability and a 10:00 one is not.
expect_exit 1 "$DAIS" check --format json "$FIXTURES/mini"
expect_not_contains "outside-availability" stdout "$out"
cp -R "$FIXTURES/mini" "$tmp/p"
sed -i 's/arrival = "2026-11-04 10:00"/arrival = "2026-11-05 15:01"/' \
	"$tmp/p/participants.ini"
TZ=Pacific/Kiritimati expect_exit 1 "$DAIS" check --format json "$tmp/p"
expect_contains '"kind": "outside-availability"' stdout "$out"
sed -i 's/arrival = "2026-11-05 15:01"/arrival = "2026-11-05 15:00"/' \
	"$tmp/p/participants.ini"
TZ=Pacific/Kiritimati expect_exit 1 "$DAIS" check --format json "$tmp/p"
expect_not_contains "outside-availability" stdout "$out"

finish
