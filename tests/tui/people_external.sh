#!/usr/bin/env bash
# people_external.sh: participants.ini changed on disk while a planner
# edits a participant. s names the key that differs instead of writing;
# m merges when no key changed on both sides (both changes end in the
# file); when the same key changed on both sides the merge is refused,
# naming it, and a keeps the planner's version beside the file.
. "$(dirname "$0")/lib.sh"

# edit_phone ID NUMBER: the participant's phone, through the form.
edit_phone() {
	keys F4
	wait_for "[People]"
	keys /
	type_text "$1"
	keys Enter
	wait_for "'$1':"
	keys e
	wait_for "Edit participant"
	# From the name back past the id to the phone, the last field.
	keys BTab BTab
	keys C-u
	type_text "$2"
	keys Enter
	wait_for "Changed participant"
}

copy_example ex
start "$tmp/ex"
edit_phone tj-interior "+992 1111"
# Another organiser changes another minister's phone meanwhile.
sed -i 's/^phone = "+965 0000 0101"/phone = "+965 2222"/' \
	"$tmp/ex/participants.ini"
keys s
wait_joined "participants.ini changed on disk since dais read it: [kw-interior] phone."
keys m
wait_for "Merged: participants.ini has your changes and theirs."
grep -qF 'phone = "+965 2222"' "$tmp/ex/participants.ini" &&
	grep -qF 'phone = "+992 1111"' "$tmp/ex/participants.ini" || {
	echo "FAIL: the merge lost a side:"
	grep -n "^phone" "$tmp/ex/participants.ini" | head -3; fail=1; }

# The same key on both sides: no merge; a copy of the planner's version.
edit_phone tj-interior "+992 3333"
sed -i 's/^phone = "+992 1111"/phone = "+992 4444"/' \
	"$tmp/ex/participants.ini"
keys s
wait_joined "[tj-interior] phone"
keys m
wait_for "Not merged:"
wait_joined "[tj-interior] phone"
keys s
wait_joined "[tj-interior] phone"
keys a
wait_for "Your version is in"
copy=$(ls "$tmp/ex"/participants-mine-*.ini 2>/dev/null | head -n 1)
[ -n "$copy" ] && grep -qF 'phone = "+992 3333"' "$copy" || {
	echo "FAIL: no copy with the planner's version"; fail=1; }
grep -qF 'phone = "+992 4444"' "$tmp/ex/participants.ini" || {
	echo "FAIL: the other side's file was overwritten"; fail=1; }
keys q
wait_for "Unsaved edits"
keys n
wait_exit >/dev/null
finish
