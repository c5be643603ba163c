#!/bin/bash
# vdirsyncer_khal.sh: an independent client reads the collection dais sync
# fills: Debian's vdirsyncer copies it to a vdir, and khal lists every
# session at the same UTC time as dais's own export. A session changed
# through vdirsyncer comes back into the programme with the next sync.
. "$SRCDIR/tests/caldav/lib.sh"

start_radicale
url=$server/amal/kuwait-2026/
working_copy "$tmp/a" "$url"
expect_exit 0 "$DAIS" sync --create "$tmp/a"

mkdir -p "$tmp/vdir" "$tmp/vds"
cat >"$tmp/vds/config" <<CFG
[general]
status_path = "$tmp/vds/status/"
[pair kuwait]
a = "kuwait_local"
b = "kuwait_remote"
collections = null
[storage kuwait_local]
type = "filesystem"
path = "$tmp/vdir/"
fileext = ".ics"
[storage kuwait_remote]
type = "caldav"
url = "$url"
username = "amal"
password = "secret-amal"
CFG
expect_exit 0 vdirsyncer -c "$tmp/vds/config" discover
expect_exit 0 vdirsyncer -c "$tmp/vds/config" sync
[ "$(ls "$tmp/vdir" | wc -l)" = 32 ] || { echo "FAIL: vdirsyncer copied $(ls "$tmp/vdir" | wc -l) resources, not 32"; fail=1; }

cat >"$tmp/khal.conf" <<CFG
[calendars]
[[kuwait]]
path = $tmp/vdir/
[locale]
local_timezone = UTC
default_timezone = UTC
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
CFG
khal -c "$tmp/khal.conf" list --format "{start} {title}" --day-format "" 2026-11-03 4d |
	sort >"$tmp/khal.txt"
# dais's own view of every session, in UTC (its internal export holds the
# closed meeting too, as the collection does)
"$DAIS" export "$tmp/a" --internal -o - | /usr/bin/python3 -c '
import sys, datetime, icalendar
for ev in icalendar.Calendar.from_ical(sys.stdin.buffer.read()).walk("VEVENT"):
    t = ev.decoded("DTSTART").astimezone(datetime.timezone.utc)
    print(t.strftime("%Y-%m-%d %H:%M"), ev.get("SUMMARY"))' | sort >"$tmp/dais.txt"
[ "$(wc -l <"$tmp/dais.txt")" -ge 30 ] || { echo "FAIL: dais exported $(wc -l <"$tmp/dais.txt") sessions"; fail=1; }
diff "$tmp/dais.txt" "$tmp/khal.txt" >"$tmp/diff" ||
	{ echo "FAIL: khal's sessions differ from dais's (< dais, > khal)"; cat "$tmp/diff"; fail=1; }
expect_contains "2026-11-04 06:30 Opening plenary" "khal" "$(cat "$tmp/khal.txt")"

# vdirsyncer writes a change; dais sync takes it in
f=$(grep -l "UID:d1-side-drones@" "$tmp"/vdir/*.ics)
sed -i 's/^SUMMARY:.*/SUMMARY:Drones (renamed in khal)/' "$f"
expect_exit 0 vdirsyncer -c "$tmp/vds/config" sync
expect_exit 0 "$DAIS" sync "$tmp/a"
expect_contains "from the server 1 changed, 0 new, 0 deleted; to the server 0 changed" "dais after vdirsyncer's change" "$out"
expect_contains "Drones (renamed in khal)" "the programme after vdirsyncer's change" "$(cat "$tmp/a/programme/side-sessions.ics")"
# the example's own two errors and two warnings, nothing lost on the way
expect_exit 1 "$DAIS" check "$tmp/a"
expect_contains "34 sessions, 2 errors, 2 warnings" "dais check after the round trip" "$out"

finish
