#!/usr/bin/env bash
# export_source_date.sh: with SOURCE_DATE_EPOCH set, `dais export` stamps
# every event's DTSTAMP and the web page's "Published" with it, so the
# same programme gives the same files byte for byte (as the run-sheet
# does); a value that is not whole seconds is refused, naming the
# variable, and nothing is written.
. "$(dirname "$0")/lib.sh"
prog=$(programme_copy "$SRCDIR/data/kuwait-2026")

# 1793000000 is 2026-10-26T07:33:20Z.
export SOURCE_DATE_EPOCH=1793000000
expect_exit 0 "$DAIS" export "$prog" --no-record -o "$tmp/a.ics"
expect_exit 0 "$DAIS" export "$prog" --no-record -o "$tmp/b.ics"
cmp -s "$tmp/a.ics" "$tmp/b.ics" || { echo "FAIL: two exports of one programme differ"; fail=1; }
n=$(tr -d '\r' <"$tmp/a.ics" | grep -c '^DTSTAMP:')
m=$(tr -d '\r' <"$tmp/a.ics" | grep -c '^DTSTAMP:20261026T073320Z$')
[ "$n" -gt 0 ] && [ "$n" = "$m" ] ||
	{ echo "FAIL: $m of $n DTSTAMPs are SOURCE_DATE_EPOCH's time"; fail=1; }
expect_exit 0 "$DAIS" export "$prog" --format html -o "$tmp/a.html"
expect_contains "2026-10-26 07:33 UTC" html "$(cat "$tmp/a.html")"

export SOURCE_DATE_EPOCH=yesterday
expect_exit 2 "$DAIS" export "$prog" -o "$tmp/c.ics"
expect_contains "SOURCE_DATE_EPOCH is 'yesterday'" stderr "$err"
[ -e "$tmp/c.ics" ] && { echo "FAIL: a refused export wrote a file"; fail=1; }
finish
