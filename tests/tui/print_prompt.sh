#!/usr/bin/env bash
# print_prompt.sh: at 80 columns the prompts' hints and the questions'
# answers are shown whole (issue 14 item 9: "(9:30, 0…", "(command, or
# file.tx…"), and p with a file names the file once in what it says.
. "$(dirname "$0")/lib.sh"

copy_example prog
start "$tmp/prog" 80 24
wait_for "Main Pl"
keys p
wait_joined "Print run-sheet of Wed 4 Nov (command, or file.txt/.pdf):"
keys C-u
type_text "$tmp/day1.txt"
keys Enter
wait_joined "Run-sheet of Wed 4 Nov: "
[ -s "$tmp/day1.txt" ] || { echo "FAIL: no run-sheet written"; fail=1; }
# The message may take several lines above the status line.
n=$(screen | grep -o "day1.txt" | wc -l)
[ "$n" = 1 ] || { echo "FAIL: the file is named $n times"; show_screen; fail=1; }
# The move prompt's hint is whole too.
keys /
type_text "Opening plenary"
keys Enter
wait_for "match 1 of 1"
keys m
wait_joined "to (9:30, 0930, +15m, -1h):"
keys Escape
wait_for "Cancelled."
# A question too long for the line goes on above it: its answers show.
keys X
wait_joined "y: delete, n: keep"
keys n
wait_for "Not deleted."
keys q
wait_exit >/dev/null
finish
