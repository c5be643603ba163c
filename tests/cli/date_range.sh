# date_range.sh: a session outside the years 1900-2200 is refused at load
# as an error naming the file, line and session (issue 11 item 8): one at
# 9999-12-31 23:00 was exported as 00000000T000000, one at 0001-01-01 was
# shown in local mean time.
. "$(dirname "$0")/lib.sh"
for f in year-9999 year-0001; do
	rm -rf "$tmp/p"
	cp -r "$FIXTURES/mini" "$tmp/p"
	cp "$FIXTURES/date-range/$f.ics" "$tmp/p/programme/sessions.ics"
	for cmd in "check $tmp/p" "export $tmp/p -o $tmp/out.ics"; do
		# shellcheck disable=SC2086
		expect_exit 2 timeout 10 "$DAIS" $cmd
		expect_contains "$tmp/p/programme/sessions.ics:8: error: DTSTART;TZID=Asia/Kuwait:" "stderr of $f $cmd" "$err"
		expect_contains "dais takes times from 1900 to 2200 only" "stderr of $f $cmd" "$err"
		expect_contains "(session opening@mini)" "stderr of $f $cmd" "$err"
	done
done
finish
