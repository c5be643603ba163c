# lib.sh: shared by the planner's end-to-end tests. Each test drives the
# real dais in a tmux server of its own (a private socket), sends keys,
# reads the screen with capture-pane and polls for what it expects instead
# of sleeping. DAIS, SRCDIR and FIXTURES come from meson (tests/meson.build).
set -u
fail=0
tmp=$(mktemp -d)
sock="dais-$(basename "$0" .sh)-$$"
# tmux itself wants a terminal type; the planner gets tmux's own.
export TERM=xterm-256color
export XDG_CONFIG_HOME="$tmp/config"
mkdir -p "$XDG_CONFIG_HOME"
unset TMUX

cleanup() {
	tmux -L "$sock" kill-server 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

T() {
	tmux -L "$sock" "$@"
}

# copy_example NAME: a private copy of the shipped example in $tmp/NAME.
copy_example() {
	cp -r "$SRCDIR/data/kuwait-2026" "$tmp/$1"
}

# start DIR [WIDTH HEIGHT]: runs the planner on DIR in a new tmux server;
# its exit status lands in $tmp/exit, its standard error in $tmp/stderr
# (kept across runs in $tmp/stderr.all). RUN_ENV, when set, is put before
# the command ("LC_ALL=C").
start() {
	rm -f "$tmp/exit"
	[ -e "$tmp/stderr" ] && cat "$tmp/stderr" >>"$tmp/stderr.all"
	T -f /dev/null new-session -d -x "${2:-100}" -y "${3:-30}" \
		"cd '$tmp' && ${RUN_ENV:-} '$DAIS' '$1' 2>'$tmp/stderr'; echo \$? >'$tmp/exit'"
	wait_for "help"
}

screen() {
	T capture-pane -p 2>/dev/null
}

show_screen() {
	echo "--- screen:"
	screen
	echo "---"
	[ -s "$tmp/stderr" ] && { echo "--- stderr:"; cat "$tmp/stderr"; }
}

# wait_for TEXT [SECONDS]: until the screen shows TEXT (fixed string).
wait_for() {
	local limit=$(( ${2:-20} * 20 )) i=0
	while [ $i -lt $limit ]; do
		screen | grep -qF -- "$1" && return 0
		[ -e "$tmp/exit" ] && break
		sleep 0.05
		i=$((i + 1))
	done
	echo "FAIL: the screen never showed: $1"
	show_screen
	fail=1
	return 1
}

# wait_match REGEX [SECONDS]: until a line of the screen matches the
# extended regular expression REGEX.
wait_match() {
	local limit=$(( ${2:-20} * 20 )) i=0
	while [ $i -lt $limit ]; do
		screen | grep -qE -- "$1" && return 0
		[ -e "$tmp/exit" ] && break
		sleep 0.05
		i=$((i + 1))
	done
	echo "FAIL: no line of the screen ever matched: $1"
	show_screen
	fail=1
	return 1
}

# resize WIDTH HEIGHT: resizes the window, then waits until the planner
# has drawn itself at that size (its tab row, which ends in "? help" at
# the right edge, is WIDTH columns wide), so that the keys that follow
# reach it after the resize, and no capture catches half a redraw.
resize() {
	local i=0 row
	T resize-window -x "$1" -y "$2"
	while [ $i -lt 400 ]; do
		row=$(screen | head -n 1)
		case "$row" in
		*help) [ "$(printf '%s' "$row" | wc -m)" = "$1" ] && return 0 ;;
		esac
		[ -e "$tmp/exit" ] && break
		sleep 0.05
		i=$((i + 1))
	done
	echo "FAIL: the planner did not redraw at $1x$2"
	show_screen
	fail=1
	return 1
}

