# runsheet_wording.sh: what the run-sheet says where a new organiser found
# it wrong (issue 14 item 14): capacity without an expected attendance,
# closed meetings, a session over midnight, the next session in a room it
# overlaps, and a gap of hours; and (item 15) a delegation over its limit
# across a stretch. The programme is made in a temporary directory.
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1793512800
d="$tmp/prog"
mkdir -p "$d/programme"
cat >"$d/conference.ini" <<'INI'
[conference]
name = "Wording Conference"
timezone = "Asia/Kuwait"
days = "2026-11-04, 2026-11-05"
day-start = "00:00"
day-end = "24:00"
changeover = 15
files = "programme/s.ics"
INI
cat >"$d/venues.ini" <<'INI'
[building.main]
name = "Main Building"

[room.hall]
name = "Plenary Hall"
building = "main"
capacity = 300

[room.small]
name = "Bilateral Room 1"
building = "main"
capacity = 2
INI
cat >"$d/participants.ini" <<'INI'
[kw]
name = "Kuwait"
kind = "delegation"
delegates = 1

[kw-a]
name = "Kuwaiti official A"
kind = "official"
delegation = "kw"

[kw-b]
name = "Kuwaiti official B"
kind = "official"
delegation = "kw"

[kw-c]
name = "Kuwaiti official C"
kind = "official"
delegation = "kw"
INI
ev() { # UID TITLE ROOM START END [LINE...]
	printf 'BEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20261001T000000Z\r\nSUMMARY:%s\r\nDTSTART;TZID=Asia/Kuwait:%s\r\nDTEND;TZID=Asia/Kuwait:%s\r\nX-DAIS-ROOM:%s\r\n' \
		"$1" "$2" "$4" "$5" "$3"
	shift 5
	for line in "$@"; do printf '%s\r\n' "$line"; done
	printf 'END:VEVENT\r\n'
}
att() { printf 'ATTENDEE;CN=%s;ROLE=OPT-PARTICIPANT;CUTYPE=INDIVIDUAL;X-DAIS-ID=%s:urn:x-dais:%s' "$1" "$1" "$1"; }
{
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//dais tests//wording//EN\r\n'
	ev bil "Bilateral without an estimate" small 20261104T090000 20261104T094500 \
		"$(att kw-a)" "$(att kw-b)" "$(att kw-c)"
	ev hod "Heads of delegation retreat" hall 20261104T080000 20261104T090000 \
		"CLASS:CONFIDENTIAL"
	ev x "Ministerial segment" hall 20261104T111500 20261104T130000
	ev y "Press statement" hall 20261104T120000 20261104T130000
	ev z "Lunch talk" hall 20261104T130000 20261104T140000
	ev w "Evening reception" hall 20261104T190000 20261104T200000
	ev night "Night watch" small 20261104T220000 20261105T020000
	ev st1 "Stretch one" small 20261105T103000 20261105T110000 "$(att kw-a)"
	ev st2 "Stretch two" hall 20261105T103000 20261105T104500 "$(att kw-b)"
	ev st3 "Stretch three" hall 20261105T104500 20261105T111500 "$(att kw-c)"
	printf 'END:VCALENDAR\r\n'
} >"$d/programme/s.ics"

expect_exit 1 "$DAIS" check "$d"
check_out=$out
expect_contains "'Bilateral without an estimate' has 3 people assigned but Bilateral Room 1 seats 2." \
	"dais check" "$check_out"
expect_contains "Kuwait has 1 delegate but is in up to 2 sessions at once between 10:30 and 11:00: 'Stretch two', 'Stretch one' and 'Stretch three'." \
	"dais check" "$check_out"

expect_exit 0 "$DAIS" runsheet "$d" --day 2026-11-04 --page-length 0
day1=$out
# Capacity: what check counts, not "0 expected".
expect_contains "3 people assigned but Bilateral Room 1 seats 2" "day 1" "$day1"
expect_not_contains "0 expected" "day 1" "$day1"
# A closed meeting says so, and only that one.
expect_contains "1h · SESSION · CONFIRMED · CLOSED MEETING" "day 1" "$day1"
expect_contains "Access          closed meeting: only those listed" "day 1" "$day1"
[ "$(printf '%s\n' "$day1" | grep -c 'CLOSED MEETING')" = 1 ] ||
	{ echo "FAIL: CLOSED MEETING should be on one session"; fail=1; }
# The press statement overlaps the segment: its next in room is the
# overlap, not a 0-minute changeover to the 13:00 lunch talk.
expect_not_contains "0 min changeover" "day 1" "$day1"
expect_contains "Next in room    'Press statement' 12:00-13:00 overlaps this session" \
	"day 1" "$day1"
expect_contains "Next in room    'Ministerial segment' 11:15-13:00 overlaps this" \
	"day 1" "$day1"
# Hours between: said plainly.
expect_contains "Next in room    19:00; the room is free from 14:00" "day 1" "$day1"
expect_not_contains "5h changeover" "day 1" "$day1"
expect_contains "22:00-02:00+1  Night watch" "day 1" "$day1"

# The night session is on day 2 as well, from midnight.
expect_exit 0 "$DAIS" runsheet "$d" --day 2026-11-05 --page-length 0
day2=$out
expect_contains "00:00-02:00  Night watch" "day 2" "$day2"
expect_contains "continued from Wed 4 Nov 2026 22:00" "day 2" "$day2"
expect_contains "4 sessions" "day 2" "$day2"
# The delegation line on the sheet names the stretch's sessions.
expect_contains "Kuwait (1 delegate at a time) is also in 'Stretch two'" "day 2" "$day2"
finish
