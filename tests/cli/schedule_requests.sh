#!/usr/bin/env bash
# schedule_requests.sh: requests.ini is read with the registries' checks:
# the example's loads clean; a broken one (an unknown id, a duration of 0,
# a window outside the days, a party named twice, a duplicate section ...)
# is reported by dais check with file:line messages and exit status 1,
# the programme's conflicts still listed (check_requests_broken.sh). Runs
# on copies of the example; never writes into the source tree.
. "$(dirname "$0")/lib.sh"

EX="$SRCDIR/data/kuwait-2026"

# The example's requests load: check says what it said without them.
expect_exit 1 "$DAIS" check "$EX"
expect_contains "2 errors, 2 warnings" stdout "$out"
expect_not_contains "requests.ini" stderr "$err"

# Each broken request, alone in a copy of the example.
broken() { # NAME TEXT: a copy whose requests.ini is TEXT
	rm -rf "$tmp/$1"
	cp -r "$EX" "$tmp/$1"
	printf '%s\n' "$2" >"$tmp/$1/requests.ini"
	echo "$tmp/$1"
}

d=$(broken unknown '[a]
parties = "kw-interior, tj-interorr"
duration = 30m')
expect_exit 1 "$DAIS" check "$d"
expect_contains "$d/requests.ini:2: error: parties in [a]: \"tj-interorr\" is not a participant of participants.ini: did you mean \"tj-interior\"?" stderr "$err"
expect_contains "requests.ini has 1 error above: the programme's conflicts are checked without it" stderr "$err"
expect_contains "2 errors, 2 warnings" stdout "$out"

d=$(broken zero '[a]
parties = "kw-interior, tj-interior"
duration = 0')
expect_exit 1 "$DAIS" check "$d"
expect_contains "$d/requests.ini:3: error: duration = \"0\" in [a]: a duration must be more than 0" stderr "$err"

d=$(broken outside '[a]
parties = "kw-interior, tj-interior"
duration = 30m
earliest = "2026-11-06 09:00"')
expect_exit 1 "$DAIS" check "$d"
expect_contains "$d/requests.ini:4: error: earliest in [a] is on 2026-11-06, which is not a conference day (2026-11-04, 2026-11-05)" stderr "$err"

d=$(broken short '[a]
parties = "kw-interior, tj-interior"
duration = 1h
earliest = "2026-11-04 09:00"
latest = "2026-11-04 09:30"')
expect_exit 1 "$DAIS" check "$d"
expect_contains "$d/requests.ini:5: error: [a]: the window 2026-11-04 09:00 to 2026-11-04 09:30 is shorter than the meeting's 60 minutes" stderr "$err"

# latest before earliest: said so, in the file's own form of times.
d=$(broken backwards '[a]
parties = "kw-interior, tj-interior"
duration = 30m
earliest = "2026-11-05 12:00"
latest = "2026-11-04 12:00"')
expect_exit 1 "$DAIS" check "$d"
expect_contains "$d/requests.ini:5: error: [a]: latest (2026-11-04 12:00) is before earliest (2026-11-05 12:00): swap them, or correct one" stderr "$err"
expect_not_contains "shorter than" stderr "$err"

# A window outside the day's hours: the reason names days and times as
# the other reasons do, not in ISO 8601.
d=$(broken night '[a]
parties = "kw-interior, tj-interior"
duration = 30m
earliest = "2026-11-04 22:30"
latest = "2026-11-04 23:30"')
expect_exit 1 "$DAIS" schedule "$d" --dry-run
expect_contains "a (priority 3): its window (Wed 4 Nov 22:30 to Wed 4 Nov 23:30) is outside the conference's hours (08:00-22:00 each day)." stdout "$out"
expect_not_contains "+03:00" stdout "$out"

d=$(broken twice '[a]
parties = "kw-interior, tj-interior, kw-interior"
duration = 30m')
expect_exit 1 "$DAIS" check "$d"
expect_contains "$d/requests.ini:2: error: parties in [a] names \"kw-interior\" twice" stderr "$err"

d=$(broken public '[a]
parties = "kw-interior, tj-interior"
duration = 30m
public = maybe')
expect_exit 1 "$DAIS" check "$d"
expect_contains "$d/requests.ini:4: error: [a] public = maybe: write yes (the meeting is in the public programme) or no (the default: a closed meeting, in its parties' calendars only)" stderr "$err"

d=$(broken alone '[a]
parties = "kw-interior"
duration = 30m')
expect_exit 1 "$DAIS" check "$d"
expect_contains "$d/requests.ini:2: error: parties in [a] names 1 participant: a bilateral needs two or more" stderr "$err"

# A request's id twice: the error alone, not the warnings that the two
# are merged and which line of a key given in both wins.
d=$(broken duplicate '[a]
parties = "kw-interior, tj-interior"
duration = 30m

[a]
parties = "kw-interior, eg-interior"
priority = 5')
expect_exit 1 "$DAIS" check "$d"
expect_contains "$d/requests.ini:5: error: [a] is a second request with the id of line 1" stderr "$err"
expect_not_contains "warning" stderr "$err"
expect_not_contains "appears again" stderr "$err"
# A key twice within one section is still warned about.
d=$(broken key_twice '[a]
parties = "kw-interior, tj-interior"
duration = 30m
duration = 45m')
expect_exit 1 "$DAIS" check "$d"
expect_contains "$d/requests.ini:4: warning: duration is given twice in [a] (lines 3 and 4): line 4 wins; remove one" stderr "$err"

d=$(broken priority '[a]
parties = "kw-interior, tj-interior"
duration = 30m
priority = 9
rooms = "bilaterl"
kind = "PRESS-CONFERENCE"')
expect_exit 1 "$DAIS" check "$d"
expect_contains "$d/requests.ini:4: error:" stderr "$err"
expect_contains "priority" stderr "$err"
expect_contains "$d/requests.ini:5: error: rooms in [a]: \"bilaterl\" is not a room of venues.ini: did you mean \"bilateral\"?" stderr "$err"
expect_contains "$d/requests.ini:6: error: kind = \"PRESS-CONFERENCE\" in [a] is not a session kind" stderr "$err"

d=$(broken missing '[a]
parties = "kw-interior, tj-interior"')
expect_exit 1 "$DAIS" check "$d"
expect_contains "$d/requests.ini:1: error: [a] has no duration" stderr "$err"

d=$(broken badid '[Kw Tj]
parties = "kw-interior, tj-interior"
duration = 30m')
expect_exit 1 "$DAIS" check "$d"
expect_contains "$d/requests.ini:1: error: [Kw Tj] is not an id" stderr "$err"

# A syntax error is refused as for the registries.
d=$(broken syntax '[a
parties = "kw-interior, tj-interior"')
expect_exit 1 "$DAIS" check "$d"
expect_contains "$d/requests.ini:1:" stderr "$err"

# A placed UID that no session has is a warning, not an error.
d=$(broken gone '[a]
parties = "kw-interior, tj-interior"
duration = 30m
placed = "request-a@nowhere"')
expect_exit 1 "$DAIS" check "$d"
expect_contains "$d/requests.ini:4: warning: [a] was placed as session request-a@nowhere, which is no longer in the programme" stderr "$err"

finish
