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

# frab has no all-day flag, and conference apps look for an event within
# its day's start and end (c3voc's get_day_from_time calls anything else
# an illegal start time): the item is an event on each day it covers, from
# the day's start to its end (08:00-22:00); the day's hours stay the
# conference's, not widened to its midnights. Valid against the schema.
expect_exit 0 "$DAIS" export "$p" --format frab -o "$tmp/frab.xml"
xmllint --noout --schema "$SRCDIR/tests/export/frab-schedule.xsd" \
	"$tmp/frab.xml" >"$tmp/lint" 2>&1 ||
	{ echo "FAIL: frab.xml is not valid"; cat "$tmp/lint"; fail=1; }
frab=$(cat "$tmp/frab.xml")
# The independent checker (python3-icalendar, xml.etree) agrees on every
# event, the all-day one's two included, and that each starts in its day.
/usr/bin/python3 "$SRCDIR/tests/export/check_frab.py" "$p" "$tmp/frab.xml" \
	>"$tmp/checked" 2>&1 || { echo "FAIL: check_frab.py"; cat "$tmp/checked"; fail=1; }
expect_contains '<day index="1" date="2026-11-04" start="2026-11-04T08:00:00+03:00" end="2026-11-04T22:00:00+03:00">' \
	frab "$frab"
expect_contains '<event guid="767f4368-7450-512c-9aaf-2054b859c3bc" id="1988051816">
        <date>2026-11-04T08:00:00+03:00</date>
        <start>08:00</start>
        <duration>14:00</duration>
        <room>Plenary Hall</room>
        <slug>mini-1988051816-arrival-of-delegations</slug>
        <title>Arrival of delegations</title>' frab "$frab"
# Day 2's part: its own guid, of urn:dais:event:arrival@mini/2026-11-05.
guid2=$(/usr/bin/python3 -c 'import uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, "urn:dais:event:arrival@mini/2026-11-05"))')
expect_contains "<event guid=\"$guid2\" id=\"660090948\">
        <date>2026-11-05T08:00:00+03:00</date>
        <start>08:00</start>
        <duration>14:00</duration>" frab "$frab"
expect_not_contains '<start>00:00</start>' frab "$frab"
# One day alone: day 2 still shows the item begun the day before.
expect_exit 0 "$DAIS" export "$p" --format frab --day 2026-11-05 -o "$tmp/d2.xml"
/usr/bin/python3 "$SRCDIR/tests/export/check_frab.py" "$p" "$tmp/d2.xml" \
	--day 2026-11-05 >"$tmp/checked" 2>&1 ||
	{ echo "FAIL: check_frab.py --day"; cat "$tmp/checked"; fail=1; }
expect_contains "<event guid=\"$guid2\"" frab "$(cat "$tmp/d2.xml")"

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
