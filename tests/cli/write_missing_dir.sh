#!/usr/bin/env bash
# write_missing_dir.sh: every command that writes a programme (schedule,
# import, import-participants, sync), given a directory that does not
# exist or a file, says it is no programme directory and exits 2 (bad
# input), as dais check does, instead of "cannot lock" and 1; nothing is
# made in its place.
. "$(dirname "$0")/lib.sh"

printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nEND:VCALENDAR\r\n' >"$tmp/in.ics"
printf 'name,kind\r\nAmal,official\r\n' >"$tmp/people.csv"
: >"$tmp/a-file"

for dir in "$tmp/no-such-programme" "$tmp/a-file"; do
	expect_exit 2 "$DAIS" check "$dir"
	expect_exit 2 "$DAIS" schedule "$dir"
	expect_contains "dais schedule: $dir: cannot open the programme directory" stderr "$err"
	expect_exit 2 "$DAIS" import "$tmp/in.ics" "$dir"
	expect_contains "dais import: $dir: cannot open the programme directory" stderr "$err"
	expect_exit 2 "$DAIS" sync "$dir"
	expect_contains "dais sync: $dir: cannot open the programme directory" stderr "$err"
	expect_contains "Nothing was changed" stderr "$err"
	expect_exit 2 "$DAIS" import-participants "$dir" "$tmp/people.csv"
done
case "$err" in *"cannot lock"*) echo "FAIL: still says cannot lock"; fail=1 ;; esac
[ ! -e "$tmp/no-such-programme" ] || { echo "FAIL: the directory was made"; fail=1; }

finish
