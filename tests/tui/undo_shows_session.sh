#!/usr/bin/env bash
# undo_shows_session.sh: in the Grid, a session moved to the other day
# with f, then u: the session goes back, and the view goes back with it to
# its day, the session selected, as f itself showed it on the day it went
# to (trial L10: the view stayed on Thu, the session off screen); C-r
# shows it on Thu again. In the Conflicts view, undoing a fix keeps that
# view.
. "$(dirname "$0")/lib.sh"

copy_example prog
start "$tmp/prog"
wait_for "[1 Wed 4 Nov]"
keys /
type_text "Security of major"
keys Enter
wait_for "Wed 4 Nov  12:00-13:00  1h"
keys f
wait_for "can go (now Wed 4 Nov 12:00-13:00)"
type_text "Thu 12:45 Room B"
wait_for "  Thu 5 Nov 12:45-13:45"
keys Enter
wait_joined "Moved 'Security of major sporting events: lessons from Qatar 2022' to Thu 5 Nov 12:45-13:45 in Side Event Room B"
wait_for "[2 Thu 5 Nov]"
wait_for "Thu 5 Nov  12:45-13:45  1h"
keys u
wait_joined "Undone: Moved 'Security of major sporting events"
wait_for "[1 Wed 4 Nov]"
wait_for "Wed 4 Nov  12:00-13:00  1h"
wait_for "Conflicts 4"
# Its block is on screen, selected ("!" for its error).
wait_for "|!12:00-13:00  |"
keys C-r
wait_joined "Redone: Moved 'Security of major sporting events"
wait_for "[2 Thu 5 Nov]"
wait_for "Thu 5 Nov  12:45-13:45  1h"
keys u
wait_for "[1 Wed 4 Nov]"

# The Conflicts view: a fix undone, the view stays.
keys '!'
wait_for "4 conflicts: 2 errors, 2 warnings"
keys f
wait_for "Fixes of the error participant double-booked"
keys Enter
wait_for "3 conflicts: 1 error, 2 warnings"
keys u
wait_for "4 conflicts: 2 errors, 2 warnings"
expect_screen "[Conflicts 4]"
keys q
wait_exit >/dev/null
finish
