# line_ends.sh: a conference.ini or .ics with old Mac line ends (CR alone)
# is told so, not "line is 1207 bytes long" or "should begin with
# BEGIN:VCALENDAR, not "BEGIN:VCALENDAR..."" (issue 11 item 7).
. "$(dirname "$0")/lib.sh"
cp -r "$FIXTURES/mini" "$tmp/p"
cp "$FIXTURES/line-ends/conference-cr-only.ini" "$tmp/p/conference.ini"
expect_exit 2 "$DAIS" check "$tmp/p"
expect_contains "$tmp/p/conference.ini: error: the lines of this file end in CR alone (old Mac line ends)" "stderr" "$err"
expect_not_contains "bytes long" "stderr" "$err"
rm -rf "$tmp/p"
cp -r "$FIXTURES/mini" "$tmp/p"
cp "$FIXTURES/line-ends/sessions-cr-only.ics" "$tmp/p/programme/sessions.ics"
expect_exit 2 "$DAIS" check "$tmp/p"
expect_contains "$tmp/p/programme/sessions.ics:1: error: the lines of this file end in CR alone (old Mac line ends)" "stderr" "$err"
expect_not_contains "should begin with" "stderr" "$err"
finish
