#!/usr/bin/env bash
# form_start.sh: in the edit form, a new start moves the end with it, so the
# duration stays (and the old end is not refused as before the start).
. "$(dirname "$0")/lib.sh"

copy_example prog
start "$tmp/prog"
wait_for "Main Pl"
keys /
type_text "Opening plenary"
keys Enter
wait_for "09:30-10:45  1h15"
keys e
wait_for "Edit session"
keys Tab Tab Tab C-u
type_text "10:00"
keys Tab
wait_for "End or +length    11:15"
keys Enter
wait_for "Wed 4 Nov  10:00-11:15  1h15"
expect_no_screen "must be after the start"
finish
