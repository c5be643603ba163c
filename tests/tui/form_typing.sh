#!/usr/bin/env bash
# form_typing.sh: typing into a form field adds to its value (the cursor
# starts at its end); C-u, named on the form's help line, clears it first
# (issue 14 item 2: " (DRAFT)" typed after e replaced the whole title).
. "$(dirname "$0")/lib.sh"

copy_example prog
start "$tmp/prog" 80 24
wait_for "Main Pl"
keys /
type_text "Opening plenary"
keys Enter
wait_for "match 1 of 1"
keys e
wait_for "Edit session"
wait_for "C-u clear"
type_text " (DRAFT)"
keys Enter
wait_for "(DRAFT)"
# C-u clears the field: what is typed then is the whole value.
keys e
wait_for "Edit session"
keys C-u
type_text "Opening"
keys Enter
wait_for "Edited 'Opening'"
expect_no_screen "(DRAFT)"
finish
