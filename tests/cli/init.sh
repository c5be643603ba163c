#!/usr/bin/env bash
# init.sh: `dais init` makes a programme that `dais check` accepts, with
# every key of each INI file shown in a comment; refuses a directory that
# holds a programme; names each bad option with what to write.
. "$(dirname "$0")/lib.sh"

p="$tmp/new"
expect_exit 0 "$DAIS" init "$p" --name "Конференция по границам; Душанбе #2" \
	--timezone Asia/Dushanbe --days 2026-11-04..2026-11-05,2026-11-07 \
	--hours 09:00-18:30
expect_contains "Made a new programme in $p" stdout "$out"
for f in conference.ini venues.ini participants.ini programme/sessions.ics; do
	[ -f "$p/$f" ] || { echo "FAIL: $f was not made"; fail=1; }
done

# check accepts it: no error, the name read back whole (';' and '#' kept).
expect_exit 0 "$DAIS" check "$p"
expect_contains "Конференция по границам; Душанбе #2: 0 sessions, no conflicts." stdout "$out"
expect_exit 0 "$DAIS" check --format json "$p"
expect_contains '"timezone": "Asia/Dushanbe"' stdout "$out"
# The days and hours as given; the session file with the zone under its
# plain name (not libical's prefixed one).
c=$(cat "$p/conference.ini")
expect_contains 'days = "2026-11-04, 2026-11-05, 2026-11-07"' conference.ini "$c"
expect_contains 'day-start = "09:00"' conference.ini "$c"
expect_contains 'day-end = "18:30"' conference.ini "$c"
ics=$(cat "$p/programme/sessions.ics")
expect_contains "TZID:Asia/Dushanbe" sessions.ics "$ics"
expect_not_contains "freeassociation" sessions.ics "$ics"
expect_contains "END:VCALENDAR" sessions.ics "$ics"

# Every key a file may hold is there, set or in a comment.
for k in name timezone days day-start day-end changeover files new-sessions \
	kinds room-double-booked participant-double-booked \
	delegation-over-committed outside-availability over-capacity \
	tight-changeover outside-hours unknown-reference \
	interpretation-unavailable; do
	grep -q "^;* *$k = " "$p/conference.ini" ||
		{ echo "FAIL: conference.ini lacks $k"; fail=1; }
done
for k in name walk.annex building capacity languages; do
	grep -q "^; $k = " "$p/venues.ini" ||
		{ echo "FAIL: venues.ini lacks $k"; fail=1; }
done
for k in name name-local title kind delegation languages arrival departure \
	delegates precedence email phone; do
	grep -q "^; $k = " "$p/participants.ini" ||
		{ echo "FAIL: participants.ini lacks $k"; fail=1; }
done
# The commented examples are real: without the ';' they load cleanly.
uncomment='s/^; \(\[[a-z.-]*\]\|[a-z.-]* = .*\)$/\1/p'
sed -n "$uncomment" "$p/venues.ini" >"$tmp/venues.ini"
sed -n "$uncomment" "$p/participants.ini" >"$tmp/people.ini"
mkdir "$tmp/uncommented"
cp -r "$p/conference.ini" "$p/programme" "$tmp/uncommented/"
printf '[building.annex]\nname = "Annex"\n\n' >>"$tmp/venues.ini"
cp "$tmp/venues.ini" "$tmp/uncommented/venues.ini"
printf '\n[kw]\nname = "Kuwait"\nkind = "delegation"\n' >>"$tmp/people.ini"
cp "$tmp/people.ini" "$tmp/uncommented/participants.ini"
expect_exit 0 "$DAIS" check "$tmp/uncommented"
expect_not_contains "warning" stderr "$err"

# Without --hours: 08:00-22:00. An existing empty directory is fine.
mkdir "$tmp/empty"
expect_exit 0 "$DAIS" init "$tmp/empty" --name X --timezone UTC --days 2026-01-01
expect_exit 0 "$DAIS" check "$tmp/empty"
c=$(cat "$tmp/empty/conference.ini")
expect_contains 'day-start = "08:00"' conference.ini "$c"
expect_contains 'day-end = "22:00"' conference.ini "$c"

