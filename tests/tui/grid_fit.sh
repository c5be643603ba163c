#!/usr/bin/env bash
# grid_fit.sh: names cut so that different names stay different, columns
# and panes that use the width there is, every room of a day at 120 columns
# with the detail pane hidden (and the rooms shown counted when not), words
# kept whole in the grid, tentative sessions marked in grid and list, the
# People view naming delegations (issue 14 items 4-6).
. "$(dirname "$0")/lib.sh"

copy_example prog
start "$tmp/prog" 120 40
wait_for "Main Pl"
# Room headers cut in the middle: the two side-event rooms differ.
wait_for "|Side Event… A|Side Event… B|"
# Five of nine rooms beside the pane, and the tab says which.
wait_for "[Grid rooms 1–5 of 9]"
# A word too long for its column is cut, not carried to the next line.
wait_for "| Rehabilitat…|"
expect_no_screen "| on and"
# i hides the pane: the columns narrow and all nine rooms show.
keys i
wait_for "Garden Terrace"
wait_gone "rooms 1–"
wait_for "[Grid]"
keys i
wait_for "[Grid rooms 1–5 of 9]"

# Tentative sessions: '?' in the grid, said in the list (day 2's
# bilateral at 10:15 is STATUS:TENTATIVE).
keys 2
wait_for "[2 Thu 5 Nov]"
wait_for "|?10:15 Bilateral"
keys F3
wait_for "10:15-10:45 ? Bilateral"
wait_for "(tentative) Bilateral meeting"

# At 200 columns the session pane takes a third of the screen, so the
# chair's full name fits on one line beside the grid.
resize 200 50
keys F2
keys /
type_text "Opening plenary"
keys Enter
wait_for "match 1 of"
wait_for "|   Minister of Internal Affairs — Tajikistan"

# The People view names the delegation ("Russian Federation", not "ru").
resize 100 30
keys F4
wait_for "[People]"
keys /
type_text "ru-interior"
keys Enter
wait_for "'ru-interior'"
# The list's row: the delegation's name (cut in the middle: the column
# is a fifth of the list, the names come first), then the count of
# sessions and the rule before the timeline.
wait_match "Russia…ation +[0-9]+\|"
# The minister's name keeps its country.
wait_match "Minister of In… Federation "
keys q
wait_exit >/dev/null
finish
