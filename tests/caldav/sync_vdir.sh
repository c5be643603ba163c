#!/bin/bash
# sync_vdir.sh: dais sync on a programme whose `files` (and so
# new-sessions) is a directory, a khal vdir of one event per file. It
# refused before; now each session another client adds on the server
# comes into a file of its own, calendar/<uid>.ics, named as the planner
# names a new session's (the UID made safe: %XX for '/' and a space), and
# conference.ini stays as it was; dais check reads them; a second sync
# changes nothing; a session deleted on the server takes its file with it.
. "$SRCDIR/tests/caldav/lib.sh"

start_radicale
url=$server/amal/vdir/
cp -r "$FIXTURES/vdir-khal" "$tmp/p"
printf '\n[server]\nurl = "%s"\nuser = "amal"\n' "$url" >>"$tmp/p/conference.ini"
cp "$tmp/p/conference.ini" "$tmp/conference.before"

expect_exit 0 "$DAIS" sync --create "$tmp/p"
expect_contains "to the server 0 changed, 5 new, 0 deleted" "the first sync" "$out"

# another_client METHOD HREF [FILE]: a PUT or DELETE as another calendar
# client makes it.
another_client() {
	/usr/bin/python3 - "$url$2" "$1" "${3:-}" <<'PY'
import sys, urllib.request, base64
url, method, path = sys.argv[1:4]
auth = {"Authorization": "Basic " + base64.b64encode(b"amal:secret-amal").decode()}
data = open(path, "rb").read() if path else None
req = urllib.request.Request(url, data=data, method=method,
                             headers=dict(auth, **{"Content-Type": "text/calendar"}))
print(urllib.request.urlopen(req).status)
PY
}
event() { # UID SUMMARY START END (Kuwait time)
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other client//EN\r\nBEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20261201T090000Z\r\nSUMMARY:%s\r\nDTSTART;TZID=Asia/Kuwait:%s\r\nDTEND;TZID=Asia/Kuwait:%s\r\nEND:VEVENT\r\nBEGIN:VTIMEZONE\r\nTZID:Asia/Kuwait\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\nTZNAME:+03\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n' "$1" "$2" "$3" "$4"
}
event 'press-briefing@other.example' 'Press briefing' 20261104T180000 20261104T183000 >"$tmp/one.ics"
event 'side event/ثاني@other.example' 'Второе мероприятие' 20261105T160000 20261105T170000 >"$tmp/two.ics"
another_client PUT press.ics "$tmp/one.ics" >/dev/null
another_client PUT second.ics "$tmp/two.ics" >/dev/null

expect_exit 0 "$DAIS" sync "$tmp/p"
expect_contains "from the server 0 changed, 2 new, 0 deleted" "the sync after the other client" "$out"
one="$tmp/p/calendar/press-briefing@other.example.ics"
two="$tmp/p/calendar/side%20event%2Fثاني@other.example.ics"
for f in "$one" "$two"; do
	[ -f "$f" ] || { echo "FAIL: no $f; calendar/ holds: $(ls "$tmp/p/calendar")"; fail=1; continue; }
	[ "$(grep -c '^BEGIN:VEVENT' "$f")" = 1 ] || { echo "FAIL: $f does not hold one event"; fail=1; }
done
grep -q 'SUMMARY:Press briefing' "$one" || { echo "FAIL: the first event is not in its file"; fail=1; }
grep -q 'SUMMARY:Второе мероприятие' "$two" || { echo "FAIL: the second event is not in its file"; fail=1; }
[ "$(ls "$tmp/p/calendar" | wc -l)" = 7 ] || { echo "FAIL: calendar/ holds: $(ls "$tmp/p/calendar")"; fail=1; }
cmp -s "$tmp/conference.before" "$tmp/p/conference.ini" || { echo "FAIL: conference.ini changed"; diff "$tmp/conference.before" "$tmp/p/conference.ini"; fail=1; }
for f in "$tmp/p/calendar"/*.ics; do
	grep -q '^BEGIN:VEVENT' "$f" || { echo "FAIL: $f has no event"; fail=1; }
done

expect_exit 0 "$DAIS" check "$tmp/p"
expect_contains "Vdir Conference: 7 sessions, no conflicts." "dais check" "$out"
expect_not_contains "warning" "dais check's stderr" "$err"
# Their times as the other client gave them (Kuwait is UTC+3).
expect_exit 0 "$DAIS" export "$tmp/p" -o "$tmp/all.ics"
/usr/bin/python3 - "$tmp/all.ics" >"$tmp/times" <<'PY'
import sys, icalendar, datetime
for ev in icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read()).walk("VEVENT"):
    s = ev.decoded("DTSTART")
    if isinstance(s, datetime.datetime):  # the vdir has an all-day item
        print(ev.get("UID"), s.astimezone(datetime.timezone.utc).strftime("%Y%m%dT%H%MZ"))
PY
expect_contains "press-briefing@other.example 20261104T1500Z" "the exported times" "$(cat "$tmp/times")"
expect_contains "side event/ثاني@other.example 20261105T1300Z" "the exported times" "$(cat "$tmp/times")"

# A second sync changes nothing, on either side.
sums() { (cd "$tmp/p" && find calendar conference.ini -type f | sort | xargs md5sum); }
sums >"$tmp/sums.before"
expect_exit 0 "$DAIS" sync "$tmp/p"
expect_contains "from the server 0 changed, 0 new, 0 deleted; to the server 0 changed, 0 new, 0 deleted" "the second sync" "$out"
sums >"$tmp/sums.after"
cmp -s "$tmp/sums.before" "$tmp/sums.after" || { echo "FAIL: the second sync changed files"; diff "$tmp/sums.before" "$tmp/sums.after"; fail=1; }

# Deleted on the server: its file goes (not left as an empty calendar).
another_client DELETE press.ics >/dev/null
expect_exit 0 "$DAIS" sync "$tmp/p"
expect_contains "from the server 0 changed, 0 new, 1 deleted" "the sync after the deletion" "$out"
[ ! -e "$one" ] || { echo "FAIL: the deleted session's file is still there: $(cat "$one")"; fail=1; }
[ -f "$two" ] || { echo "FAIL: the other file went too"; fail=1; }
expect_exit 0 "$DAIS" check "$tmp/p"
expect_contains "Vdir Conference: 6 sessions, no conflicts." "dais check after the deletion" "$out"
expect_not_contains "warning" "dais check's stderr" "$err"
finish
