#!/usr/bin/env bash
# tabs_fit.sh: the tab line always ends in "? help", the key that explains
# the rest. At 80 columns two-digit conflict counts used to push it off
# (and lib.sh's start, which waits for "help", timed out). Now the tabs say
# less as the room shrinks: days as "1 Wed", then as "1", then the views by
# their initials with their counts ("C 12"); wider, they say it all again.
. "$(dirname "$0")/lib.sh"

# tab_row_ok WIDTH: the first row ends in "? help" within WIDTH columns.
tab_row_ok() {
	local row
	row=$(screen | head -n 1)
	case "$row" in
	*"? help") ;;
	*) echo "FAIL: the tab row does not end in '? help': '$row'"; fail=1 ;;
	esac
	[ "$(printf '%s' "$row" | wc -m)" -le "$1" ] || {
		echo "FAIL: the tab row is wider than $1: '$row'"; fail=1; }
}

# A changeover of 30 minutes: the example's four conflicts and eight tight
# changeovers, twelve in all.
copy_example prog
sed -i 's/^changeover *=.*/changeover = 30/' "$tmp/prog/conference.ini"
n=$("$DAIS" check "$tmp/prog" --format json |
	/usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["errors"] + d["warnings"])')
[ "$n" -ge 10 ] || { echo "FAIL: only $n conflicts to show"; exit 1; }

start "$tmp/prog" 80 24
wait_for "? help"
wait_for "Conflicts $n "
expect_screen "[1 Wed]"
expect_screen " 2 Thu "
expect_no_screen "4 Nov]"
tab_row_ok 80
# The days are still chosen by their tabs' keys, and the tab says which.
keys 2
wait_for "[2 Thu]"
tab_row_ok 80
keys F5
wait_for "[Conflicts $n]"
tab_row_ok 80
# Wider, the tabs say it all again.
T resize-window -x 120 -y 30
wait_for "[2 Thu 5 Nov]"
wait_for "[Conflicts $n]"
tab_row_ok 120
keys q
wait_exit >/dev/null

# A nine-day conference at 80 columns: days by number, views by initial.
copy_example week
sed -i -e 's/^changeover *=.*/changeover = 30/' \
	-e 's/^days *=.*/days = "2026-11-01, 2026-11-02, 2026-11-03, 2026-11-04, 2026-11-05, 2026-11-06, 2026-11-07, 2026-11-08, 2026-11-09"/' \
	"$tmp/week/conference.ini"
start "$tmp/week" 80 24
wait_for "? help"
expect_screen "[1] 2  3  4  5  6  7  8  9  |"
expect_screen " C $n "
tab_row_ok 80
keys 4
wait_for " 3 [4] 5 "
keys F5
wait_for "[C $n]"
tab_row_ok 80
keys q
wait_exit >/dev/null
finish
