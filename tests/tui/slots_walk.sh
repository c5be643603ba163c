#!/usr/bin/env bash
# slots_walk.sh: f on the Kuwait-Tajikistan bilateral (two ministers) shows
# the longest walk either must make, not the sum of both, and only a walk
# that constrains the meeting (review3 finding 8). By hand, as dais(1)
# says: both ministers go to the 19:30 reception on the Garden Terrace,
# 6 minutes from the main building, changeover 10: a meeting ending at
# 18:45 (45 minutes before) has a 6-minute walk (it was "12 min walk",
# 6 + 6); one ending at 17:45 has none (it was "12 min walk" too).
. "$(dirname "$0")/lib.sh"

copy_example prog
start "$tmp/prog"
wait_for "[1 Wed 4 Nov]"
keys /
type_text "Bilateral meeting: Kuwait and Tajikistan"
keys Enter
wait_for "Room: Bilateral Meeting Room"
keys f
wait_for "Where 'Bilateral meeting: Kuwait and Tajikistan' can go"
type_text "18:00-18:45 Bilateral"
wait_match "Wed 4 Nov 18:00-18:45 +Bilateral Meeting Room, 6 min walk"
expect_no_screen "12 min walk"
keys Escape
wait_for "Not moved."
keys f
wait_for "Where 'Bilateral meeting: Kuwait and Tajikistan' can go"
type_text "17:00-17:45 Bilateral"
wait_match "Wed 4 Nov 17:00-17:45 +Bilateral Meeting Room"
expect_no_screen "min walk"
keys Escape
wait_for "Not moved."
finish
