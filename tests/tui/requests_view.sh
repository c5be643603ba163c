#!/usr/bin/env bash
# requests_view.sh: F6 lists the bilateral requests of requests.ini, each
# placed or not, with the selected one's terms below; a broken
# requests.ini is listed with its lines instead; a programme without one
# says how to write it. At 100x30 and 80x24.
. "$(dirname "$0")/lib.sh"

copy_example prog
n=$(grep -c '^\[' "$tmp/prog/requests.ini")
start "$tmp/prog"
keys F6
wait_for "[Requests]"
wait_for "$n bilateral requests: 0 placed, $n not"
wait_for "- P5 kw-tj-interior   Kuwait–Tajikistan: border"
wait_for "… not placed yet"
wait_for "[kw-tj-interior] Kuwait–Tajikistan: border management memorandum"
wait_for "Minister of Interior — Kuwait, Minister of Internal Affairs — Tajikistan"
wait_for "45 min, priority 5, between Wed 4 Nov 08:00 and Wed 4 Nov 22:00"
wait_for "Note: Memorandum on border management to be initialled"
keys j
wait_for "[kw-unoct] Kuwait and UNOCT: the Kuwait Declaration follow-up"
keys Enter
wait_for "Not placed: no session to go to."
keys q
wait_exit >/dev/null

# A broken file: its problems, with file and line, instead of the list.
sed -i '0,/^duration = 45m/s//duration = 0m/' "$tmp/prog/requests.ini"
start "$tmp/prog" 80 24
keys F6
wait_for "requests.ini was not loaded: fix what is below"
wait_joined "requests.ini:"
keys q
wait_exit >/dev/null

# None at all.
rm "$tmp/prog/requests.ini"
start "$tmp/prog"
keys F6
wait_for "[Requests]"
wait_joined "No requests.ini in $tmp/prog: write one to ask for bilateral meetings"
keys q
wait_exit >/dev/null
finish
