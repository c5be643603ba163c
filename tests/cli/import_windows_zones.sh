# import_windows_zones.sh: dais import of Outlook and Exchange calendars
# whose TZID is a Windows zone name ("Arab Standard Time", "W. Europe
# Standard Time"), with or without their VTIMEZONE: each becomes its IANA
# zone through ICU's copy of CLDR's windowsZones table (the conference's
# own zone when it is one of the name's zones), and the sessions are at the right instants
# in UTC (read back with python3-icalendar). A name nobody knows: the file,
# the line, the TZID and what to do.
. "$(dirname "$0")/lib.sh"
oc="$FIXTURES/other-clients"
D=$(programme_copy "$SRCDIR/data/kuwait-2026")

# utc_of FILE UID: DTSTART of the event in UTC, as a client reads it.
utc_of() {
	/usr/bin/python3 - "$1" "$2" <<'PY'
import sys, datetime, icalendar
for ev in icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read()).walk("VEVENT"):
    if str(ev.get("UID")) == sys.argv[2]:
        s, e = ev.decoded("DTSTART"), ev.decoded("DTEND")
        u = datetime.timezone.utc
        print(s.astimezone(u).strftime("%Y%m%dT%H%MZ"), e.astimezone(u).strftime("%Y%m%dT%H%MZ"))
PY
}
opening=040000008200E00074C5B7101A82E0080000000010B0F8BE5A52DB01000000000000000010000000E7C3A5F5D9E7D34C8E6F1B0A0C2D3E4F

# "Arab Standard Time" without a VTIMEZONE (refused before): Asia/Kuwait,
# the conference's zone, one of the zones CLDR gives that name.
expect_exit 0 "$DAIS" import "$oc/outlook-no-vtimezone.ics" "$D"
expect_contains "outlook-no-vtimezone.ics: TZID 'Arab Standard Time' (a Windows zone name) read as the IANA zone Asia/Kuwait" stdout "$out"
f="$D/programme/import-outlook-no-vtimezone.ics"
expect_not_contains "Arab Standard Time" "the imported file" "$(cat "$f")"
grep -q '^DTSTART;TZID=Asia/Kuwait:20261104T090000' "$f" || { echo "FAIL: DTSTART not in Asia/Kuwait"; grep DTSTART "$f"; fail=1; }
grep -q '^TZID:Asia/Kuwait' "$f" || { echo "FAIL: no VTIMEZONE for Asia/Kuwait"; fail=1; }
[ "$(utc_of "$f" "$opening")" = "20261104T0600Z 20261104T0730Z" ] || { echo "FAIL: the opening is at $(utc_of "$f" "$opening") in UTC"; fail=1; }
expect_exit 1 "$DAIS" check "$D"
expect_not_contains "TZID" stderr "$err"

# Outlook's own VTIMEZONE for "W. Europe Standard Time" (a rule from 1601
# with summer time): Europe/Berlin, CLDR's zone for the name (the
# conference's zone is not one of them); summer and winter both right.
cat >"$tmp/exchange.ics" <<'ICS'
BEGIN:VCALENDAR
METHOD:PUBLISH
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
X-WR-CALNAME:Geneva liaison office
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
UID:geneva-briefing@liaison.example
SUMMARY;LANGUAGE=en-US:Briefing from Geneva
DTSTART;TZID=W. Europe Standard Time:20261104T100000
DTEND;TZID=W. Europe Standard Time:20261104T110000
DTSTAMP:20261001T080000Z
END:VEVENT
BEGIN:VEVENT
UID:geneva-summer@liaison.example
SUMMARY;LANGUAGE=en-US:Preparatory call
DTSTART;TZID=W. Europe Standard Time:20260701T100000
DTEND;TZID=W. Europe Standard Time:20260701T110000
DTSTAMP:20261001T080000Z
END:VEVENT
END:VCALENDAR
ICS
expect_exit 0 "$DAIS" import --all-dates "$tmp/exchange.ics" "$D"
expect_contains "exchange.ics: TZID 'W. Europe Standard Time' (a Windows zone name) read as the IANA zone Europe/Berlin" stdout "$out"
f="$D/programme/import-exchange.ics"
[ "$(utc_of "$f" geneva-briefing@liaison.example)" = "20261104T0900Z 20261104T1000Z" ] || { echo "FAIL: the November briefing is at $(utc_of "$f" geneva-briefing@liaison.example)"; fail=1; }
[ "$(utc_of "$f" geneva-summer@liaison.example)" = "20260701T0800Z 20260701T0900Z" ] || { echo "FAIL: the July call is at $(utc_of "$f" geneva-summer@liaison.example)"; fail=1; }
expect_not_contains "W. Europe" "the imported file" "$(cat "$f")"
# dais reads it at the same instant: 09:00 UTC is 12:00 in Kuwait.
expect_exit 0 "$DAIS" runsheet "$D" --day 2026-11-04
expect_contains "12:00-13:00  Briefing from Geneva" stdout "$out"

# A name neither the database nor ICU knows, without a VTIMEZONE: refused
# naming the file, the line, the TZID and what to do; with the file's own
# VTIMEZONE, read by it, as any client does.
sed 's/Arab Standard Time/Atlantis Standard Time/' "$oc/outlook-no-vtimezone.ics" >"$tmp/atlantis.ics"
cp -r "$SRCDIR/data/kuwait-2026" "$tmp/atlantis"
expect_exit 2 "$DAIS" import "$tmp/atlantis.ics" "$tmp/atlantis"
expect_contains "atlantis.ics:10: error: TZID=Atlantis Standard Time is neither a zone of the time zone database nor a Windows zone name (as Outlook writes them) that ICU knows, and this file has no VTIMEZONE for it: change the TZID to an IANA name such as Asia/Kuwait, or export the calendar again with its time zones" stderr "$err"
expect_contains "nothing imported" stderr "$err"
sed 's/Arab Standard Time/Atlantis Standard Time/' "$oc/outlook.ics" >"$tmp/atlantis-vtimezone.ics"
expect_exit 0 "$DAIS" import "$tmp/atlantis-vtimezone.ics" "$tmp/atlantis"
expect_not_contains "Windows zone name" stdout "$out"
f="$tmp/atlantis/programme/import-atlantis-vtimezone.ics"
grep -q 'TZID=Atlantis Standard Time' "$f" || { echo "FAIL: a zone of the file's own was renamed"; fail=1; }
[ "$(utc_of "$f" "$opening")" = "20261104T0600Z 20261104T0730Z" ] || { echo "FAIL: by its own VTIMEZONE the opening is at $(utc_of "$f" "$opening")"; fail=1; }
finish
