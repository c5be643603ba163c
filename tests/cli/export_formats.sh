#!/usr/bin/env bash
# export_formats.sh: every kind of `dais export` (whole, a day, a minister,
# a delegation, an organisation, one file per participant, internal) of the
# example programme and of mini, each checked by tests/export/check_export.py
# against the programme's own files; then the checker is shown tampered
# calendars to prove it fails on them.
. "$(dirname "$0")/lib.sh"
check="/usr/bin/python3 $SRCDIR/tests/export/check_export.py"
example=$(programme_copy "$SRCDIR/data/kuwait-2026")

# run_check DIR ARGS...: the checker must pass.
run_check() {
	if ! $check "$@" >"$tmp/check" 2>&1; then
		echo "FAIL: check_export.py $*"; cat "$tmp/check"; fail=1
	fi
}

export_and_check() { # DIR NAME [dais export options...]
	dir=$1; name=$2; shift 2
	expect_exit 0 "$DAIS" export "$dir" "$@" -o "$tmp/$name.ics"
	expect_contains "Wrote " "stdout of export $name" "$out"
	[ -s "$tmp/$name.ics" ] || { echo "FAIL: no $name.ics"; fail=1; }
}

for prog in "$(programme_copy "$FIXTURES/mini")" "$example"; do
	tag=$(basename "$prog")
	export_and_check "$prog" "$tag-whole"
	run_check "$prog" "$tmp/$tag-whole.ics"
	export_and_check "$prog" "$tag-internal" --internal
	run_check "$prog" "$tmp/$tag-internal.ics" --internal
	for day in 2026-11-04 2026-11-05; do
		export_and_check "$prog" "$tag-$day" --day "$day"
		run_check "$prog" "$tmp/$tag-$day.ics" --day "$day"
	done
	# A minister, the minister's delegation, a UN entity.
	for id in kw-interior kw unoct; do
		export_and_check "$prog" "$tag-$id" --for "$id"
		run_check "$prog" "$tmp/$tag-$id.ics" --for "$id"
	done
	export_and_check "$prog" "$tag-kw-day2" --for kw --day 2026-11-05
	run_check "$prog" "$tmp/$tag-kw-day2.ics" --for kw --day 2026-11-05

	expect_exit 0 "$DAIS" export "$prog" --per-participant "$tmp/$tag-people"
	expect_contains "one for each participant with a session" stdout "$out"
	run_check "$prog" --per-participant "$tmp/$tag-people"
	n=$(ls "$tmp/$tag-people" | wc -l)
	expect_contains "Wrote $n calendar" stdout "$out"
	expect_exit 0 "$DAIS" export "$prog" --internal \
		--per-participant "$tmp/$tag-people-internal"
	run_check "$prog" --per-participant "$tmp/$tag-people-internal" --internal
	expect_exit 0 "$DAIS" export "$prog" --day 2026-11-05 \
		--per-participant "$tmp/$tag-people-day2"
	run_check "$prog" --per-participant "$tmp/$tag-people-day2" --day 2026-11-05

	# Standard output holds the same calendar as the file.
	expect_exit 0 "$DAIS" export "$prog" -o -
	grep -v '^DTSTAMP' "$tmp/out" >"$tmp/stdout.txt"
	grep -v '^DTSTAMP' "$tmp/$tag-whole.ics" >"$tmp/file.txt"
	cmp -s "$tmp/stdout.txt" "$tmp/file.txt" ||
		{ echo "FAIL: -o - differs from -o FILE ($tag)"; fail=1; }
	[ -n "$err" ] && { echo "FAIL: -o - said something: $err"; fail=1; }
done

# The example's own figures (data/kuwait-2026/README.md): 34 sessions from
# 33 VEVENTs, the two coffee breaks on both days, one cancelled session,
# and five closed meetings (CLASS:CONFIDENTIAL: the heads of delegation's
# and the four bilaterals) the public programme leaves out.
run_check "$example" "$tmp/kuwait-2026-whole.ics" --expect-events 29
expect_not_contains "d2-heads-of-delegation" "public export" "$(cat "$tmp/kuwait-2026-whole.ics")"
whole=$(tr -d '\r' <"$tmp/kuwait-2026-whole.ics")
expect_contains "STATUS:CANCELLED" "example export" "$whole"
n=$(grep -c '^UID:coffee-' <<<"$whole")
[ "$n" = 4 ] || { echo "FAIL: $n coffee breaks, want 4"; fail=1; }
expect_contains "UID:coffee-afternoon@kuwait-2026.dushanbe-process-20261105" \
	"example export" "$whole"
expect_contains $'\nSEQUENCE:' "example export" "$whole"

# The checker itself must fail on a calendar that is wrong, and say why.
tamper() { # NAME EXPECTED-MESSAGE SED-SCRIPT
	sed -e "$3" "$tmp/kuwait-2026-whole.ics" >"$tmp/bad.ics"
	checked "$1" "$2"
}
checked() { # NAME EXPECTED-MESSAGE [checker options]: bad.ics must fail
	name=$1; want=$2; shift 2
	if $check "$example" "$tmp/bad.ics" "$@" >"$tmp/check" 2>&1; then
		echo "FAIL: the checker accepted a calendar with $name"; fail=1
	elif ! grep -q -- "$want" "$tmp/check"; then
		echo "FAIL: the checker failed on $name without '$want':"
		cat "$tmp/check"; fail=1
	fi
}
tamper "an e-mail address" "leaks" \
	's/^SUMMARY:Coffee break/SUMMARY:minister.office@interior.example.kw/'
tamper "a shifted start" "DTSTART is" \
	'0,/^DTSTART;TZID=Asia\/Kuwait:20261104T0/s//DTSTART;TZID=Asia\/Kuwait:20261104T1/'
tamper "a wrong zone" "through the embedded VTIMEZONE" \
	's/^TZOFFSETTO:+0300/TZOFFSETTO:+0400/'
tamper "a prefixed TZID" "freeassociation" \
	's/^TZID:Asia\/Kuwait/TZID:\/freeassociation.sourceforge.net\/Asia\/Kuwait/'
tamper "a lost cancellation" "STATUS is 'CONFIRMED'" \
	's/^STATUS:CANCELLED/STATUS:CONFIRMED/'
tamper "a METHOD" "METHOD" 's/^CALSCALE:GREGORIAN/METHOD:PUBLISH/'
tamper "an internal note" "X-DAIS-" 's/^SUMMARY:Coffee break/X-DAIS-NOTES:x/'
tamper "a raised SEQUENCE" "SEQUENCE is 1" '0,/^SEQUENCE:0/s//SEQUENCE:1/'
awk '/^BEGIN:VEVENT/ { buf = ""; inev = 1 }
	inev { buf = buf $0 "\n"; if (/^UID:d1-registration@/) drop = 1 }
	!inev { print }
	/^END:VEVENT/ { if (!drop) printf "%s", buf; inev = 0; drop = 0 }' \
	"$tmp/kuwait-2026-whole.ics" >"$tmp/bad.ics"
checked "a missing event" "is missing"
sed -e '/^X-DAIS-NOTES/d' "$tmp/kuwait-2026-internal.ics" >"$tmp/bad.ics"
checked "an internal export without notes" "X-DAIS-NOTES differs" --internal
finish