# A directory that holds a programme, or any part of one, is refused and
# left as it was.
before=$(cat "$p/conference.ini")
expect_exit 1 "$DAIS" init "$p" --name Y --timezone UTC --days 2026-01-01
expect_contains "already holds a programme (conference.ini)" stderr "$err"
[ "$before" = "$(cat "$p/conference.ini")" ] || { echo "FAIL: conference.ini changed"; fail=1; }
mkdir "$tmp/half"
echo "[x]" >"$tmp/half/participants.ini"
expect_exit 1 "$DAIS" init "$tmp/half" --name Y --timezone UTC --days 2026-01-01
expect_contains "already holds a programme (participants.ini)" stderr "$err"
[ -e "$tmp/half/conference.ini" ] && { echo "FAIL: half made"; fail=1; }
touch "$tmp/afile"
expect_exit 1 "$DAIS" init "$tmp/afile" --name Y --timezone UTC --days 2026-01-01
expect_contains "is a file, not a directory" stderr "$err"
expect_exit 1 "$DAIS" init "$tmp/no/such/parent" --name Y --timezone UTC --days 2026-01-01
expect_contains "cannot make the directory" stderr "$err"

# Bad options: each named, with what to write; nothing made.
bad() { # MESSAGE ARGS...
	msg=$1; shift
	rm -rf "$tmp/bad"
	expect_exit 2 "$DAIS" init "$tmp/bad" "$@"
	expect_contains "$msg" stderr "$err"
	[ -e "$tmp/bad" ] && { echo "FAIL: $* made $tmp/bad"; fail=1; }
}
ok=(--name N --timezone Asia/Kuwait --days 2026-11-04)
bad "--name is missing: write the conference's name" --timezone UTC --days 2026-11-04
bad "--timezone is missing: write the venue's IANA zone" --name N --days 2026-11-04
bad "--days is missing: write the conference days" --name N --timezone UTC
bad "--timezone Kuwait is not a zone of the zone database: did you mean Asia/Kuwait?" --name N --timezone Kuwait --days 2026-11-04
bad "--timezone asia/kuwait is not a zone of the zone database: did you mean Asia/Kuwait?" --name N --timezone asia/kuwait --days 2026-11-04
bad "--timezone Asia/Kuwiat is not a zone of the zone database: did you mean Asia/Kuwait?" --name N --timezone Asia/Kuwiat --days 2026-11-04
bad "--timezone ../../etc/passwd is not a zone of the zone database: write the venue's IANA zone" --name N --timezone ../../etc/passwd --days 2026-11-04
bad "--timezone Mars/Olympus is not a zone of the zone database: write the venue's IANA zone" --name N --timezone Mars/Olympus --days 2026-11-04
bad '--days: "2026-13-04" is not a date: write YYYY-MM-DD' --name N --timezone UTC --days 2026-13-04
bad '--days: "4.11.2026" is not a date: write YYYY-MM-DD' --name N --timezone UTC --days 4.11.2026,2026-11-05
bad '--days: "2026-11-06..2026-11-04" is not a range of dates' --name N --timezone UTC --days 2026-11-06..2026-11-04
bad '--days lists 2026-11-04 twice' --name N --timezone UTC --days 2026-11-04,2026-11-04
bad '--days: "1900-01-01" is not in a year dais plans for' --name N --timezone UTC --days 1900-01-01
bad '--days run over more than 366 days' --name N --timezone UTC --days 2026-01-01,2028-01-01
bad '--days lists no date' --name N --timezone UTC --days ,
bad '--hours 8:0-22:00: minutes take two digits' "${ok[@]}" --hours 8:0-22:00
bad '--hours 0800 is not a span of hours: write START-END, such as 08:00-22:00' "${ok[@]}" --hours 0800
bad '--hours 22:00-08:00: the day must end after it starts' "${ok[@]}" --hours 22:00-08:00
bad '--hours 08:00-25:00:' "${ok[@]}" --hours 08:00-25:00
bad '--name: a value cannot hold a line break' --name "$(printf 'two\nlines')" --timezone UTC --days 2026-11-04
bad '--name: a value cannot hold both' --name "\"O'Brien\"" --timezone UTC --days 2026-11-04
bad '--name is empty' --name "" --timezone UTC --days 2026-11-04
bad "unknown option" "${ok[@]}" --colour red
expect_exit 2 "$DAIS" init --name N
expect_contains "name the directory to make" stderr "$err"
rm -rf "$tmp/bad"
expect_exit 2 "$DAIS" init "$tmp/bad" "$tmp/bad2" "${ok[@]}"
expect_contains "one directory at a time" stderr "$err"
finish
