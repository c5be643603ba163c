#!/usr/bin/env bash
# people_from_nothing.sh: a programme made from nothing without a text
# editor. `dais init`, then in the planner a room (C), two ministers (c in
# the participants view, one of them with an Arabic local name), a
# session in the room with both assigned; saved, `dais check` agrees with
# the planner. On the way: a new id is judged as it is typed (the slug
# rule, then uniqueness), and removing a minister who is in a session
# asks, naming it, and one undo brings back the minister and the
# assignment.
. "$(dirname "$0")/lib.sh"

"$DAIS" init "$tmp/new" --name "Border Security Talks" \
	--timezone Asia/Kuwait --days 2026-11-04,2026-11-05 >/dev/null ||
	{ echo "FAIL: init"; fail=1; }
start "$tmp/new"
wait_for "No rooms in venues.ini"

# A room.
keys C
wait_for "New room"
type_text "hall"
keys Tab
type_text "Main Hall"
keys Tab Tab
type_text "120"
keys Enter
wait_for "Added room 'Main Hall'"
wait_for "Main Hall"

# Two ministers; the id is judged as it is typed.
keys F4
wait_for "[People]"
keys c
wait_for "New participant"
type_text "KW"
wait_for '[KW] is not an id'
keys C-u
type_text "kw-interior"
wait_gone '[KW] is not an id'
keys Tab
type_text "Minister of Interior — Kuwait"
keys Tab
type_text "وزير الداخلية"
keys Tab
type_text "Minister of Interior"
# Kind starts as "minister"; typing adds to a field, so C-u first.
keys Tab C-u
type_text "minister"
keys Enter
wait_for "Added participant 'Minister of Interior — Kuwait'"
keys c
wait_for "New participant"
type_text "kw-interior"
wait_for "There is a participant kw-interior already"
keys C-u
type_text "tj-interior"
keys Tab
type_text "Minister of Internal Affairs — Tajikistan"
keys Tab Tab Tab C-u
type_text "minster"
keys Enter
# The loader's own sentence, suggestion and all.
wait_for 'kind = "minster" in [tj-interior] is not a kind of participant: did'
keys C-u
type_text "minister"
keys Enter
wait_for "Added participant 'Minister of Internal Affairs"
expect_screen "2 of 2"

# A session in the hall, both ministers assigned.
keys F2
wait_for "[Grid]"
keys c
wait_for "New session"
type_text "Bilateral: Kuwait and Tajikistan"
keys Enter
wait_for "Created 'Bilateral: Kuwait and Tajikistan'"
keys a
wait_for "Type to narrow"
type_text "kw-interior"
keys Enter
wait_for "Assigned Minister of Interior — Kuwait"
keys a
wait_for "Type to narrow"
type_text "tj-interior"
keys Enter
wait_for "Assigned Minister of Internal Affairs"

# Removing a minister in a session asks, naming it; undo brings all back.
keys F4
wait_for "[People]"
keys Home X
wait_for "is in 1 session"
wait_joined "'Bilateral: Kuwait and Tajikistan'"
keys y
wait_for "Removed participant 'Minister of Interior — Kuwait'"
wait_for "1 of 1"
keys u
wait_for "Undone: Removed participant"
wait_for "2 of 2"

keys s
wait_for "Saved"
status_line=$(status_counts)
keys q
wait_exit >/dev/null
"$DAIS" check "$tmp/new" >"$tmp/check.out" 2>&1
code=$?
[ "$code" -le 1 ] || { echo "FAIL: check exit $code"; cat "$tmp/check.out"; fail=1; }
grep -qF "1 session, " "$tmp/check.out" || {
	echo "FAIL: check did not find the session:"; cat "$tmp/check.out"; fail=1; }
json=$("$DAIS" check "$tmp/new" --format json)
e=$(echo "$json" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["errors"])')
w=$(echo "$json" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["warnings"])')
[ "$(counts "$e" "$w")" = "$status_line" ] || {
	echo "FAIL: dais check finds $(counts "$e" "$w"), the planner showed" \
		"$status_line"; fail=1; }
grep -qF 'name-local = "وزير الداخلية"' "$tmp/new/participants.ini" || {
	echo "FAIL: participants.ini lacks the local name:"
	cat "$tmp/new/participants.ini"; fail=1; }
grep -qF '[room.hall]' "$tmp/new/venues.ini" || {
	echo "FAIL: venues.ini lacks the room"; fail=1; }
grep -qF 'X-DAIS-ID=tj-interior' "$tmp/new/programme/sessions.ics" || {
	echo "FAIL: the session lacks its assignment"; fail=1; }
finish
