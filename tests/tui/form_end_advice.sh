#!/usr/bin/env bash
# form_end_advice.sh: at 80x24, the session form shows the whole of a
# refusal, here the one that says how to end past midnight, example
# included (review 3, finding 9: it was cut before "length, e.g. +2h.").
. "$(dirname "$0")/lib.sh"

copy_example prog
start "$tmp/prog" 80 24
wait_for "Main Pl"
keys c
wait_for "New session"
type_text "Late session"
keys Tab Tab Tab C-u
type_text "13:00"
keys Tab C-u
type_text "12:00"
keys Enter
wait_for "The end must be after the start; for a session past midnight type its"
wait_for "| length, e.g. +2h."
keys Escape
wait_for "Cancelled"
keys q
wait_exit >/dev/null
finish
