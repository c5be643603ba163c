#!/usr/bin/env bash
# merge_undo.sh: after s then m (a merge with a file another program
# changed) the undo history starts again, and the planner says so: at
# the merge, and when u then finds nothing to undo (review finding 15:
# it said only "Nothing to undo."). Edits made after the merge undo as
# usual.
. "$(dirname "$0")/lib.sh"

copy_example ex
side="$tmp/ex/programme/side-sessions.ics"
start "$tmp/ex"
keys /
type_text "Security of major"
keys Enter
wait_for "Security of major"
keys J
wait_for "Moved 'Security of major"
sed -i 's/^SUMMARY:Youth voices on online radicalisation/SUMMARY:Youth voices — голоса молодёжи/' "$side"
keys s
wait_for "programme/side-sessions.ics changed on disk"
keys m
wait_joined "Merged: your edits are saved and theirs kept; both are on screen. The undo history starts again here."
grep -q "^SUMMARY:Youth voices — голоса молодёжи" "$side" || {
	echo "FAIL: the merge lost their title"; fail=1; }
keys u
wait_joined "Nothing to undo: the undo history starts at the merge at"
wait_joined "what came before is in the files."
# A new edit after the merge is undone as ever.
keys J
wait_for "Moved 'Security of major"
keys u
wait_for "Undone: Moved 'Security of major"
finish
