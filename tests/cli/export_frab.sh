#!/usr/bin/env bash
# export_frab.sh: `dais export --format frab` of the example and of mini,
# whole and by day: valid against tests/export/frab-schedule.xsd (xmllint),
# and equal to the programme's own files by tests/export/check_frab.py
# (xml.etree and python3-icalendar, independent of dais); stable guids
# and ids; text that needs escaping; the options it refuses. Then the
# schema and the checker are shown tampered files to prove they fail.
. "$(dirname "$0")/lib.sh"
check="/usr/bin/python3 $SRCDIR/tests/export/check_frab.py"
xsd="$SRCDIR/tests/export/frab-schedule.xsd"
example=$(programme_copy "$SRCDIR/data/kuwait-2026")

valid() { # FILE: the schema must accept it
	if ! xmllint --noout --schema "$xsd" "$1" >"$tmp/lint" 2>&1; then
		echo "FAIL: $1 is not valid against frab-schedule.xsd"
		cat "$tmp/lint"; fail=1
	fi
}
checked() { # PROGRAMME FILE [--day DATE]: the checker must accept it
	if ! $check "$@" >"$tmp/check" 2>&1; then
		echo "FAIL: check_frab.py $*"; cat "$tmp/check"; fail=1
	fi
}

for prog in "$(programme_copy "$FIXTURES/mini")" "$example"; do
	tag=$(basename "$prog")
	expect_exit 0 "$DAIS" export "$prog" --format frab -o "$tmp/$tag.xml"
	expect_contains "Wrote " "stdout of export $tag" "$out"
	valid "$tmp/$tag.xml"
	checked "$prog" "$tmp/$tag.xml"
	for day in 2026-11-04 2026-11-05; do
		expect_exit 0 "$DAIS" export "$prog" --format frab --day "$day" \
			-o "$tmp/$tag-$day.xml"
		valid "$tmp/$tag-$day.xml"
		checked "$prog" "$tmp/$tag-$day.xml" --day "$day"
	done
	# Standard output holds the same document, and nothing else is said.
	expect_exit 0 "$DAIS" export "$prog" --format frab -o -
	cmp -s "$tmp/out" "$tmp/$tag.xml" ||
		{ echo "FAIL: -o - differs from -o FILE ($tag)"; fail=1; }
	[ -n "$err" ] && { echo "FAIL: -o - said something: $err"; fail=1; }
done

# The example: 34 sessions, less the cancelled one and the five closed
# meetings (the heads of delegation's and the four bilaterals).
whole=$(cat "$tmp/kuwait-2026.xml")
n=$(grep -c '<event ' <<<"$whole")
[ "$n" = 28 ] || { echo "FAIL: $n events in the example, want 28"; fail=1; }
expect_contains '<acronym>kuwait-2026</acronym>' "example schedule" "$whole"
expect_contains '<language>ar, en, ru, fr, zh</language>' "example schedule" "$whole"
expect_contains '<day index="2" date="2026-11-05"' "example schedule" "$whole"
expect_not_contains 'Heads of delegation' "example schedule" "$whole"
# The same guid and id for an event in the whole schedule and in its day's
# (both numbered over the whole programme), and in a second export.
line() { grep -o '<event guid="[^"]*" id="[^"]*"' "$1" | sort; }
cat "$tmp/kuwait-2026-2026-11-04.xml" "$tmp/kuwait-2026-2026-11-05.xml" |
	grep -o '<event guid="[^"]*" id="[^"]*"' | sort >"$tmp/days.ids"
line "$tmp/kuwait-2026.xml" >"$tmp/whole.ids"
cmp -s "$tmp/days.ids" "$tmp/whole.ids" ||
	{ echo "FAIL: guids or ids differ between the days and the whole"; fail=1; }
"$DAIS" export "$example" --format frab -o "$tmp/again.xml" >/dev/null
cmp -s "$tmp/again.xml" "$tmp/kuwait-2026.xml" ||
	{ echo "FAIL: two exports of one programme differ"; fail=1; }

