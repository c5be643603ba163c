#!/usr/bin/env bash
# slots.sh: dais slots on the example: candidates for two ministers in the
# bilateral rooms, each one clean when applied (dais check on a copy with
# the meeting added shows no new conflict), one line per day when nothing
# fits, JSON that parses, and bad input named with exit 2.
. "$(dirname "$0")/lib.sh"

EX="$SRCDIR/data/kuwait-2026"

expect_exit 0 "$DAIS" slots "$EX" --with kw-interior,tj-interior \
	--duration 45m --kind BILATERAL --day 2026-11-04
expect_contains "2026-11-04 08:00-08:45  Bilateral Meeting Room" stdout "$out"
expect_not_contains "Main Plenary Hall" stdout "$out"
first=$(echo "$out" | head -1)

# The first candidate, applied to a copy, adds no conflict.
cp -r "$EX" "$tmp/ex"
"$DAIS" check "$tmp/ex" >"$tmp/before"
start=$(echo "$first" | awk '{print $2}' | cut -d- -f1 | tr -d :)
end=$(echo "$first" | awk '{print $2}' | cut -d- -f2 | tr -d :)
cat > "$tmp/ex/programme/zz-slot.ics" <<ICS
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//dais//test//EN
BEGIN:VEVENT
UID:slot-test@dais
DTSTAMP:20261001T000000Z
SUMMARY:Kuwait-Tajikistan bilateral
DTSTART;TZID=Asia/Kuwait:20261104T${start}00
DTEND;TZID=Asia/Kuwait:20261104T${end}00
X-DAIS-ROOM:bilateral
CATEGORIES:BILATERAL
ATTENDEE;CN=Kuwait;CUTYPE=INDIVIDUAL;X-DAIS-ID=kw-interior:urn:x-dais:kw-interior
ATTENDEE;CN=Tajikistan;CUTYPE=INDIVIDUAL;X-DAIS-ID=tj-interior:urn:x-dais:tj-interior
END:VEVENT
END:VCALENDAR
ICS
sed -i 's|^files = "\(.*\)"|files = "\1, programme/zz-slot.ics"|' "$tmp/ex/conference.ini"
"$DAIS" check "$tmp/ex" >"$tmp/after"
expect_contains "2 errors, 2 warnings" after "$(head -1 "$tmp/after")"
expect_contains "2 errors, 2 warnings" before "$(head -1 "$tmp/before")"

# Nothing fits: why, per day.
expect_exit 1 "$DAIS" slots "$EX" --with qa-interior,kw-interior \
	--duration 4h --rooms bilateral --day 2026-11-04
expect_contains "Wed 4 Nov: Minister of Interior — Qatar is in sessions 11:15-13:00" stdout "$out"
expect_contains "the parties have no 240 minutes free together" stdout "$out"
expect_exit 1 "$DAIS" slots "$EX" --with qa-interior,kw-interior \
	--duration 3h --kind bilateral --languages zh
expect_contains "Thu 5 Nov:" stdout "$out"
# No bilateral room has zh booths at all: "no room is free" would send
# the organiser to look for another time (review3 leftover of finding 7).
expect_contains "the parties are free 11:00-15:45 and 18:30-22:00, but none of the rooms for BILATERAL sessions (venues.ini kinds) has zh booths: plenary has them (name it with --rooms)" stdout "$out"
expect_not_contains "is free" stdout "$out"
expect_exit 1 "$DAIS" slots "$EX" --with kw-interior,tj-interior \
	--duration 45m --rooms bilateral,side-c --languages ar --day 2026-11-04
expect_contains "but none of the rooms asked for (--rooms) has ar booths: plenary, side-a, side-b, press have them (name one with --rooms)" stdout "$out"
expect_exit 1 "$DAIS" slots "$EX" --with kw-interior,tj-interior \
	--duration 45m --rooms bilateral --expected 30 --day 2026-11-04
expect_contains "but the room asked for (--rooms) lacks 30 seats:" stdout "$out"
# With warnings allowed such a room is offered, with its warning.
expect_exit 0 "$DAIS" slots "$EX" --with kw-interior,tj-interior \
	--duration 45m --rooms bilateral --languages ar --allow-warnings --day 2026-11-04
expect_contains "Bilateral Meeting Room" stdout "$out"

# Warnings allowed: each candidate with what it would cause.
expect_exit 0 "$DAIS" slots "$EX" --with kw-interior --duration 30m \
	--rooms bilateral --expected 20 --allow-warnings --day 2026-11-05
expect_contains "warning: 'Meeting' expects 20 people but Bilateral Meeting Room seats 14." stdout "$out"

# JSON parses.
expect_exit 0 "$DAIS" slots "$EX" --with kw-interior,tj-interior \
	--duration 1h --kind BILATERAL --format json
echo "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["candidates"][0]["room"]' \
	|| { echo "FAIL: JSON"; fail=1; }

# An existing session: where it could move.
expect_exit 0 "$DAIS" slots "$EX" --session "$(grep -h '^UID:' "$EX"/programme/*.ics | head -1 | cut -d: -f2- | tr -d '\r')" --day 2026-11-04

