# load_ics_times.sh: DTSTART, DTEND and DURATION: unknown zones, dates
# without a time, impossible dates, both DTEND and DURATION, an end before
# the start are refused; floating times and a missing end load with a
# warning; Outlook's VTIMEZONE names and libical's prefixed TZIDs work.
. "$(dirname "$0")/lib.sh"
dir="$FIXTURES/load-ics"
ics=programme/sessions.ics

refused() {
	expect_exit 2 "$DAIS" check "$dir/$1"
	expect_contains "$dir/$1/$ics:$2: error: $3" stderr "$err"
	expect_contains "(session $4)" stderr "$err"
}

refused unknown-tzid 24 \
	"DTSTART has TZID=Kuwait/City, which is neither a zone of the time zone database nor a VTIMEZONE of this file" \
	side-1@mini
# A date alone is an all-day item (load_all_day.sh), but not as the end of
# a session with a time.
refused date-only 37 \
	"DTEND;VALUE=DATE:20261106 is a date without a time; a session needs a time of day" \
	day2@mini
refused impossible-date 36 "DTSTART;TZID=Asia/Kuwait:20261131T150000 is not a real date" \
	day2@mini
refused dtend-and-duration 26 \
	"the session has both DTEND and DURATION; keep one of them" side-1@mini
refused missing-dtstart 32 "the session has no DTSTART" day2@mini
refused end-before-start 37 \
	"the session ends (2026-11-05T14:30:00+03:00) before it starts (2026-11-05T15:00:00+03:00)" \
	day2@mini

# A stale VTIMEZONE for the conference zone (+04:00 in the file, +03:00 in
# the zone database) is used, as RFC 5545 says, and warned about: the 09:00
# opening is read as 08:00 Kuwait time and now clashes with the 09:00 side.
expect_exit 1 "$DAIS" check "$dir/vtimezone-stale"
expect_contains "$dir/vtimezone-stale/$ics:4: warning: this file's VTIMEZONE Asia/Kuwait says UTC+04:00 on 2026-11-04 where the zone database says UTC+03:00, so the file's times fall 1h earlier" \
	stderr "$err"
expect_contains "participant double-booked   09:00-09:30" stdout "$out"
# Said once per file, not once per day or hour.
[ "$(grep -c "says UTC+04:00" "$tmp/err")" = 1 ] ||
	{ echo "FAIL: the VTIMEZONE warning is not given once"; fail=1; }
# The zone database's own zone, embedded as dais writes it: no warning.
expect_exit 1 "$DAIS" check "$FIXTURES/mini"
expect_not_contains "VTIMEZONE" stderr "$err"

# Floating: read as Kuwait time, so the planted clash is still 10:00-10:30.
expect_exit 1 "$DAIS" check "$dir/floating"
expect_contains "$dir/floating/$ics:24: warning: DTSTART and DTEND have no TZID and no Z, so dais reads them as Asia/Kuwait time; add ;TZID=Asia/Kuwait to say so (session side-1@mini)" \
	stderr "$err"
expect_contains "participant double-booked   10:00-10:30" stdout "$out"

expect_exit 1 "$DAIS" check "$dir/no-end"
expect_contains "$dir/no-end/$ics:32: warning: no DTEND or DURATION, so the session lasts no time" \
	stderr "$err"

# Zones three ways and a DURATION give the same programme as mini, without
# a word.
expect_exit 1 "$DAIS" check "$dir/vtimezone"
[ -z "$err" ] || { echo "FAIL: vtimezone warned: $err"; fail=1; }
"$DAIS" check "$FIXTURES/mini" >"$tmp/mini.txt" 2>&1
[ "$out" = "$(cat "$tmp/mini.txt")" ] || {
	echo "FAIL: vtimezone differs from mini:"; echo "$out"; fail=1; }
finish