# Text that XML must escape, and a control character it cannot hold.
cp -r "$FIXTURES/mini" "$tmp/odd"
sed -i -e 's/^SUMMARY:Opening plenary/SUMMARY:R\&D <border> "data" \x27now\x27\x01/' \
	"$tmp/odd/programme/sessions.ics"
expect_exit 0 "$DAIS" export "$tmp/odd" --format frab -o "$tmp/odd.xml"
valid "$tmp/odd.xml"
expect_contains '<title>R&amp;D &lt;border&gt; &quot;data&quot; '"'now'"$'\xef\xbf\xbd''</title>' \
	"escaped schedule" "$(cat "$tmp/odd.xml")"

# What it refuses, and how it says so.
expect_exit 2 "$DAIS" export "$example" --format frab --internal -o "$tmp/x.xml"
expect_contains "public programme only" stderr "$err"
expect_exit 2 "$DAIS" export "$example" --format frab --for kw -o "$tmp/x.xml"
expect_contains "--for and --per-participant make .ics calendars" stderr "$err"
expect_exit 2 "$DAIS" export "$example" --format pdf -o "$tmp/x.xml"
expect_contains "no format 'pdf'" stderr "$err"
expect_exit 2 "$DAIS" export "$example" --format frab --day 2026-11-09 -o "$tmp/x.xml"
expect_contains "2026-11-04, 2026-11-05" stderr "$err"
[ -e "$tmp/x.xml" ] && { echo "FAIL: a refused export wrote a file"; fail=1; }

# The schema and the checker fail on schedules that are wrong.
bad_schema() { # NAME SED-SCRIPT
	sed -e "$2" "$tmp/kuwait-2026.xml" >"$tmp/bad.xml"
	cmp -s "$tmp/bad.xml" "$tmp/kuwait-2026.xml" &&
		{ echo "FAIL: tampering ($1) changed nothing"; fail=1; }
	if xmllint --noout --schema "$xsd" "$tmp/bad.xml" >/dev/null 2>&1; then
		echo "FAIL: the schema accepted a schedule with $1"; fail=1
	fi
}
first_id=$(grep -o '<event guid="[^"]*" id="[0-9]*"' "$tmp/kuwait-2026.xml" |
	head -1 | sed 's/.*id="//; s/"//')
bad_schema "two events with one id" "s/id=\"[0-9]*\">/id=\"$first_id\">/"
bad_schema "a guid that is no UUID" '0,/<event guid="/s//<event guid="x/'
bad_schema "a duration in minutes" '0,/<duration>[^<]*</s//<duration>75</'
bad_schema "a time with no offset" '0,/+03:00<\/date>/s//<\/date>/'
bad_check() { # NAME EXPECTED-MESSAGE SED-SCRIPT
	sed -e "$3" "$tmp/kuwait-2026.xml" >"$tmp/bad.xml"
	cmp -s "$tmp/bad.xml" "$tmp/kuwait-2026.xml" &&
		{ echo "FAIL: tampering ($1) changed nothing"; fail=1; }
	if $check "$example" "$tmp/bad.xml" >"$tmp/check" 2>&1; then
		echo "FAIL: the checker accepted a schedule with $1"; fail=1
	elif ! grep -q -- "$2" "$tmp/check"; then
		echo "FAIL: the checker failed on $1 without '$2':"
		cat "$tmp/check"; fail=1
	fi
}
bad_check "a shifted start" "date is" '0,/T09:30:00+03:00/s//T09:30:00+04:00/'
bad_check "an e-mail address" "leaks" \
	's/<title>Coffee break/<title>minister.office@interior.example.kw/'
bad_check "a speaker out of order" "persons" \
	'0,/Minister of Internal Affairs — Tajikistan<\/person>/s//Minister of Interior — Kuwait<\/person>/'
awk '/<event / && !done { skip = 1 } !skip { print }
	skip && /<\/event>/ { skip = 0; done = 1 }' "$tmp/kuwait-2026.xml" >"$tmp/bad.xml"
if $check "$example" "$tmp/bad.xml" 2>&1 | grep -q "is missing"; then :; else
	echo "FAIL: the checker missed a missing event"; fail=1
fi
finish
