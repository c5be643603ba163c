#!/usr/bin/env bash
# save_quiet.sh: saving an edited session writes nothing onto the planner's
# terminal. The line-by-line save handed the event's own BEGIN:VEVENT and
# END:VEVENT lines to libical as properties, and libical printed
# "Encountered END before BEGIN" onto the screen at every save (review
# finding 7): the tab line scrolled away.
. "$(dirname "$0")/lib.sh"

copy_example prog

# With standard error on a file: nothing from libical in it.
start "$tmp/prog"
wait_for "Main Pl"
keys /
type_text "Security of major"
keys Enter
wait_for "match 1 of"
keys J
wait_for "Moved"
keys s
wait_for "Saved"
keys q
status=$(wait_exit)
[ "$status" = 0 ] || { echo "FAIL: exit $status"; fail=1; }
if grep -qiE "icalparser|Encountered|BEGIN" "$tmp/stderr"; then
	echo "FAIL: the save wrote onto standard error:"
	cat "$tmp/stderr"
	fail=1
fi

# With standard error on the terminal itself, as an organiser runs it: the
# screen keeps its tab line after the save, and shows no libical text.
cat "$tmp/stderr" >>"$tmp/stderr.all"
rm -f "$tmp/exit" "$tmp/stderr"
T -f /dev/null new-session -d -x 100 -y 30 \
	"cd '$tmp' && '$DAIS' '$tmp/prog'; echo \$? >'$tmp/exit'"
wait_for "help"
wait_for "Main Pl"
keys /
type_text "Security of major"
keys Enter
wait_for "match 1 of"
keys K
wait_for "Moved"
keys s
wait_for "Saved"
screen | head -n 1 | grep -qF "Wed 4 Nov" || {
	echo "FAIL: the tab line is gone after the save"
	show_screen
	fail=1
}
expect_no_screen "Encountered"
expect_no_screen "icalparser"
keys q
wait_exit >/dev/null
finish
