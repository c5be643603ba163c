#!/usr/bin/env bash
# help_keys.sh: `?` lists every key, from the same table the planner
# dispatches with, including keys the user rebound in dais.ini.
. "$(dirname "$0")/lib.sh"

mkdir -p "$XDG_CONFIG_HOME/dais"
cat >"$XDG_CONFIG_HOME/dais/dais.ini" <<'INI'
[keys]
undo = "z, u"
INI
copy_example prog
start "$tmp/prog"
keys '?'
wait_for "Keys (? or Esc closes"
seen="$tmp/help.txt"
: >"$seen"
# Page down until the last page (the legend's last line) has been seen.
for page in 1 2 3 4 5 6 7 8 9 10; do
	now=$(screen)
	printf '%s\n' "$now" >>"$seen"
	printf '%s\n' "$now" | grep -qF "no bidi" && break
	keys PageDown
	wait_changed "$now" || break
done
for want in \
	"?, F1            show this list of keys" \
	"z, u             undo the last edit" \
	"C-r, U           redo what was undone" \
	"s, C-s           save the programme" \
	"1..9             day 1 to 9" \
	"/                search titles, people and notes" \
	"Up, k            up" \
	"c                create a session" \
	"Delete, X        delete the session" \
	"K, S-Up          move one row earlier" \
	"a                assign a participant" \
	"+, =             zoom in" \
	"f                show one kind" \
	"C-r              role the choice gets" \
	"Text fields" \
	"a conflict of severity error involves it" \
	"no bidi"; do
	grep -qF -- "$want" "$seen" || { echo "FAIL: help lacks: $want"; fail=1; }
done
keys Escape
wait_for "[Grid"
# The rebound key works.
keys 2
wait_for "[2 Thu 5 Nov]"
keys /
type_text "Youth voices on online"
keys Enter
wait_for "Youth voices on online"
keys K
wait_for "modified |"
keys z
wait_for "Undone: Moved 'Youth voices"
wait_gone "modified |"
keys q
wait_exit >/dev/null
finish
