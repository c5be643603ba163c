# load_ics_bounds.sh: hostile .ics and .ini files, generated here (none is
# committed), are refused or cut short with a message naming file and
# line, within bounded time and memory: a 100 MB line, a million ATTENDEE
# lines on one event, components nested 10 000 deep, an RRULE that would
# run forever, a 100 MB conference.ini, 25 000 rooms (ICS_MAX_* in
# src/io/ics_internal.h, INI_* in src/io/registry_ini.c). The bounds below
# are several times what was measured on the 2-core machine with both cores
# busy: at most 0.5 s and 43 MB in the normal build; under ASan and UBSan
# 0.6 s and 60 MB for the .ics files, 1.9 s (25 000 rooms) and 96 MB (the
# 100 MB conference.ini) for the INI ones.
. "$(dirname "$0")/lib.sh"
ics=programme/sessions.ics
max_seconds=10
max_kb=200000

# bounded EXIT NAME: dais check on $tmp/p, within the bounds, with exit EXIT.
bounded() {
	/usr/bin/time -f "%e %M" -o "$tmp/usage" \
		timeout 120 "$DAIS" check "$tmp/p" >"$tmp/out" 2>"$tmp/err"
	got=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
	read -r secs kb < <(tail -n 1 "$tmp/usage") || { secs=999; kb=999999999; }
	echo "$2: exit $got, ${secs}s, ${kb} kB"
	if [ "$got" != "$1" ]; then
		echo "FAIL: $2: exit $got, expected $1"; head -c 2000 "$tmp/err"
		fail=1
	fi
	if ! awk -v s="$secs" -v m="$max_seconds" 'BEGIN { exit !(s <= m) }'
	then
		echo "FAIL: $2: took ${secs}s (bound ${max_seconds}s)"; fail=1
	fi
	if [ "$kb" -gt "$max_kb" ]; then
		echo "FAIL: $2: used ${kb} kB (bound ${max_kb} kB)"; fail=1
	fi
}

fresh() {
	rm -rf "$tmp/p"
	cp -r "$FIXTURES/mini" "$tmp/p"
}

# gen KIND: writes $tmp/p/$ics (head, one VEVENT from line 4, tail).
gen() {
	/usr/bin/python3 - "$1" "$tmp/p/$ics" <<'PY'
import sys
kind, path = sys.argv[1], sys.argv[2]
head = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//dais tests//bounds//EN\r\n"
        "BEGIN:VEVENT\r\nUID:hostile@bounds\r\nDTSTAMP:20261001T000000Z\r\n"
        "DTSTART;TZID=Asia/Kuwait:20261104T090000\r\n"
        "DTEND;TZID=Asia/Kuwait:20261104T100000\r\n")
