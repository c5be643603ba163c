#!/usr/bin/env bash
# export_errors.sh: what `dais export` refuses (exit 2: bad options, an
# unknown id or day, a programme that did not load) and how it fails to
# write (exit 1, naming the file and why, leaving no half file behind).
. "$(dirname "$0")/lib.sh"
mini=$(programme_copy "$FIXTURES/mini")

expect_exit 2 "$DAIS" export "$mini" --for kw-intrior -o "$tmp/x.ics"
expect_contains "'kw-intrior'" stderr "$err"
expect_contains "did you mean 'kw-interior'" stderr "$err"
expect_contains "participants.ini" stderr "$err"
expect_contains "dais check" stderr "$err"
expect_exit 2 "$DAIS" export "$mini" --for nobody-at-all -o "$tmp/x.ics"
expect_contains "'nobody-at-all'" stderr "$err"
expect_not_contains "did you mean" stderr "$err"
[ -e "$tmp/x.ics" ] && { echo "FAIL: a refused export wrote a file"; fail=1; }

expect_exit 2 "$DAIS" export "$mini" --day 2026-11-07 -o "$tmp/x.ics"
expect_contains "2026-11-07 is not a day of the conference" stderr "$err"
expect_contains "2026-11-04, 2026-11-05" stderr "$err"
expect_exit 2 "$DAIS" export "$mini" --day 4/11/2026 -o "$tmp/x.ics"
expect_contains "YYYY-MM-DD" stderr "$err"
expect_exit 2 "$DAIS" export "$mini"
expect_contains "-o FILE.ics" stderr "$err"
expect_exit 2 "$DAIS" export "$mini" -o "$tmp/x.ics" --per-participant "$tmp/d"
expect_exit 2 "$DAIS" export "$mini" --for kw --per-participant "$tmp/d"
expect_exit 2 "$DAIS" export "$mini" "$mini" -o "$tmp/x.ics"
expect_exit 2 "$DAIS" export "$mini" --bogus -o "$tmp/x.ics"

# A programme that does not load is refused before anything is written.
# Here: the sessions file cut short in its second session.
cp -r "$mini" "$tmp/broken"
head -n 30 "$mini/programme/sessions.ics" >"$tmp/broken/programme/sessions.ics"
expect_exit 2 "$DAIS" export "$tmp/broken" -o "$tmp/x.ics"
expect_contains "was not loaded" stderr "$err"
[ -e "$tmp/x.ics" ] && { echo "FAIL: a refused programme was exported"; fail=1; }
expect_exit 2 "$DAIS" export "$tmp/no-such-dir" -o "$tmp/x.ics"

# A failed write (a full disk, simulated) keeps the old file whole and
# leaves no temporary file; the message names the file.
printf 'old calendar\n' >"$tmp/all.ics"
DAIS_FAIL_WRITE=all.ics expect_exit 1 "$DAIS" export "$mini" -o "$tmp/all.ics"
expect_contains "$tmp/all.ics" stderr "$err"
expect_contains "No space left on device" stderr "$err"
[ "$(cat "$tmp/all.ics")" = "old calendar" ] ||
	{ echo "FAIL: the old file was changed"; fail=1; }
ls "$tmp" | grep -q dais-tmp && { echo "FAIL: a temporary file was left"; fail=1; }
# A file made read-only is not replaced, even by root (the rename could).
chmod 444 "$tmp/all.ics"
expect_exit 1 "$DAIS" export "$mini" -o "$tmp/all.ics"
expect_contains "$tmp/all.ics" stderr "$err"
expect_contains "read-only" stderr "$err"
[ "$(cat "$tmp/all.ics")" = "old calendar" ] ||
	{ echo "FAIL: a read-only file was replaced"; fail=1; }
chmod 644 "$tmp/all.ics"
expect_exit 1 "$DAIS" export "$mini" -o "$tmp/no-such-dir/all.ics"
expect_contains "$tmp/no-such-dir/all.ics" stderr "$err"

# One file per participant: the failing one is named, the count said.
DAIS_FAIL_WRITE=tj-interior.ics expect_exit 1 "$DAIS" export "$mini" \
	--per-participant "$tmp/people"
expect_contains "$tmp/people/tj-interior.ics" stderr "$err"
expect_contains "calendars before it" stderr "$err"
[ -e "$tmp/people/tj-interior.ics" ] && { echo "FAIL: half a set"; fail=1; }
ls "$tmp/people" | grep -q dais-tmp && { echo "FAIL: a temporary file was left"; fail=1; }
: >"$tmp/a-file"
expect_exit 1 "$DAIS" export "$mini" --per-participant "$tmp/a-file"
expect_contains "is not a directory" stderr "$err"
finish
