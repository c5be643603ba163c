#!/bin/bash
# publish_sequence.sh: dais publish to Radicale: the public programme and
# a participant's own calendar as collections; a closed meeting only in
# its participants' calendars; a moved session reaches a subscriber at
# the next publish with a higher SEQUENCE (read with python3-icalendar);
# nothing unchanged is sent again.
. "$SRCDIR/tests/caldav/lib.sh"
edit() { /usr/bin/python3 "$SRCDIR/tests/caldav/icsedit.py" "$@"; }
dom=kuwait-2026.dushanbe-process

start_radicale
working_copy "$tmp/p" "$server/amal/kuwait-2026/"
echo "publish-url = \"$server/amal/\"" >>"$tmp/p/conference.ini"

# read_event COLLECTION UID: "SEQUENCE DTSTART-in-UTC SUMMARY" as a
# subscribed client sees it, or "absent".
read_event() {
	/usr/bin/python3 - "$server/amal/$1/" "$2" <<'PY'
import sys, urllib.request, urllib.parse, base64, icalendar
url, uid = sys.argv[1], sys.argv[2]
auth = {"Authorization": "Basic " + base64.b64encode(b"amal:secret-amal").decode()}
req = urllib.request.Request(url + urllib.parse.quote(uid, safe="") + ".ics", headers=auth)
try:
    data = urllib.request.urlopen(req).read()
except urllib.error.HTTPError as e:
    print("absent" if e.code == 404 else "HTTP %d" % e.code); sys.exit(0)
for ev in icalendar.Calendar.from_ical(data).walk("VEVENT"):
    start = ev.decoded("DTSTART").astimezone(__import__("datetime").timezone.utc)
    print(int(ev.get("SEQUENCE", 0)), start.strftime("%Y%m%dT%H%M%SZ"), ev.get("SUMMARY"))
PY
}

expect_exit 0 "$DAIS" publish "$tmp/p" --for tj-mfa-deputy --for kw-interior
expect_contains "3 calendars (3 collections made)" "first publish" "$out"
[ -f "$tmp/p/.dais-publish" ] || { echo "FAIL: no .dais-publish"; fail=1; }

# the public programme has no closed meeting; the participant's has
expect_contains "absent" "the closed meeting in the public programme" "$(read_event programme d2-heads-of-delegation@$dom)"
expect_contains "Heads of delegation" "the closed meeting in tj-mfa-deputy's calendar" "$(read_event tj-mfa-deputy d2-heads-of-delegation@$dom)"
expect_contains "absent" "the closed meeting in kw-interior's calendar" "$(read_event kw-interior d2-heads-of-delegation@$dom)"
# no internal notes in what is published
curl_out=$(/usr/bin/python3 - "$server/amal/tj-mfa-deputy/" <<'PY'
import sys, urllib.request, base64
auth = {"Authorization": "Basic " + base64.b64encode(b"amal:secret-amal").decode()}
body = b'<?xml version="1.0"?><C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:calendar-data/></D:prop><C:filter><C:comp-filter name="VCALENDAR"/></C:filter></C:calendar-query>'
req = urllib.request.Request(sys.argv[1], data=body, method="REPORT", headers=dict(auth, Depth="1", **{"Content-Type": "application/xml"}))
print(urllib.request.urlopen(req).read().decode())
PY
)
expect_contains "Heads of delegation" "tj-mfa-deputy's calendar" "$curl_out"
expect_not_contains "X-DAIS-NOTES" "tj-mfa-deputy's calendar" "$curl_out"
expect_not_contains "VIP entrance" "tj-mfa-deputy's calendar" "$curl_out"

before=$(read_event kw-interior d1-opening@$dom)
expect_contains "20261104T063000Z Opening plenary" "kw-interior before the move" "$before"

# nothing changed: nothing sent
expect_exit 0 "$DAIS" publish "$tmp/p" --for tj-mfa-deputy --for kw-interior --stats
expect_contains "events 0 new, 0 changed, 0 deleted" "an idle publish" "$out"

# the opening moves by half an hour
edit "$tmp/p/programme/plenary.ics" "d1-opening@$dom" set DTSTART ";TZID=Asia/Kuwait:20261104T100000"
edit "$tmp/p/programme/plenary.ics" "d1-opening@$dom" set DTEND ";TZID=Asia/Kuwait:20261104T111500"
expect_exit 0 "$DAIS" publish "$tmp/p" --for tj-mfa-deputy --for kw-interior
expect_contains "events 0 new, 2 changed, 0 deleted" "the publish after the move" "$out"
after=$(read_event kw-interior d1-opening@$dom)
expect_contains "20261104T070000Z Opening plenary" "kw-interior after the move" "$after"
seq_before=${before%% *}; seq_after=${after%% *}
[ "$seq_after" -gt "$seq_before" ] || { echo "FAIL: SEQUENCE $seq_before -> $seq_after did not rise"; fail=1; }

# a participant taken off every session: the calendar is emptied
for u in d1-opening d1-ministerial-1 d2-closing d2-press d1-reception d1-bilateral-kw-tj d1-bilateral-kw-kz d2-bilateral-kw-it d2-bilateral-kw-eg; do
	/usr/bin/python3 - "$tmp/p/programme" "$u@$dom" <<'PY'
import sys, glob
for f in glob.glob(sys.argv[1] + "/*.ics"):
    t = open(f, newline="").read()
    lines, out, ev = t.split("\r\n"), [], None
    un = []
    for l in lines:
        if l.startswith(" ") and un: un[-1] += l[1:]
        else: un.append(l)
    for l in un:
        if l.startswith("ATTENDEE") and "X-DAIS-ID=kw-interior" in l: continue
        out.append(l)
    open(f, "w", newline="").write("\r\n".join(out))
PY
done
expect_exit 0 "$DAIS" publish "$tmp/p" --for kw-interior
expect_contains "absent" "kw-interior's emptied calendar" "$(read_event kw-interior d1-opening@$dom)"

# no publish-url and no --to: told what to add
sed -i '/^publish-url/d' "$tmp/p/conference.ini"
expect_exit 2 "$DAIS" publish "$tmp/p"
expect_contains "publish-url" "no publish-url" "$err"

finish
