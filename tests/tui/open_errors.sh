#!/usr/bin/env bash
# open_errors.sh: `dais open` and `dais DIR` without a terminal, with a
# directory that is not there, with bad options, and its help.
. "$(dirname "$0")/lib.sh"

check() { # WANT-STATUS TEXT-IN-OUTPUT CMD...
	local want=$1 text=$2 got out
	shift 2
	out=$("$@" 2>&1 </dev/null)
	got=$?
	if [ "$got" != "$want" ]; then
		echo "FAIL: '$*' exited $got, expected $want"; echo "$out"; fail=1
	fi
	case "$out" in
	*"$text"*) ;;
	*) echo "FAIL: '$*' did not say: $text"; echo "$out"; fail=1 ;;
	esac
}

copy_example prog
check 2 "the planner needs a terminal; 'dais check $tmp/prog'" \
	"$DAIS" open "$tmp/prog"
check 2 "the planner needs a terminal" "$DAIS" "$tmp/prog"
check 2 "no command or programme directory '$tmp/none'" \
	"$DAIS" open "$tmp/none"
check 2 "no command or programme directory '$tmp/none'" "$DAIS" "$tmp/none"
# A file of the programme instead of its directory: said as dais check says
# it, with the directory to open instead (issue 14 item 10).
check 2 "$tmp/prog/conference.ini is not a directory: a programme is a directory" \
	"$DAIS" "$tmp/prog/conference.ini"
check 2 "did you mean 'dais $tmp/prog'?" "$DAIS" "$tmp/prog/conference.ini"
cd "$tmp" && check 2 "did you mean 'dais prog'?" "$DAIS" prog/conference.ini
cd "$tmp/prog" && check 2 "did you mean 'dais .'?" "$DAIS" open conference.ini
cd "$tmp" || exit 1
check 2 "open has no option '--bogus'" "$DAIS" open --bogus
check 2 "open takes one directory" "$DAIS" open "$tmp/prog" "$tmp/prog"
check 2 "open takes --read-only or --take-over, not both" \
	"$DAIS" open --read-only --take-over "$tmp/prog"
check 2 "--read-only leaves unsaved edits alone" \
	"$DAIS" open --read-only --restore "$tmp/prog"
check 0 "usage: dais open [--read-only | --take-over] [--restore | --discard | --keep-aside] [DIR]" \
	"$DAIS" open --help
check 0 "XDG_CONFIG_HOME" "$DAIS" help open
# Refused before the planner: no lock taken, none left behind.
[ -e "$tmp/prog/.dais-lock" ] && { echo "FAIL: a lock was left"; fail=1; }
# A programme that does not load is refused before the screen is taken.
mkdir "$tmp/broken"
echo "[conference" >"$tmp/broken/conference.ini"
T -f /dev/null new-session -d -x 100 -y 30 \
	"'$DAIS' '$tmp/broken' 2>'$tmp/out'; echo \$? >'$tmp/exit'"
status=$(wait_exit)
[ "$status" = 2 ] || { echo "FAIL: a broken programme exited $status"; fail=1; }
grep -q "was not loaded" "$tmp/out" || {
	echo "FAIL: no reason given:"; cat "$tmp/out"; fail=1; }
finish
