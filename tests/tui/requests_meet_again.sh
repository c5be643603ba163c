#!/usr/bin/env bash
# requests_meet_again.sh: the Requests view says below the list when the
# selected request's parties already meet in a bilateral of the programme
# (kw-eg-interior and the example's 'Bilateral meeting: Kuwait and Egypt'),
# before P and after it places the request all the same; a request whose
# parties meet only in plenaries says nothing of the kind.
. "$(dirname "$0")/lib.sh"

copy_example prog
start "$tmp/prog"
keys F6
wait_for "[kw-tj-interior]"
for i in $(seq 40); do
	screen | grep -qF "[kw-eg-interior]" && break
	now=$(screen)
	keys j
	wait_changed "$now" || break
done
wait_for "[kw-eg-interior]"
wait_for "Its parties already meet in 'Bilateral meeting: Kuwait and Egypt' (Thu 5 Nov 10:15-10:45)."
keys P
wait_for "Last run placed " 30
wait_for "Placed: Thu 5 Nov "
wait_for "Its parties already meet in 'Bilateral meeting: Kuwait and Egypt' (Thu 5 Nov 10:15-10:45)."
keys k
wait_for "[kw-om-foreign]"
screen | grep -qF "already meet" && { echo "FAIL: kw-om-foreign said to meet already"; show_screen; fail=1; }
keys q
wait_for "Unsaved edits. Save before quitting?"
keys n
wait_exit >/dev/null
finish
