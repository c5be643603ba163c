#!/usr/bin/env bash
# runsheet_people_print.sh: in the People view, p prints the selected
# participant's own programme (dais runsheet --for), not the day's
# run-sheet: to the print command of dais.ini, and to a .txt file typed in
# the prompt (issue 14 item 16).
. "$(dirname "$0")/lib.sh"

mkdir -p "$XDG_CONFIG_HOME/dais"
cat >"$XDG_CONFIG_HOME/dais/dais.ini" <<INI
[print]
command = "cat > '$tmp/printed.txt'"
INI
copy_example prog
export SOURCE_DATE_EPOCH=1793512800
start "$tmp/prog"
keys F4
wait_for "[People]"
keys /
wait_for "Find participant"
type_text "Minister of Interior — Kuwait"
keys Enter
wait_for "'Minister of Interior — Kuwait': Minister of Interior — Kuwait"
keys p
wait_for "Print programme of Minister of Interior — Kuwait"
keys Enter
wait_joined "programme of kw-interior for every day"
grep -q "Programme of Minister of Interior — Kuwait" "$tmp/printed.txt" || {
	echo "FAIL: the programme did not reach the print command"; fail=1; }
grep -q "RUN-SHEET" "$tmp/printed.txt" &&
	{ echo "FAIL: the day's run-sheet was printed instead"; fail=1; }
keys p
wait_for "Print programme of Minister of Interior — Kuwait"
keys C-u
type_text "$tmp/kw.txt"
keys Enter
wait_joined "written to $tmp/kw.txt"
"$DAIS" runsheet "$tmp/prog" --for kw-interior >"$tmp/expected.txt"
cmp -s "$tmp/kw.txt" "$tmp/expected.txt" || {
	echo "FAIL: the file differs from dais runsheet --for kw-interior"
	diff "$tmp/expected.txt" "$tmp/kw.txt" | head; fail=1; }
# Elsewhere p still prints the day's run-sheet.
keys F2
wait_for "[Grid"
keys p
wait_for "Print run-sheet of"
keys Escape
keys q
wait_exit >/dev/null
finish
