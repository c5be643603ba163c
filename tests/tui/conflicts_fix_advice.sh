#!/usr/bin/env bash
# conflicts_fix_advice.sh: at 80x24 the Conflicts view's line with the
# first fix wraps onto a second row instead of being cut at the view's
# width, where it lost what the fix does ("... lessons from…" without "to
# 13:00"); the list gives up rows for it, so both sessions of the
# conflict are still shown beneath (review3 leftover).
. "$(dirname "$0")/lib.sh"

copy_example prog
start "$tmp/prog" 80 24
wait_for "Main Pl"
keys '!'
wait_for "4 conflicts: 2 errors, 2 warnings"
wait_joined "first: Take Minister of Interior — Qatar (speaker) out of 'Ministerial segment I: national statements'"
wait_for "  11:15-13:00 Ministerial segment I: national statements, Main Plenary Hall"
wait_for "  12:00-13:00 Security of major sporting events: lessons from Qatar 2022"
# The list itself is whole: all four conflicts on screen.
wait_for "* warning Thu 5 Nov 11:15-12:30  interpretation unavailable"
finish
