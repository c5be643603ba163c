#!/usr/bin/env bash
# people_arrival.sh: a minister's arrival changed in the participant form.
# The outside-availability conflict appears at once (as `dais check`
# finds it), undo takes it away and redo brings it back, a wrong date is
# refused in the form with the loader's own sentence, and s writes
# exactly one changed line into participants.ini. A room's capacity
# lowered in its form shows the over-capacity warning at once. A planner
# killed with
# SIGKILL before saving leaves the change in the journal, and the next
# one restores it.
. "$(dirname "$0")/lib.sh"

# The planner's process, for kill.
dais_pid() {
	pgrep -xf "$DAIS $1" | head -n 1
}

# edit_arrival: in the people view, the Tajik minister's form, arrival
# typed as $1.
edit_arrival() {
	keys F4
	wait_for "[People]"
	keys /
	type_text "tj-interior"
	keys Enter
	wait_for "'tj-interior': Minister of Internal Affairs"
	keys e
	wait_for "Edit participant"
	expect_screen "2026-11-03 20:00"
	# Name, local name, title, kind, delegation, languages, arrival.
	keys Tab Tab Tab Tab Tab Tab C-u
	type_text "$1"
	keys Enter
}

copy_example ex
baseline "$tmp/ex"
start "$tmp/ex"
wait_for "$(counts "$E0" "$W0")"

# A date the loader would refuse is refused in the form, in its words.
edit_arrival "4/11/2026 14:00"
wait_for 'arrival = "4/11/2026 14:00" in [tj-interior] is not a date and'
expect_screen "Edit participant"
keys Escape
wait_for "Cancelled; nothing changed."

edit_arrival "2026-11-04 14:00"
wait_for "Changed participant 'Minister of Internal Affairs"
wait_for "$(counts $((E0 + 1)) "$W0")"
keys F5
wait_for "arrives at 14:00 on Wed 4 Nov 2026"
keys u
wait_for "Undone: Changed participant"
wait_for "$(counts "$E0" "$W0")"
wait_gone "arrives at 14:00"
keys C-r
wait_for "Redone: Changed participant"
wait_for "$(counts $((E0 + 1)) "$W0")"

# The planner and dais check agree once it is saved: one line changed.
cp "$tmp/ex/participants.ini" "$tmp/before.ini"
keys s
wait_for "Saved participants.ini."
diff "$tmp/before.ini" "$tmp/ex/participants.ini" >"$tmp/diff"
changed=$(grep -c '^[<>]' "$tmp/diff")
[ "$changed" = 2 ] && grep -qF '> arrival = "2026-11-04 14:00"' "$tmp/diff" &&
	grep -qF '< arrival = "2026-11-03 20:00"' "$tmp/diff" || {
	echo "FAIL: the save did not change exactly the arrival line:"
	cat "$tmp/diff"; fail=1; }
baseline "$tmp/ex"
[ "$(counts "$E0" "$W0")" = "$(status_counts)" ] || {
	echo "FAIL: dais check finds $(counts "$E0" "$W0"), the planner" \
		"$(status_counts)"; fail=1; }

# A room's capacity lowered in its form: over capacity at once, and undo.
keys F2
wait_for "[Grid"
keys /
type_text "Opening plenary"
keys Enter
wait_for "'Opening plenary': match"
keys R
wait_for "Edit room"
# Name, building, capacity.
keys Tab Tab C-u
type_text "500"
keys Enter
wait_for "Changed room 'Main Plenary Hall'"
# The opening and closing plenaries expect more than 500.
wait_for "$(counts "$E0" $((W0 + 2)))"
keys F5
wait_for "over capacity               'Opening plenary"
keys u
wait_for "Undone: Changed room"
wait_for "$(counts "$E0" "$W0")"
wait_gone "over capacity               'Opening plenary"
keys q
status=$(wait_exit)
[ "$status" = 0 ] || { echo "FAIL: exit $status"; fail=1; }
T kill-server 2>/dev/null

# Killed before saving: the journal has the change.
copy_example killed
start "$tmp/killed"
edit_arrival "2026-11-04 14:00"
wait_for "Changed participant 'Minister of Internal Affairs"
pid=$(dais_pid "$tmp/killed")
[ -n "$pid" ] || { echo "FAIL: no planner process"; fail=1; }
kill -KILL "$pid"
wait_exit >/dev/null
T kill-server 2>/dev/null
rm -f "$tmp/exit"
T -f /dev/null new-session -d -x 100 -y 30 \
	"cd '$tmp' && '$DAIS' '$tmp/killed'; echo \$? >'$tmp/exit'"
wait_for "has unsaved edits from a planner that did not close"
keys r
wait_for "Restored 1 unsaved edit"
keys F5
wait_for "arrives at 14:00 on Wed 4 Nov 2026"
keys s
wait_for "Saved participants.ini."
keys q
wait_exit >/dev/null
grep -qF 'arrival = "2026-11-04 14:00"' "$tmp/killed/participants.ini" || {
	echo "FAIL: the restored arrival was not saved"; fail=1; }
finish
