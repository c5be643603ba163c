# all_day_outputs.sh: an all-day item (DTSTART;VALUE=DATE) reads "all day"
# in a participant's programme (runsheet --for) on each day it covers, and
# in the frab and HTML exports, never as 00:00-00:00 (issue 13 item 1).
. "$(dirname "$0")/lib.sh"
ics=programme/sessions.ics
p=$(programme_copy "$FIXTURES/mini")
# A two-day arrival the Minister of Interior of Kuwait chairs, in the hall.
sed -i '/^END:VCALENDAR/d' "$p/$ics"
cat >>"$p/$ics" <<'EOF'
BEGIN:VEVENT
UID:arrival@mini
DTSTAMP:20261001T000000Z
SUMMARY:Arrival of delegations
DTSTART;VALUE=DATE:20261104
DTEND;VALUE=DATE:20261106
LOCATION:Plenary Hall
X-DAIS-ROOM:hall
ATTENDEE;CN=Minister of Interior — Kuwait;ROLE=CHAIR;X-DAIS-ID=kw-interior:urn:x-dais:kw-interior
END:VEVENT
END:VCALENDAR
EOF

# The participant's programme: "all day" on both days, no midnights.
expect_exit 0 "$DAIS" runsheet "$p" --for kw-interior
expect_contains "all day      Arrival of delegations
             all day, day 1 of 2 · SESSION · CONFIRMED" stdout "$out"
expect_contains "all day      Arrival of delegations
             all day, day 2 of 2 · SESSION · CONFIRMED" stdout "$out"
expect_not_contains "00:00" stdout "$out"
expect_not_contains "continued from" stdout "$out"

# frab has no all-day flag: 00:00 and the days it covers as hours, on its
# first day, valid against the schema; the day's hours stay the
# conference's (08:00-22:00), not widened to its midnights.
expect_exit 0 "$DAIS" export "$p" --format frab -o "$tmp/frab.xml"
xmllint --noout --schema "$SRCDIR/tests/export/frab-schedule.xsd" \
	"$tmp/frab.xml" >"$tmp/lint" 2>&1 ||
	{ echo "FAIL: frab.xml is not valid"; cat "$tmp/lint"; fail=1; }
frab=$(cat "$tmp/frab.xml")
# The independent checker (python3-icalendar, xml.etree) agrees on every
# event, the all-day one included.
/usr/bin/python3 "$SRCDIR/tests/export/check_frab.py" "$p" "$tmp/frab.xml" \
	>"$tmp/checked" 2>&1 || { echo "FAIL: check_frab.py"; cat "$tmp/checked"; fail=1; }
expect_contains '<day index="1" date="2026-11-04" start="2026-11-04T08:00:00+03:00" end="2026-11-04T22:00:00+03:00">' \
	frab "$frab"
expect_contains "<date>2026-11-04T00:00:00+03:00</date>
        <start>00:00</start>
        <duration>48:00</duration>
        <room>Plenary Hall</room>
        <slug>mini-1988051816-arrival-of-delegations</slug>
        <title>Arrival of delegations</title>" frab "$frab"

# HTML: an "All day" row at the top of each day it covers.
expect_exit 0 "$DAIS" export "$p" --format html -o "$tmp/p.html"
html=$(cat "$tmp/p.html")
expect_contains '<h2 id="h-day-2026-11-04">Day 1 · Wednesday 4 November 2026</h2>
<ol class="sessions">
<li class="session"><p class="when"><time datetime="2026-11-04">All day</time>, until <time datetime="2026-11-05">Thursday 5 November 2026</time></p><div class="what"><h3><span class="title">Arrival of delegations</span>' \
	html "$html"
expect_contains '<h2 id="h-day-2026-11-05">Day 2 · Thursday 5 November 2026</h2>
<ol class="sessions">
<li class="session"><p class="when"><time datetime="2026-11-05">All day</time></p><div class="what"><h3><span class="title">Arrival of delegations</span>' \
	html "$html"
expect_not_contains '>00:00</time>' html "$html"
# One day alone: the item that began the day before is still there.
expect_exit 0 "$DAIS" export "$p" --format html --day 2026-11-05 -o "$tmp/d2.html"
expect_contains '<time datetime="2026-11-05">All day</time></p><div class="what"><h3><span class="title">Arrival of delegations</span>' \
	html "$(cat "$tmp/d2.html")"
finish
