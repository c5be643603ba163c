#!/usr/bin/env bash
# chooser_head.sh: the line under a chooser's query wraps (up to three
# rows) instead of being cut at the box's edge: the fixes picker's order
# reads whole at 100x30, down to "weigh least)" (trial report L8), and the
# list starts under it.
. "$(dirname "$0")/lib.sh"

copy_example ex
start "$tmp/ex"
keys F5
wait_for "[Conflicts 4]"
keys f
wait_for "fixes: those leaving no conflict first"
wait_for "their role and the session weigh least)"
wait_match "^  \|   Take out Minister of Interior — Qatar"
keys Escape
keys q
wait_exit >/dev/null
finish
