#!/usr/bin/env bash
# assign_title.sh: the assign picker's title names the person under the
# cursor cut in the middle, so the end that tells people apart stays:
# "Minister of Interna… — Tajikistan", not "Minister of Internal Affairs
# — T…" (trial report L8).
. "$(dirname "$0")/lib.sh"

copy_example ex
start "$tmp/ex"
keys /
type_text "Security of major"
keys Enter
wait_for "Security of major"
keys a
wait_for "as participant"
type_text "вазир"
wait_for "Minister of Internal Affairs — Tajikistan "
wait_match "Assign Minister of Interna… — Tajikistan to 'Security of major"
keys Escape
keys q
wait_exit >/dev/null
finish