with open(path, "w", newline="") as f:
    f.write(head)                                   # lines 1-8
    if kind == "long-line":                         # line 9: 100 MB
        f.write("DESCRIPTION:")
        chunk = "x" * (1 << 20)
        for _ in range(100):
            f.write(chunk)
        f.write("\r\n")
    elif kind == "long-folded":                     # line 9 on: 100 MB folded
        f.write("DESCRIPTION:x\r\n")
        line = " " + "y" * 74 + "\r\n"
        f.write(line * (100 * (1 << 20) // 74))
    elif kind == "attendees":                       # lines 9-1000008
        for i in range(1000000):
            f.write("ATTENDEE;CN=Delegate %d;X-DAIS-ID=d%d:urn:x-dais:d%d\r\n"
                    % (i, i, i))
    elif kind == "attendees-unknown":               # lines 9-10008
        for i in range(10000):
            f.write("ATTENDEE;CN=Delegate %d;X-DAIS-ID=d%d:urn:x-dais:d%d\r\n"
                    % (i, i, i))
    elif kind == "attendees-noid":                  # lines 9-10008
        for i in range(10000):
            f.write("ATTENDEE;CN=Guest %d:mailto:guest%d@example.org\r\n"
                    % (i, i))
    elif kind == "x-lines":                         # lines 9-60008
        f.write("X-PAD:a\r\n" * 60000)
    elif kind == "x-bytes":                         # lines 9-28, 1 MiB each
        pad = "X-PAD:" + "z" * (1 << 20) + "\r\n"
        for _ in range(20):
            f.write(pad)
    elif kind == "zones":                           # 20 000 VTIMEZONEs
        f.write("END:VEVENT\r\n")                   # line 9
        for i in range(20000):                      # from line 10, 8 each
            f.write("BEGIN:VTIMEZONE\r\nTZID:Zone-%d\r\n"
                    "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
                    "TZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\n"
                    "END:STANDARD\r\nEND:VTIMEZONE\r\n" % i)
        f.write("END:VCALENDAR\r\n")
        sys.exit(0)
    elif kind == "nested":                          # lines 9-20008
        f.write("BEGIN:X-NEST\r\n" * 10000)
        f.write("END:X-NEST\r\n" * 10000)
    elif kind == "nested-top":                      # a top-level X- nest
        f.write("END:VEVENT\r\n")
        f.write("BEGIN:X-NEST\r\n" * 10000)
        f.write("END:X-NEST\r\n" * 10000)
        f.write("END:VCALENDAR\r\n")
        sys.exit(0)
    elif kind == "secondly":                        # line 9
        f.write("RRULE:FREQ=SECONDLY\r\n")
    elif kind == "secondly-never":                  # line 9
        f.write("RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30;COUNT=5\r\n")
    f.write("END:VEVENT\r\nEND:VCALENDAR\r\n")
PY
}

# A line of 100 MB: left out, its session refused.
fresh; gen long-line
bounded 2 "100 MB line"
expect_contains "$tmp/p/$ics:9: error: this line is 104857613 bytes long (with its folded lines), more than the 4 MiB dais reads in one line, so dais leaves it out and refuses the component it belongs to" \
	stderr "$err"
expect_contains "(session hostile@bounds)" stderr "$err"

# The same 100 MB in 1.4 million folded lines of 75 bytes.
fresh; gen long-folded
bounded 2 "100 MB folded line"
expect_contains "$tmp/p/$ics:9: error: this line is " stderr "$err"
expect_contains "more than the 4 MiB dais reads in one line" stderr "$err"

# A million ATTENDEE lines: the event is refused at the 10 001st.
fresh; gen attendees
bounded 2 "1 000 000 ATTENDEE lines"
expect_contains "$tmp/p/$ics:10009: error: the VEVENT that begins at line 4 has more than 10000 ATTENDEE lines" \
	stderr "$err"
expect_not_contains "d999999" stderr "$err"

# 10 000 participants no registry knows (a file from another system): five
# named, the rest counted in one warning, not 10 000 of the same.
fresh; gen attendees-unknown
bounded 0 "10 000 unknown participants"
expect_contains "$tmp/p/$ics:4: warning: the participant d4 (ATTENDEE Delegate 4) is not in participants.ini" \
	stderr "$err"
expect_not_contains "participant d5 " stderr "$err"
expect_contains "$tmp/p/$ics:4: warning: and 9995 more participants (ATTENDEE) of this event are not in participants.ini (session hostile@bounds)" \
	stderr "$err"

# 10 000 ATTENDEE lines without a dais id: a warning each, the first 1 000
# listed (each with its own line), then a count.
fresh; gen attendees-noid
bounded 0 "10 000 ATTENDEE lines without an id"
expect_contains "$tmp/p/$ics:9: warning: ATTENDEE Guest 0 has no dais id" \
	stderr "$err"
expect_contains "$tmp/p/$ics:1008: warning: ATTENDEE Guest 999 has no dais id" \
	stderr "$err"
expect_not_contains "Guest 1000 " stderr "$err"
expect_contains "$tmp/p/$ics: warning: 9000 more problems in this file (0 of them errors) are not listed" \
	stderr "$err"

# A component of 60 000 lines, and one of 20 MiB.
fresh; gen x-lines
bounded 2 "60 000 lines in a VEVENT"
expect_contains "$tmp/p/$ics:50004: error: the VEVENT that begins at line 4 has more than 50000 lines" \
	stderr "$err"
fresh; gen x-bytes
bounded 2 "20 MiB in a VEVENT"
expect_contains "$tmp/p/$ics:24: error: the VEVENT that begins at line 4 holds more than 16 MiB of text" \
	stderr "$err"

# 20 000 VTIMEZONEs: the first 200 are read, the rest left with a word.
fresh; gen zones
bounded 0 "20 000 VTIMEZONEs"
expect_contains "$tmp/p/$ics:1610: warning: this file has more than 200 VTIMEZONEs; dais ignores this one and those after it" \
	stderr "$err"

# Components nested 10 000 deep inside a VEVENT: refused at the 17th.
fresh; gen nested
bounded 2 "10 000 nested BEGIN:X-NEST in a VEVENT"
expect_contains "$tmp/p/$ics:25: error: the VEVENT that begins at line 4 has components nested more than 16 deep (BEGIN:X-NEST here)" \
	stderr "$err"
expect_not_contains "has no END" stderr "$err"

# ... and at the top of the calendar: ignored, as any X- component is,
# with one warning; the event before it loads.
fresh; gen nested-top
bounded 0 "10 000 nested BEGIN:X-NEST at the top"
expect_contains "$tmp/p/$ics:10: warning: dais does not know BEGIN:X-NEST" \
	stderr "$err"
expect_not_contains "error:" stderr "$err"
expect_contains "Mini Conference: 1 session" stdout "$out"

# FREQ=SECONDLY with neither COUNT nor UNTIL: cut at the conference's end,
# 10 000 occurrences, and 1 000 sessions.
fresh; gen secondly
bounded 0 "RRULE:FREQ=SECONDLY"
expect_contains "$tmp/p/$ics:9: warning: the RRULE makes more than 10000 occurrences" \
	stderr "$err"
expect_contains "$tmp/p/$ics:4: warning: this recurring session makes more than 1000 sessions" \
	stderr "$err"
expect_contains "Mini Conference: 1000 sessions" stdout "$out"

# A rule that never matches: libical 3.0 alone would step a second at a
# time to the year 2582; COUNT from 2026 is bounded by the conference.
fresh; gen secondly-never
bounded 0 "RRULE that never matches"
expect_contains "Mini Conference: 1 session" stdout "$out"

# A 100 MB conference.ini: refused at 16 MiB without reading the rest.
fresh
/usr/bin/python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("[conference]\nname = \"")
    chunk = "x" * (1 << 20)
    for _ in range(100):
        f.write(chunk)
    f.write("\"\n")' "$tmp/p/conference.ini"
bounded 2 "100 MB conference.ini"
expect_contains "$tmp/p/conference.ini: error: the file is over 16777216 bytes, too big for a registry" \
	stderr "$err"

# 25 000 rooms in venues.ini: refused at the 20 001st section or key, since
# iniparser's time grows with the square of them.
fresh
/usr/bin/python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    for i in range(25000):
        f.write("[room.r%d]\nname = \"Room %d\"\n" % (i, i))' \
	"$tmp/p/venues.ini"
bounded 2 "25 000 rooms in venues.ini"
expect_contains "$tmp/p/venues.ini:20001: error: the file has more than 20000 sections and keys" \
	stderr "$err"

finish
