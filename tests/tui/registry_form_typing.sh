#!/usr/bin/env bash
# registry_form_typing.sh: the participant and room forms type as the
# session form does (one line editor for every form): the cursor starts at
# the end of a field's value and typing adds to it; C-u, named on the help
# line, clears it first. They replaced the whole value on the first key, so
# ", ru" typed after a minister's "ar, en" saved languages = "ru" (review
# finding 6).
. "$(dirname "$0")/lib.sh"

copy_example prog
start "$tmp/prog"
wait_for "Main Pl"

# A participant: Languages "ar, en" + ", ru".
keys F4
wait_for "People"
keys /
type_text "Minister of Interior — Bahrain"
keys Enter
wait_for "Minister of Interior — Bahrain"
keys e
wait_for "C-u clear"
keys Tab Tab Tab Tab Tab
wait_for "ar, en"
type_text ", ru"
wait_for "ar, en, ru"
keys Enter
wait_for "Changed participant 'Minister of Interior — Bahrain'"

# A room, from a session in it: its name + " East"; then Building cleared
# with C-u and typed whole.
keys F2
wait_for "[Grid"
keys /
type_text "Security of major"
keys Enter
wait_for "match 1 of"
keys R
wait_for "C-u clear"
type_text " East"
wait_for "Side Event Room B East"
keys Tab C-u
type_text "jacc"
keys Enter
wait_for "Side Event Room B East"
keys s
wait_for "Saved"
keys q
[ "$(wait_exit)" = 0 ] || { echo "FAIL: the planner did not exit 0"; fail=1; }

sed -n '/^\[bh-interior\]/,/^$/p' "$tmp/prog/participants.ini" |
	grep -q '^languages = "ar, en, ru"' || {
	echo "FAIL: the languages typed onto were not kept:"
	sed -n '/^\[bh-interior\]/,/^$/p' "$tmp/prog/participants.ini"
	fail=1
}
sed -n '/^\[room.side-b\]/,/^$/p' "$tmp/prog/venues.ini" | grep -q '^name = "Side Event Room B East"' || {
	echo "FAIL: the room's name was not added to:"
	sed -n '/^\[room.side-b\]/,/^$/p' "$tmp/prog/venues.ini"
	fail=1
}
sed -n '/^\[room.side-b\]/,/^$/p' "$tmp/prog/venues.ini" | grep -q '^building = "jacc"' || {
	echo "FAIL: the building cleared and typed is not jacc:"
	sed -n '/^\[room.side-b\]/,/^$/p' "$tmp/prog/venues.ini"
	fail=1
}
finish
