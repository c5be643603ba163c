#!/usr/bin/env bash
# fixes_host_minister.sh: the host's Minister of Interior, who chairs
# 'Ministerial segment I' (11:15-13:00), is added by mistake as a speaker
# to the 11:30 side session on vulnerable targets (review3 finding 11).
# The Conflicts view's f must not first offer to replace him as chair of
# the ministerial segment by an ambassador: the fixes in the side session
# come first, "Take ... out" is offered and undoes as one edit, and a
# substitute of lower rank in the chair is marked. Then at 80x24 the
# preview of a fix says what it does above the help line (finding 9).
. "$(dirname "$0")/lib.sh"

copy_example prog
baseline "$tmp/prog"
start "$tmp/prog"
wait_for "$(counts $E0 $W0)"
keys /
type_text "Protecting vulnerable"
keys Enter
wait_for "Room: Side Event Room A"
keys a
wait_for "to 'Protecting vulnerable"
type_text "kw-interior"
keys C-r
wait_for " as speaker "
keys Enter
wait_for "Assigned Minister of Interior — Kuwait"
wait_for "$(counts $((E0 + 1)) $W0)"
keys '!'
wait_for "Conflicts 5"
# His double booking is the day's first conflict (11:30).
keys g
wait_for "Minister of Interior — Kuwait is in"
keys f
wait_for "Fixes of the error participant double-booked"
# The first fix keeps him in the segment he chairs.
# (the line after the head, which ends "weigh least)" three rows down)
first=$(screen | grep -A1 "weigh least)" | tail -1)
case "$first" in
*"Protecting vulnerable"*) ;;
*) echo "FAIL: the first fix is not in the side session: $first"; fail=1 ;;
esac
case "$first" in
*"Ministerial segment"*) echo "FAIL: the first fix is in the ministerial segment: $first"; fail=1 ;;
esac
# A substitute of lower rank in the chair is marked.
type_text "lower rank"
wait_for "(lower rank) "
wait_for "ranks below Minister of Interior — Kuwait"
keys Escape
wait_for "Nothing changed."
# Taking him out of the side session: one edit, one undo.
keys f
wait_for "Fixes of the error participant double-booked"
type_text "Take out Protecting"
wait_for "Take out Minister of Interior — Kuwait"
wait_for "is taken out of this session (was speaker)"
wait_for "In no conflict afterwards."
wait_for "Clears: Minister of Interior — Kuwait is in"
keys Enter
wait_joined "Took Minister of Interior — Kuwait out of 'Protecting vulnerable"
wait_for "Conflicts 4"
wait_for "$(counts $E0 $W0)"
keys u
wait_for "Undone: Took Minister of Interior — Kuwait out"
wait_for "Conflicts 5"
keys q
wait_for "Unsaved edits. Save before quitting?"
keys n
wait_exit >/dev/null

# 80x24 (review3 finding 9): the smallest move of the Qatari minister's
# double booking, the side session to 13:00, leaves a tight changeover;
# its preview, warning included, is shown whole above the help line (it
# was cut before "the changeover is 10 min.").
copy_example small
start "$tmp/small" 80 24
keys '!'
wait_for "4 conflicts: 2 errors, 2 warnings"
keys f
wait_for "Fixes of the error participant double-booked"
type_text "to 13:00"
wait_for "* Move to 13:00 "
wait_for "Time: 12:00-13:00 -> 13:00-14:00"
wait_for "* Would warn: Minister of Interior — Qatar has 0 min between"
preview=$(screen | sed -n '/Would warn/,/Type to narrow/p' | cut -c5-76 | sed 's/ *$//' | tr '\n' ' ')
case "$preview" in
*"(starts 13:00), but the changeover is 10 min."*"Type to narrow"*) ;;
*) echo "FAIL: the fix's warning is cut: $preview"; show_screen; fail=1 ;;
esac
# A removal says what it does in the list row.
keys C-u
wait_for "70 of 70"
type_text "Take out"
wait_for "Take out Minister of Interior — Qa"
keys Escape
wait_for "Nothing changed."
keys q
wait_exit >/dev/null
finish
