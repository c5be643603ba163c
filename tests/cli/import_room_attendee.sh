# import_room_attendee.sh: Exchange and Google book a room as an ATTENDEE
# with CUTYPE=ROOM (review finding 7). dais import links the event to that
# room by the same rules as LOCATION when LOCATION names none (a Teams
# link, or nothing), also a CUTYPE=RESOURCE whose name is a room's; such an
# attendee is never taken for a person: no "add them (dais
# import-participants)", no X-DAIS-ID, and the loader says nothing of it.
# A resource that is no room (a projector) is left as it is.
. "$(dirname "$0")/lib.sh"
D=$(programme_copy "$SRCDIR/data/kuwait-2026")
ev() { # UID START MORE...
	u=$1 h=$2; shift 2
	printf '%s\r\n' BEGIN:VEVENT "UID:$u" DTSTAMP:20261001T000000Z "SUMMARY:$u" \
		"DTSTART;TZID=Asia/Kuwait:20261104T$h" 'DURATION:PT30M' \
		'ATTENDEE;CN=Someone;CUTYPE=INDIVIDUAL:mailto:someone@example.org' "$@" END:VEVENT
}
{ printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:-//rv//EN METHOD:REQUEST
  ev teams 080000 'LOCATION:Microsoft Teams Meeting' 'ATTENDEE;CUTYPE=ROOM;CN=Press Briefing Room;ROLE=NON-PARTICIPANT:mailto:press@venue.example'
  ev bare 090000 'ATTENDEE;CUTYPE=ROOM;CN=Bilateral Meeting Room:mailto:bilateral@venue.example'
  ev resource 100000 'ATTENDEE;CUTYPE=RESOURCE;CN=side event room a:mailto:side-a@venue.example'
  ev projector 110000 'LOCATION:Side Event Room B' 'ATTENDEE;CUTYPE=RESOURCE;CN=Projector 2:mailto:projector@venue.example'
  ev unknown 120000 'ATTENDEE;CUTYPE=ROOM;CN=Conference Room 7:mailto:room7@venue.example'
  printf '%s\r\n' END:VCALENDAR; } >"$tmp/exchange.ics"
expect_exit 0 "$DAIS" import "$tmp/exchange.ics" "$D"
F="$D/programme/import-exchange.ics"
expect_not_contains "Teams" stdout "$out"
expect_not_contains "Press Briefing Room is no participant" stdout "$out"
expect_not_contains "Projector" stdout "$out"
expect_not_contains "venue.example is no participant" stdout "$out"
expect_contains "'unknown' (Wed 4 Nov 2026 12:00): ATTENDEE;CUTYPE=ROOM 'Conference Room 7' is no room of venues.ini: add the room there and import again" stdout "$out"
expect_contains "4 rooms and 0 people linked, 6 not linked" stdout "$out"
/usr/bin/python3 - "$F" >"$tmp/rooms" <<'PY'
import sys, datetime, icalendar
for ev in icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read()).walk("VEVENT"):
    print(ev["UID"], ev.get("X-DAIS-ROOM", "-"), ev.get("LOCATION", "-"),
          ev.decoded("DTSTART").astimezone(datetime.timezone.utc).strftime("%H%MZ"),
          sum(1 for a in (ev.get("ATTENDEE") if isinstance(ev.get("ATTENDEE"), list) else [ev.get("ATTENDEE")])
              if a is not None and "X-DAIS-ID" in a.params))
PY
expect_contains "teams press Microsoft Teams Meeting 0500Z 0" rooms "$(cat "$tmp/rooms")"
expect_contains "bare bilateral Bilateral Meeting Room 0600Z 0" rooms "$(cat "$tmp/rooms")"
expect_contains "resource side-a Side Event Room A 0700Z 0" rooms "$(cat "$tmp/rooms")"
expect_contains "projector side-b Side Event Room B 0800Z 0" rooms "$(cat "$tmp/rooms")"
expect_contains "unknown - - 0900Z 0" rooms "$(cat "$tmp/rooms")"
expect_exit 1 "$DAIS" check "$D"
expect_not_contains "Press Briefing Room has no dais id" stderr "$err"
expect_not_contains "Projector 2 has no dais id" stderr "$err"
expect_not_contains "Conference Room 7 has no dais id" stderr "$err"
expect_contains "ATTENDEE Someone has no dais id" stderr "$err"
finish
