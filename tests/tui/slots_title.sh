#!/usr/bin/env bash
# slots_title.sh: the title of f's picker on a session ("Where '...' can
# go (now Wed 4 Nov 12:00-13:00)") keeps the session's time, which the
# places are compared with, and shortens the session's title instead; two
# titles alike at the start stay apart, their ends kept (trial L8: at 100
# columns it ended "(now Wed 4 Nov 1…"). At 100x30 and at 80x24.
. "$(dirname "$0")/lib.sh"

copy_example prog
# A second session whose title differs from the Qatari one only at its end.
sed -i 's/^SUMMARY:Countering terrorist use of unmanned aircraft systems/SUMMARY:Security of major sporting events: lessons from Paris 2024/' \
	"$tmp/prog/programme/side-sessions.ics"
grep -q "lessons from Paris 2024" "$tmp/prog/programme/side-sessions.ics" || {
	echo "FAIL: the example no longer has the session to rename"; fail=1; }
start "$tmp/prog"
wait_for "help"

# where TITLE END: opens f on the session found by TITLE, whose picker's
# title shows END, prints that title, closes the picker.
where() {
	keys /
	type_text "$1"
	keys Enter
	keys f
	wait_for "$2' can go (now"
	screen | sed -n 's/.*-- \(Where .*)\) --.*/\1/p' | head -n 1
	keys Escape
	wait_for "Not moved."
}

for size in "100 30" "80 24"; do
	set -- $size
	[ "$1" = 100 ] || resize "$1" "$2"
	qatar=$(where "Security of major sporting events: lessons from Qatar 2022" "Qatar 2022")
	paris=$(where "Security of major sporting events: lessons from Paris 2024" "Paris 2024")
	case "$qatar" in
	"Where 'Security of maj"*"… "*"Qatar 2022' can go (now Wed 4 Nov 12:00-13:00)") ;;
	*) echo "FAIL at $1x$2: the title is not shortened in the middle, time kept: '$qatar'"; fail=1 ;;
	esac
	case "$paris" in
	*"Paris 2024' can go (now Wed 4 Nov "??:??-??:??")") ;;
	*) echo "FAIL at $1x$2: the other's title lost its end or its time: '$paris'"; fail=1 ;;
	esac
done
keys q
wait_exit >/dev/null
finish
