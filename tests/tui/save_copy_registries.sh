#!/usr/bin/env bash
# save_copy_registries.sh: "a save as" writes the programme as the planner
# shows it, registries included. A participant edited and not saved is in
# the copy's participants.ini (it used to be copied from the disk, without
# the edit); a room's capacity likewise in venues.ini; the working
# programme's files stay as they were and the edits stay unsaved there.
. "$(dirname "$0")/lib.sh"

# hashes DIR: of the programme's files (not the planner's own journal).
hashes() {
	(cd "$1" && find . -type f ! -name '.dais-journal*' ! -name '.dais-lock' |
		sort | xargs sha256sum)
}

copy_example prog
start "$tmp/prog"

# A participant's phone, through the People view's form.
keys F4
wait_for "[People]"
keys /
type_text "tj-interior"
keys Enter
wait_for "'tj-interior':"
keys e
wait_for "Edit participant"
# From the name back past the id to the phone, the last field.
keys BTab BTab
keys C-u
type_text "+992 5555 0101"
keys Enter
wait_for "Changed participant"

# Another program changes a session's title, so that s offers the copy.
side="$tmp/prog/programme/side-sessions.ics"
sed -i 's/^SUMMARY:Border management in Central Asia: results/SUMMARY:Border management in Central Asia (revised): results/' "$side"
grep -q "Central Asia (revised)" "$side" || {
	echo "FAIL: the example's session was not found"; exit 1; }
before=$(hashes "$tmp/prog")
keys s
wait_for "changed on disk"
wait_for "a save as"
keys a
wait_for "Save your version in the new directory: "
keys C-u
type_text "$tmp/mine"
keys Enter
wait_for "Your version is saved in $tmp/mine"
expect_screen "modified |"

grep -qF 'phone = "+992 5555 0101"' "$tmp/mine/participants.ini" || {
	echo "FAIL: the copy's participants.ini lacks the unsaved edit:"
	grep -n -A12 '^\[tj-interior\]' "$tmp/mine/participants.ini" | grep phone
	fail=1
}
# Only the edited line differs from the original.
changed=$(diff "$tmp/prog/participants.ini" "$tmp/mine/participants.ini" |
	grep -c '^[<>]')
[ "$changed" = 2 ] || {
	echo "FAIL: the copy's participants.ini differs in $changed lines:"
	diff "$tmp/prog/participants.ini" "$tmp/mine/participants.ini" | head
	fail=1
}
# What the planner does not edit is copied as it is.
for f in conference.ini venues.ini requests.ini; do
	cmp -s "$tmp/prog/$f" "$tmp/mine/$f" || {
		echo "FAIL: the copy's $f differs from the original"; fail=1; }
done
# The copy loads, and dais reads the edit from it.
"$DAIS" check "$tmp/mine" >/dev/null 2>"$tmp/check.err"
[ $? -le 1 ] || { echo "FAIL: the copy does not load:"; cat "$tmp/check.err"; fail=1; }
# The working programme is as it was.
[ "$(hashes "$tmp/prog")" = "$before" ] || {
	echo "FAIL: save as changed the working programme"; fail=1; }

keys q
wait_for "Unsaved edits"
keys n
wait_exit >/dev/null
finish