# wait_joined TEXT: until the screen, its lines joined with single spaces,
# shows TEXT (a message wrapped over several lines).
wait_joined() {
	local i=0
	while [ $i -lt 400 ]; do
		screen | sed 's/^ *//; s/ *$//' | tr '\n' ' ' | grep -qF -- "$1" &&
			return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "FAIL: the screen never showed (joined): $1"
	show_screen
	fail=1
}

# wait_changed BEFORE [SECONDS]: until the screen is no longer BEFORE (a
# capture taken before the key that must change it).
wait_changed() {
	local limit=$(( ${2:-20} * 20 )) i=0
	while [ $i -lt $limit ]; do
		[ "$(screen)" != "$1" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "FAIL: the screen did not change"
	show_screen
	fail=1
	return 1
}

# wait_gone TEXT [SECONDS]: until the screen no longer shows TEXT.
wait_gone() {
	local limit=$(( ${2:-20} * 20 )) i=0
	while [ $i -lt $limit ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "FAIL: the screen still shows: $1"
	show_screen
	fail=1
	return 1
}

# expect_screen TEXT / expect_no_screen TEXT: as it is now.
expect_screen() {
	screen | grep -qF -- "$1" && return 0
	echo "FAIL: the screen lacks: $1"
	show_screen
	fail=1
}

expect_no_screen() {
	screen | grep -qF -- "$1" || return 0
	echo "FAIL: the screen should not show: $1"
	show_screen
	fail=1
}

# keys KEY...: tmux key names (Enter, Escape, C-r, F4 ...).
keys() {
	T send-keys "$@"
}

# type_text TEXT: literal text, in any script.
type_text() {
	T send-keys -l -- "$1"
}

# wait_exit [SECONDS]: until the planner has quit; prints its status.
wait_exit() {
	local limit=$(( ${1:-20} * 20 )) i=0
	while [ $i -lt $limit ]; do
		if [ -s "$tmp/exit" ]; then
			cat "$tmp/exit"
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	echo "FAIL: the planner did not quit" >&2
	show_screen >&2
	fail=1
	echo timeout
}

# cancel_session TITLE [STATUS]: searches TITLE (its start, typed as is),
# presses x and waits for the detail pane to show the new status (CANCELLED
# unless said; x restores a cancelled session to CONFIRMED).
cancel_session() {
	keys /
	type_text "$1"
	keys Enter
	wait_for "$1"
	keys x
	wait_for "Status: ${2:-CANCELLED}"
}

# counts E W: "E errors, W warnings" as the status line writes it.
counts() {
	local e="errors" w="warnings"
	[ "$1" = 1 ] && e="error"
	[ "$2" = 1 ] && w="warning"
	echo "$1 $e, $2 $w"
}

# baseline DIR: sets E0 and W0 to what `dais check` finds in DIR, so that
# the tests follow the example as it evolves.
baseline() {
	local json
	json=$("$DAIS" check "$1" --format json)
	E0=$(echo "$json" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["errors"])')
	W0=$(echo "$json" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["warnings"])')
}

# status_counts: "N errors, M warnings" from the status line.
status_counts() {
	screen | tail -n 1 | grep -oE '[0-9]+ errors?, [0-9]+ warnings?'
}

# colours: whether the screen as painted holds colour escapes (SGR 30-47,
# 90-107, or 256-colour ones); prints yes or no.
colours() {
	T capture-pane -p -e | grep -qE $'\e\\[([0-9;]*;)?(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;5|48;5)(;[0-9;]*)?m' &&
		echo yes || echo no
}

finish() {
	# Whatever the sanitizers said on the way out is a failure.
	[ -e "$tmp/stderr" ] && cat "$tmp/stderr" >>"$tmp/stderr.all"
	if grep -qE "runtime error|Sanitizer" "$tmp/stderr.all" 2>/dev/null; then
		echo "FAIL: the planner's standard error:"
		cat "$tmp/stderr.all"
		fail=1
	fi
	[ "$fail" = 0 ] && echo "ok" || echo "FAILED"
	exit "$fail"
}
