#!/usr/bin/env bash
# requests_titles.sh: the Requests view gives the title column what the
# placed rows' day, time and room leave (at most three fifths for them),
# so the scheduler's titles ("Bilateral: Kuwait – Saudi Arabia") are read
# whole at 100 columns; a placed request shows its session's title, also
# one changed since it was placed. Then at 80x24.
. "$(dirname "$0")/lib.sh"

copy_example prog
start "$tmp/prog"
keys F6
keys P
wait_for "Last run placed " 30
wait_for "+ P4 kw-sa-interior   Bilateral: Kuwait – Saudi Arabia  "
wait_for "Bilateral: Kuwait – Saudi Arabia  Wed 4 Nov 14:00-14:30 Bilateral Meeting Room"
wait_for "Wed 4 Nov 08:00-09:00 Garden Pavilion Room C"
keys C-s
wait_for "Saved "
keys q
wait_exit >/dev/null

# Its session retitled (by hand, or by a run before this rule).
ics=$(grep -l "request-kw-sa-interior@" "$tmp/prog"/programme/*.ics)
sed -i 's/^SUMMARY:Bilateral: Kuwait – Saudi Arabia/SUMMARY:Kuwait and Saudi Arabia: interior/' "$ics"
start "$tmp/prog" 80 24
keys F6
wait_for "+ P4 kw-sa-interior   Kuwait and Saudi Arabi… Wed 4 Nov 14:00-14:30"
wait_for "+ P4 kw-qa-interior   Bilateral: Kuwait – Qa…"
keys q
wait_exit >/dev/null
finish
