# runsheet_errors.sh: bad requests to `dais runsheet` exit 2 and say what
# would have worked (the days, the room ids); writing to a place that
# cannot be written exits 1 and leaves nothing behind.
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1793512800
mini=$(programme_copy "$FIXTURES/mini")

expect_exit 2 "$DAIS" runsheet "$mini" --day 2026-11-06
expect_contains "2026-11-06 is not a day of Mini Conference" stderr "$err"
expect_contains "2026-11-04, 2026-11-05" stderr "$err"
[ -z "$out" ] || { echo "FAIL: output on a bad day"; fail=1; }

expect_exit 2 "$DAIS" runsheet "$mini" --day 2026-11-04 --room nowhere
expect_contains "no room 'nowhere'" stderr "$err"
expect_contains "hall, side" stderr "$err"

expect_exit 2 "$DAIS" runsheet "$mini"
expect_contains "--day" stderr "$err"
expect_contains "--all-days" stderr "$err"
expect_contains "2026-11-04, 2026-11-05" stderr "$err"

expect_exit 2 "$DAIS" runsheet "$mini" --day 2026-11-04 --all-days
expect_contains "not both" stderr "$err"

expect_exit 2 "$DAIS" runsheet "$mini" --day 4/11/2026
expect_contains "'4/11/2026' is not a date" stderr "$err"

expect_exit 2 "$DAIS" runsheet "$mini" --day 2026-02-30
expect_contains "is not a date" stderr "$err"

expect_exit 2 "$DAIS" runsheet "$mini" --day 2026-11-04 --format html
expect_contains "no format 'html'" stderr "$err"

expect_exit 2 "$DAIS" runsheet "$mini" --day 2026-11-04 --page-length 5
expect_contains "at least 12" stderr "$err"

expect_exit 2 "$DAIS" runsheet "$mini" --day 2026-11-04 --page-length x
expect_contains "not 'x'" stderr "$err"

SOURCE_DATE_EPOCH=yesterday expect_exit 2 "$DAIS" runsheet "$mini" \
	--day 2026-11-04
expect_contains "SOURCE_DATE_EPOCH" stderr "$err"

expect_exit 2 "$DAIS" runsheet "$mini" "$mini" --day 2026-11-04
expect_contains "one programme directory" stderr "$err"

# A programme that does not load is refused before anything is written.
expect_exit 2 "$DAIS" runsheet "$tmp/no-such-programme" --day 2026-11-04 \
	-o "$tmp/sheet.txt"
[ ! -e "$tmp/sheet.txt" ] || { echo "FAIL: sheet of a bad programme"; fail=1; }

# A directory that does not exist: exit 1, no file, no temporary left.
expect_exit 1 "$DAIS" runsheet "$mini" --day 2026-11-04 \
	-o "$tmp/missing/sheet.txt"
expect_contains "missing" stderr "$err"

# An existing file is replaced whole, never left half-written.
mkdir "$tmp/out-dir"
echo "old sheet" >"$tmp/out-dir/sheet.txt"
expect_exit 0 "$DAIS" runsheet "$mini" --day 2026-11-04 \
	-o "$tmp/out-dir/sheet.txt"
expect_contains "written to $tmp/out-dir/sheet.txt" stderr "$err"
"$DAIS" runsheet "$mini" --day 2026-11-04 >"$tmp/stdout.txt"
cmp -s "$tmp/stdout.txt" "$tmp/out-dir/sheet.txt" ||
	{ echo "FAIL: -o differs from standard output"; fail=1; }
left=$(ls "$tmp/out-dir")
[ "$left" = "sheet.txt" ] || { echo "FAIL: left behind: $left"; fail=1; }

expect_exit 0 "$DAIS" runsheet --help
expect_contains "SOURCE_DATE_EPOCH" stdout "$out"
expect_contains "--all-days" stdout "$out"
finish
