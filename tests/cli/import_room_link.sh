# import_room_link.sh: dais import links a LOCATION to a room by the
# closest name only when one room is closest (review finding 13): two rooms
# as close ("Side Event Room" for A and B), or a name that differs in the
# letter or number that tells rooms apart ("Side Event Room D"), are left
# unlinked, with the candidates named; a slip or a shorter name still links.
. "$(dirname "$0")/lib.sh"
D=$(programme_copy "$SRCDIR/data/kuwait-2026")
ev() { # UID LOCATION
	printf '%s\r\n' BEGIN:VEVENT "UID:$1@rv" DTSTAMP:20261001T000000Z "SUMMARY:$1" \
		'DTSTART;TZID=Asia/Kuwait:20261104T080000' \
		'DTEND;TZID=Asia/Kuwait:20261104T083000' "LOCATION:$2" END:VEVENT
}
{ printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:-//rv//EN
  ev far 'Side Event Room D'; ev both 'Side Event Room'
  ev held 'Plenary Hall'; ev slip 'Press Briefing Rom'
  printf '%s\r\n' END:VCALENDAR; } >"$tmp/loc.ics"
expect_exit 0 "$DAIS" import "$tmp/loc.ics" "$D"
expect_contains "'far': LOCATION 'Side Event Room D' is not linked: it could be room 'side-a' (Side Event Room A), 'side-b' (Side Event Room B)" stdout "$out"
expect_contains "'both': LOCATION 'Side Event Room' is not linked: it could be room 'side-a' (Side Event Room A), 'side-b' (Side Event Room B)" stdout "$out"
expect_contains "'held': LOCATION 'Plenary Hall' linked to room 'plenary' (Main Plenary Hall) by the closest name" stdout "$out"
expect_contains "'slip': LOCATION 'Press Briefing Rom' linked to room 'press' (Press Briefing Room) by the closest name" stdout "$out"
expect_contains "2 rooms and 0 people linked, 2 not linked" stdout "$out"
n=$(grep -c '^X-DAIS-ROOM:side' "$D/programme/import-loc.ics")
[ "$n" = 0 ] || { echo "FAIL: an ambiguous LOCATION was linked ($n)"; fail=1; }
finish
