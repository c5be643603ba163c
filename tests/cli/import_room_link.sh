# import_room_link.sh: dais import links a LOCATION to a room by the
# closest name only when one room is closest (review finding 13): two rooms
# as close ("Side Event Room" for A and B), or a name that differs in the
# letter or number that tells rooms apart ("Side Event Room D"), are left
# unlinked, with the candidates named; a slip or a shorter name still links.
# LOCATION as dais's own export writes it ("Room, Building") links exactly,
# and a name all of whose words are one room's is that room's closest
# name, not "no room of venues.ini" (review finding 6).
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
expect_contains "'far' (Wed 4 Nov 2026 08:00): LOCATION 'Side Event Room D' is not linked: it could be room 'side-a' (Side Event Room A), 'side-b' (Side Event Room B)" stdout "$out"
expect_contains "'both' (Wed 4 Nov 2026 08:00): LOCATION 'Side Event Room' is not linked: it could be room 'side-a' (Side Event Room A), 'side-b' (Side Event Room B)" stdout "$out"
expect_contains "'held' (Wed 4 Nov 2026 08:00): LOCATION 'Plenary Hall' linked to room 'plenary' (Main Plenary Hall) by the closest name" stdout "$out"
expect_contains "'slip' (Wed 4 Nov 2026 08:00): LOCATION 'Press Briefing Rom' linked to room 'press' (Press Briefing Room) by the closest name" stdout "$out"
expect_contains "2 rooms and 0 people linked, 2 not linked" stdout "$out"
n=$(grep -c '^X-DAIS-ROOM:side' "$D/programme/import-loc.ics")
[ "$n" = 0 ] || { echo "FAIL: an ambiguous LOCATION was linked ($n)"; fail=1; }

# dais's own export, copied by a delegation for its own meeting: each
# LOCATION "Room, Building" links to the room the programme has.
E="$tmp/exported" && cp -r "$SRCDIR/data/kuwait-2026" "$E"
expect_exit 0 "$DAIS" export "$E" -o "$tmp/public.ics"
/usr/bin/python3 - "$tmp/public.ics" "$tmp/copied.ics" <<'PY'
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
out = icalendar.Calendar(); out.add("version", "2.0"); out.add("prodid", "-//copy//EN")
for c in cal.subcomponents:
    if c.name == "VTIMEZONE": out.add_component(c)
for n, ev in enumerate(e for e in cal.walk("VEVENT") if e.get("LOCATION")):
    ev["UID"] = "copy-%d@rv" % n
    out.add_component(ev)
open(sys.argv[2], "wb").write(out.to_ical())
PY
grep -q 'LOCATION:Press Briefing Room\\, Sheikh Jaber' "$tmp/public.ics" || { echo "FAIL: the export's LOCATION form changed"; fail=1; }
cp -r "$SRCDIR/data/kuwait-2026" "$tmp/exact"
expect_exit 0 "$DAIS" import --dry-run "$tmp/copied.ics" "$tmp/exact"
expect_not_contains "is no room" stdout "$out"
expect_not_contains "closest name" stdout "$out"
expect_not_contains "not linked:" stdout "$out"
n=$(grep -c '^LOCATION' "$tmp/copied.ics")
expect_contains "$n rooms and" stdout "$out"

# Other ways of naming a room.
{ printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:-//rv//EN
  ev own 'Press Briefing Room\, Sheikh Jaber Al-Ahmad Cultural Centre\, Main Building'
  ev owncase 'press briefing room\,  sheikh jaber al-ahmad cultural centre\, main building'
  ev words 'Press Room'; ev words2 'Bilateral Room'; ev otherbuilding 'Press Briefing Room\, Hilton'
  ev label 'Room C'
  printf '%s\r\n' END:VCALENDAR; } >"$tmp/names.ics"
expect_exit 0 "$DAIS" import "$tmp/names.ics" "$tmp/exact"
expect_not_contains "'own'" stdout "$out"
expect_not_contains "'owncase'" stdout "$out"
expect_contains "'words' (Wed 4 Nov 2026 08:00): LOCATION 'Press Room' linked to room 'press' (Press Briefing Room) by the closest name" stdout "$out"
expect_contains "'words2' (Wed 4 Nov 2026 08:00): LOCATION 'Bilateral Room' linked to room 'bilateral' (Bilateral Meeting Room) by the closest name" stdout "$out"
expect_contains "'otherbuilding' (Wed 4 Nov 2026 08:00): LOCATION 'Press Briefing Room, Hilton' linked to room 'press' (Press Briefing Room) by the closest name" stdout "$out"
expect_contains "'label' (Wed 4 Nov 2026 08:00): LOCATION 'Room C' is not linked: it could be room 'side-c' (Garden Pavilion Room C)" stdout "$out"
expect_not_contains "is no room of venues.ini" stdout "$out"
[ "$(grep -c '^X-DAIS-ROOM:press' "$tmp/exact/programme/import-names.ics")" = 4 ] || { echo "FAIL: the export form did not link to press"; fail=1; }
finish
