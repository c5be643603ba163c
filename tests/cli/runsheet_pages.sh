# runsheet_pages.sh: pagination of the text run-sheet: short pages split a
# long session only when it is longer than a page, every day starts a new
# page, page length 0 means one long page; checked by check_text.py.
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1793512800
mini=$(programme_copy "$FIXTURES/mini")
kuwait="$SRCDIR/data/kuwait-2026"
check="/usr/bin/python3 $SRCDIR/tests/runsheet/check_text.py"

for dir in "$mini" "$kuwait"; do
	for len in 66 40 20 12; do
		expect_exit 0 "$DAIS" runsheet "$dir" --all-days \
			--page-length "$len"
		$check "$tmp/out" "$len" >"$tmp/check" ||
			{ echo "FAIL: $dir at $len lines:"; cat "$tmp/check";
			  fail=1; }
	done
	expect_exit 0 "$DAIS" runsheet "$dir" --all-days --page-length 0
	$check "$tmp/out" 0 >"$tmp/check" ||
		{ echo "FAIL: $dir without pages:"; cat "$tmp/check"; fail=1; }
	expect_contains "Day 2 of 2" stdout "$out"
done

# Every day starts on a page of its own: the day-2 header is on page 2 of
# the mini programme, whose day 1 fits on one page.
expect_exit 0 "$DAIS" runsheet "$mini" --all-days
pages=$(printf '%s' "$out" | tr -cd '\f' | wc -c)
[ "$pages" = 1 ] || { echo "FAIL: $pages form feeds, expected 1"; fail=1; }
second=$(printf '%s' "$out" | awk 'BEGIN{RS="\f"} NR==2')
expect_contains "Day 2 of 2 · Thursday 5 November 2026" "page 2" "$second"
expect_contains "Closing plenary" "page 2" "$second"
expect_contains "page 2 of 2" "page 2" "$second"

# At 12 lines a page holds six body lines: the opening plenary's block is
# longer, so it is split and its second part says what it continues.
expect_exit 0 "$DAIS" runsheet "$mini" --day 2026-11-04 --page-length 12
expect_contains "(continued) 09:00-10:30 Opening plenary" stdout "$out"
# A block that fits on a page is never split: at 20 lines the side
# session does not fit under the opening plenary, so it moves whole to the
# next page, its conflict line with it.
expect_exit 0 "$DAIS" runsheet "$mini" --day 2026-11-04 --page-length 20
printf '%s' "$out" | awk 'BEGIN{RS="\f"} /10:00-11:00  Side session/ {
	if ($0 !~ /is also in .Opening/) bad=1; seen=1 }
	END { exit !(seen && !bad) }' ||
	{ echo "FAIL: the side session was split across pages"; fail=1; }
expect_not_contains "(continued)" stdout "$out"

# Without pages: no form feed, the footer once, at the end.
expect_exit 0 "$DAIS" runsheet "$mini" --all-days --page-length 0
expect_not_contains "$(printf '\f')" stdout "$out"
n=$(printf '%s\n' "$out" | grep -c "^Produced ")
[ "$n" = 1 ] || { echo "FAIL: $n footers without pages"; fail=1; }
finish
