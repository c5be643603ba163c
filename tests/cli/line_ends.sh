# line_ends.sh: a conference.ini with old Mac line ends (CR alone) is told
# so, not "line is 1207 bytes long" (issue 11 item 7).
. "$(dirname "$0")/lib.sh"
cp -r "$FIXTURES/mini" "$tmp/p"
cp "$FIXTURES/line-ends/conference-cr-only.ini" "$tmp/p/conference.ini"
expect_exit 2 "$DAIS" check "$tmp/p"
expect_contains "$tmp/p/conference.ini: error: the lines of this file end in CR alone (old Mac line ends)" "stderr" "$err"
expect_not_contains "bytes long" "stderr" "$err"
finish
