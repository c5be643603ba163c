#!/bin/bash
# sync_faults_wire.sh: the faults of issue 16 item 6 on the wire between
# dais sync and Radicale (made by faultproxy.py): an answer cut mid-body,
# a stall, malformed XML, a resource that is no iCalendar or that the
# loader refuses, and TLS with and without the private CA named. Each
# leaves the working copy whole, and the next sync completes.
. "$SRCDIR/tests/caldav/faults.sh"

# A response cut mid-body, a stall (short timeout), malformed XML.
pending
fault cut REPORT
expect_exit 1 "$DAIS" sync "$tmp/a"
expect_contains "the answer to REPORT was cut off" "cut" "$err"
unchanged "a cut answer"
recovers "a cut answer"

pending
fault stall REPORT
start=$(date +%s)
DAIS_HTTP_STALL_TIMEOUT=2 expect_exit 1 "$DAIS" sync "$tmp/a"
took=$(($(date +%s) - start))
expect_contains "the server stopped answering REPORT" "stall" "$err"
expect_contains "DAIS_HTTP_STALL_TIMEOUT" "stall" "$err"
[ "$took" -lt 15 ] || { echo "FAIL: a 2 s stall timeout took $took s"; fail=1; }
unchanged "a stall"
recovers "a stall"

pending
fault bad-xml REPORT
expect_exit 1 "$DAIS" sync "$tmp/a"
expect_contains "is not valid XML (line" "malformed XML" "$err"
expect_contains "$url" "malformed XML" "$err"
unchanged "malformed XML"
recovers "malformed XML"

# A resource that is not iCalendar: named by href, the rest synced, and
# the session it held neither deleted nor overwritten here.
pending
fault bad-item d2-side-maritime
expect_exit 1 "$DAIS" sync "$tmp/a"
expect_contains "d2-side-maritime%40$dom.ics on the server was left alone: not an iCalendar object" "bad resource" "$err"
expect_contains "Drones (A's edit $n" "the server after a bad resource" \
	"$(/usr/bin/python3 -c 'import sys,urllib.request,base64;print(urllib.request.urlopen(urllib.request.Request(sys.argv[1],headers={"Authorization":"Basic "+base64.b64encode(b"amal:secret-amal").decode()})).read().decode())' "${url}d1-side-drones%40$dom.ics")"
expect_contains "d2-side-maritime@$dom" "A's file after a bad resource" "$(cat "$tmp/a/$side")"
recovers "a bad resource"

# A session the loader refuses (its end before its start): named by href.
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:backwards@test\r\nDTSTAMP:20261015T090000Z\r\nDTSTART:20261104T100000Z\r\nDTEND:20261104T090000Z\r\nSUMMARY:Backwards\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$tmp/backwards.ics"
/usr/bin/python3 -c 'import sys,urllib.request,base64;urllib.request.urlopen(urllib.request.Request(sys.argv[1],data=open(sys.argv[2],"rb").read(),method="PUT",headers={"Content-Type":"text/calendar","Authorization":"Basic "+base64.b64encode(b"amal:secret-amal").decode()}))' "${url}backwards.ics" "$tmp/backwards.ics"
expect_exit 1 "$DAIS" sync "$tmp/a"
expect_contains "backwards.ics on the server was left alone" "a refused session" "$err"
expect_not_contains "Backwards" "A's files" "$(cat "$tmp"/a/programme/*.ics)"

# TLS: verified; a private CA is trusted only when named with ca-file.
stop_servers
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
	-addext "subjectAltName=IP:127.0.0.1" -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null
tport=$(free_port)
sed -e "s|^hosts = .*|hosts = 127.0.0.1:$tport\nssl = True\ncertificate = $tmp/cert.pem\nkey = $tmp/key.pem|" \
	"$tmp/radicale/config" >"$tmp/radicale/tls-config"
/usr/bin/radicale --config "$tmp/radicale/tls-config" >>"$tmp/radicale/log" 2>&1 &
radicale_pid=$!
wait_port "$tport"
sed -i "s|^url = .*|url = \"https://127.0.0.1:$tport/amal/kuwait-2026/\"|" "$tmp/a/conference.ini"
expect_exit 1 "$DAIS" sync "$tmp/a"
expect_contains "TLS certificate could not be verified" "TLS without ca-file" "$err"
expect_contains "ca-file" "TLS without ca-file" "$err"
echo "ca-file = \"$tmp/cert.pem\"" >>"$tmp/a/conference.ini"
expect_exit 1 "$DAIS" sync "$tmp/a"
expect_contains "backwards.ics on the server was left alone" "TLS with ca-file" "$err"
expect_contains "from the server" "TLS with ca-file" "$out"

finish
