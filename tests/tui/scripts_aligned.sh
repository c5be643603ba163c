#!/usr/bin/env bash
# scripts_aligned.sh: names in Arabic, Cyrillic and Chinese are cut and
# padded by display width, so the columns after them stay aligned: the
# participants view's delegation column and pane rule, the picker's
# second column. No bidi: Arabic shows in logical order.
. "$(dirname "$0")/lib.sh"

copy_example prog
# The names in their own script, read from the programme itself.
local_name() {
	/usr/bin/python3 - "$tmp/prog/participants.ini" "$1" <<'PY'
import re, sys
sec = None
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"\[(.*)\]", line.strip())
    if m:
        sec = m.group(1)
    elif sec == sys.argv[2] and line.startswith("name-local"):
        v = line.split("=", 1)[1].strip().strip('"')
        # Its first four characters: long names are cut in the
        # middle, so a whole first word may not show.
        print(v.split(" ")[0][:4])
PY
}
ar_name=$(local_name kw-interior)
ru_name=$(local_name tj-interior)
zh_name=$(local_name cn-public-security)
[ -n "$ar_name" ] && [ -n "$ru_name" ] && [ -n "$zh_name" ] || {
	echo "FAIL: the example lost its local names"; exit 1; }

start "$tmp/prog"
keys F4
wait_for "[People]"
wait_for "$ar_name"
wait_for "$ru_name"
wait_for "$zh_name"

# The display column of a marker after a name, in the first row that has
# both.
col_after() {
	screen | /usr/bin/python3 -c '
import sys, unicodedata
name, mark = sys.argv[1], sys.argv[2]
def w(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
for line in sys.stdin:
    at = line.find(name)
    if at >= 0 and line.find(mark, at) >= 0:
        print(w(line[:line.find(mark, at)]))
        break' "$1" "$2"
}

ar=$(col_after "$ar_name" "|")
ru=$(col_after "$ru_name" "|")
zh=$(col_after "$zh_name" "|")
la=$(col_after "— Qatar" "|")
if [ -z "$ar" ] || [ "$ar" != "$ru" ] || [ "$ar" != "$zh" ] || [ "$ar" != "$la" ]; then
	echo "FAIL: the pane rule is at columns ar=$ar ru=$ru zh=$zh latin=$la"
	show_screen
	fail=1
fi
ar=$(col_after "$ar_name" " Kuwait ")
ru=$(col_after "$ru_name" " Tajikistan ")
zh=$(col_after "$zh_name" " China ")
if [ -z "$ar" ] || [ "$ar" != "$ru" ] || [ "$ar" != "$zh" ]; then
	echo "FAIL: the delegation column is at ar=$ar ru=$ru zh=$zh"
	show_screen
	fail=1
fi

# The picker finds people by a lower-case word in Cyrillic.
keys Escape F2 2
wait_for "[2 Thu 5 Nov]"
keys /
type_text "Closing plenary: adoption"
keys Enter
wait_for "Closing plenary: adoption"
keys a
wait_for "to 'Closing plenary"
type_text "таджик"
wait_for "0 of "
keys C-u
type_text "фармондеҳ"
wait_for "1 of "
wait_for "Commander of the Border Troops — Tajikistan"
keys Escape
wait_for "Nobody assigned."
keys q
wait_exit >/dev/null
finish