# Bad input, named.
expect_exit 2 "$DAIS" slots "$EX" --with qa-interiour --duration 30m
expect_contains "'qa-interiour' is not a participant" stderr "$err"
expect_exit 2 "$DAIS" slots "$EX" --with qa-interior --duration 0
expect_contains "--duration 0" stderr "$err"
expect_exit 2 "$DAIS" slots "$EX" --with qa-interior --duration 30m --day 2026-11-07
expect_contains "not a conference day" stderr "$err"
expect_exit 2 "$DAIS" slots "$EX" --with qa-interior --duration 30m --kind GALA
expect_contains "'GALA' is not a session kind" stderr "$err"
expect_exit 2 "$DAIS" slots "$EX" --with qa-interior,qa-interior --duration 30m
expect_contains "named twice" stderr "$err"
# A recurring series by its UID: --day chooses the occurrence; without it
# dais says it is a series (review finding 14: "There is no session").
expect_exit 2 "$DAIS" slots "$EX" --session coffee-morning@kuwait-2026.dushanbe-process
expect_contains "is a recurring series (2 occurrences, the first on Wed 4 Nov 2026): give --day DATE to choose one." stderr "$err"
expect_exit 0 "$DAIS" slots "$EX" --session coffee-morning@kuwait-2026.dushanbe-process --day 2026-11-05
expect_contains "2026-11-05 08:00-08:30" stdout "$out"
# Half a number, or one past any room, is refused (review finding 19:
# atoi took "12x" as 12 and an overflow as 276447231 seats).
expect_exit 2 "$DAIS" slots "$EX" --with qa-interior --duration 30m --expected 12x
expect_contains "--expected 12x: give the number of seats needed, a whole number above 0" stderr "$err"
expect_exit 2 "$DAIS" slots "$EX" --with qa-interior --duration 30m --expected 99999999999999
expect_contains "--expected 99999999999999: give the number" stderr "$err"

# The walk shown is the longest any party must make, not the sum, and only
# a walk that constrains the meeting counts (review3 finding 8). By hand on
# the example: on 4 Nov the three ministers' sessions before 19:30 are all
# in the main building; the reception at 19:30 is on the Garden Terrace
# (pavilion), walk.pavilion = 6, changeover 10: a walk counts when the gap
# is under 6 + 10 + 30 = 46 minutes, so for a meeting ending 18:45 (gap 45)
# and after, not for one ending 18:30 (gap 60) or 17:45. Each minister
# walks 6: the figure is 6 for one, two or three of them.
for W in kw-interior kw-interior,tj-interior kw-interior,tj-interior,qa-interior; do
	expect_exit 0 "$DAIS" slots "$EX" --with "$W" --duration 45m \
		--day 2026-11-04 --rooms bilateral
	expect_contains "2026-11-04 18:00-18:45  Bilateral Meeting Room (Sheikh Jaber Al-Ahmad Cultural Centre, Main Building)  walk 6 min" stdout "$out"
	expect_contains "2026-11-04 17:45-18:30  Bilateral Meeting Room (Sheikh Jaber Al-Ahmad Cultural Centre, Main Building)
" stdout "$out"
	expect_not_contains "walk 12 min" stdout "$out"
	expect_not_contains "walk 18 min" stdout "$out"
	expect_not_contains "17:00-17:45  Bilateral Meeting Room (Sheikh Jaber Al-Ahmad Cultural Centre, Main Building)  walk" stdout "$out"
done
# Qatar's minister for an hour: 13:15 is five hours before the reception,
# no walk; 17:45-18:45 is 45 minutes before it, walk 6.
expect_exit 0 "$DAIS" slots "$EX" --with qa-interior --duration 1h \
	--day 2026-11-04 --rooms bilateral
expect_contains "2026-11-04 13:15-14:15  Bilateral Meeting Room (Sheikh Jaber Al-Ahmad Cultural Centre, Main Building)
" stdout "$out"
expect_contains "2026-11-04 17:45-18:45  Bilateral Meeting Room (Sheikh Jaber Al-Ahmad Cultural Centre, Main Building)  walk 6 min" stdout "$out"
# A far walk no longer outranks --prefer: 17:00 comes first.
expect_exit 0 "$DAIS" slots "$EX" --with kw-interior,tj-interior \
	--duration 45m --day 2026-11-04 --rooms bilateral --prefer 17:00
expect_contains "2026-11-04 17:00-17:45" first "$(echo "$out" | head -1)"
# JSON names the figure for what it is.
expect_exit 0 "$DAIS" slots "$EX" --with kw-interior,tj-interior,qa-interior \
	--duration 45m --day 2026-11-04 --rooms bilateral --format json
echo "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
by = {c["start"][11:16]: c["longest_walk_minutes"] for c in d["candidates"]}
assert by["17:00"] == 0 and by["17:45"] == 0 and by["18:00"] == 6, by
assert "walk_minutes" not in d["candidates"][0]' || { echo "FAIL: JSON longest_walk_minutes"; fail=1; }

# A language no room has booths for is bad input, with the booths there
# are, not "no room ... is free" (review3 finding 7).
expect_exit 2 "$DAIS" slots "$EX" --with kw-interior,tj-interior \
	--duration 45m --languages ar,rus --day 2026-11-04
expect_contains "dais slots: no room of venues.ini has booths for rus (the booths are ar, en, ru, fr, zh)" stderr "$err"
expect_not_contains "is free" stdout "$out"
# An unknown party: the did-you-mean requests.ini's loader gives.
expect_exit 2 "$DAIS" slots "$EX" --with kw-interior,tj-interor --duration 45m
expect_contains "'tj-interor' is not a participant of participants.ini: did you mean \"tj-interior\"?" stderr "$err"

# A room's kinds must be session kinds of conference.ini: file and line.
cp -r "$EX" "$tmp/bad"
sed -i 's/^kinds = "BILATERAL"$/kinds = "BILATERAL, GALA"/' "$tmp/bad/venues.ini"
expect_exit 2 "$DAIS" slots "$tmp/bad" --with kw-interior --duration 30m
expect_contains 'venues.ini:47: error: kinds in [room.bilateral]: "GALA" is not a session kind' stderr "$err"

finish
