# load_ini_venues.sh: venues.ini problems (rooms, buildings, walks,
# capacities, languages, ids), each in a copy of mini with one thing
# broken: `dais check` names the file, the line and the fix.
. "$(dirname "$0")/lib.sh"
dir="$FIXTURES/load-ini"

refused() {
	expect_exit 2 "$DAIS" check "$dir/$1"
	expect_contains "$dir/$1/$2: error: $3" stderr "$err"
}

refused room-without-name venues.ini:14 "[room.side] has no name"
refused unknown-building venues.ini:16 \
	"building = \"annexe\" in [room.side]: there is no [building.annexe]"
refused walk-unknown venues.ini:4 \
	"walk.pavilion in [building.main]: there is no [building.pavilion]"
refused walk-disagree venues.ini:7 \
	"walk.main = 6 in [building.annex] disagrees with line 3, which gives 8 minutes"
refused bad-integer venues.ini:11 \
	"capacity = \"30O\" in [room.hall] is not a whole number"
refused negative-capacity venues.ini:17 \
	"capacity = -40 in [room.side] is out of range"
refused bad-language venues.ini:12 \
	"languages in [room.hall]: \"AR\" is not a language code"
refused bad-room-id venues.ini:14 \
	"[room.Side]: \"Side\" is not an id: ids are lowercase; write [room.side]"
# The room still counts under its folded id: no second complaint from the
# sessions that use it.
expect_not_contains "sessions.ics" stderr "$err"

expect_exit 1 "$DAIS" check "$dir/unknown-section"
expect_contains "$dir/unknown-section/venues.ini:20: warning: unknown section [hall] is ignored" stderr "$err"

finish
