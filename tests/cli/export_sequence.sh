#!/usr/bin/env bash
# export_sequence.sh: SEQUENCE rises for every change, wherever it was made
# (here: by hand, in the .ics file), through DIR/.dais-published; it does
# not rise for an export of an unchanged programme, nor differ between
# kinds of export; the record survives a day's export and refuses a
# damaged line. Then khal: the occurrences of a recurring series moved to
# another time keep their UIDs, so importing the new export over the old
# one replaces them (29 events, not 31) and shows the new times.
. "$(dirname "$0")/lib.sh"
example=$(programme_copy "$SRCDIR/data/kuwait-2026")
prog="$tmp/prog"
cp -r "$example" "$prog"
rm -f "$prog/.dais-published"

seq_of() { # FILE UID: the SEQUENCE the calendar gives the event
	tr -d '\r' <"$1" | awk -v u="UID:$2" '$0 == u { on = 1 }
		on && /^SEQUENCE:/ { sub(/^SEQUENCE:/, ""); print; exit }'
}
expect_seq() { # FILE UID WANT
	got=$(seq_of "$1" "$2")
	[ "$got" = "$3" ] ||
		{ echo "FAIL: $2 has SEQUENCE '$got' in $(basename "$1"), want $3"; fail=1; }
}
count_raised() { tr -d '\r' <"$1" | grep -c '^SEQUENCE:[1-9]'; }
major=d1-side-major-events@kuwait-2026.dushanbe-process
opening=d1-opening@kuwait-2026.dushanbe-process

expect_exit 0 "$DAIS" export "$prog" -o "$tmp/1.ics"
[ -f "$prog/.dais-published" ] || { echo "FAIL: no .dais-published"; fail=1; }
n=$(grep -vc '^#' "$prog/.dais-published")
[ "$n" = 29 ] || { echo "FAIL: $n records, want 29"; fail=1; }
[ "$(count_raised "$tmp/1.ics")" = 0 ] || { echo "FAIL: a first export raised SEQUENCE"; fail=1; }

# Moved by hand in the file, not in the planner.
sed -i -e 's/^DTSTART;TZID=Asia\/Kuwait:20261104T120000\r/DTSTART;TZID=Asia\/Kuwait:20261104T123000\r/' \
	-e 's/^DTEND;TZID=Asia\/Kuwait:20261104T130000\r/DTEND;TZID=Asia\/Kuwait:20261104T133000\r/' \
	"$prog/programme/side-sessions.ics"
expect_exit 0 "$DAIS" export "$prog" -o "$tmp/2.ics"
expect_seq "$tmp/2.ics" "$major" 1
[ "$(count_raised "$tmp/2.ics")" = 1 ] || { echo "FAIL: other sessions raised too"; fail=1; }
# Nothing changed since: nothing rises.
expect_exit 0 "$DAIS" export "$prog" -o "$tmp/3.ics"
expect_seq "$tmp/3.ics" "$major" 1
[ "$(count_raised "$tmp/3.ics")" = 1 ] || { echo "FAIL: an unchanged export raised SEQUENCE"; fail=1; }
# Every kind of export gives the same SEQUENCE.
expect_exit 0 "$DAIS" export "$prog" --internal -o "$tmp/internal.ics"
expect_seq "$tmp/internal.ics" "$major" 1
expect_exit 0 "$DAIS" export "$prog" --per-participant "$tmp/people"
expect_seq "$tmp/people/qa-interior.ics" "$major" 1
# A title changed, and the same session moved again.
sed -i -e 's/^SUMMARY:Opening plenary: statements of the co-hosts/SUMMARY:Opening plenary: statements of the co-hosts and of UNOCT/' \
	"$prog/programme/plenary.ics"
sed -i -e 's/^DTSTART;TZID=Asia\/Kuwait:20261104T123000\r/DTSTART;TZID=Asia\/Kuwait:20261104T124500\r/' \
	"$prog/programme/side-sessions.ics"
expect_exit 0 "$DAIS" export "$prog" --day 2026-11-04 -o "$tmp/4.ics"
expect_seq "$tmp/4.ics" "$opening" 1
expect_seq "$tmp/4.ics" "$major" 2
# The day's export kept the other day's records.
grep -q ' d2-closing@' "$prog/.dais-published" ||
	{ echo "FAIL: a day's export dropped the other day's records"; fail=1; }
expect_exit 0 "$DAIS" export "$prog" -o "$tmp/5.ics"
expect_seq "$tmp/5.ics" "$major" 2
[ "$(count_raised "$tmp/5.ics")" = 2 ] || { echo "FAIL: want 2 raised in 5.ics"; fail=1; }

# --no-record neither reads nor writes the record.
cp "$prog/.dais-published" "$tmp/record"
expect_exit 0 "$DAIS" export "$prog" --no-record -o "$tmp/6.ics"
expect_seq "$tmp/6.ics" "$major" 0
cmp -s "$tmp/record" "$prog/.dais-published" ||
	{ echo "FAIL: --no-record changed the record"; fail=1; }
# A damaged record is refused with its file and line, and left alone.
sed -i '5s/^[0-9]* /x /' "$prog/.dais-published"
expect_exit 2 "$DAIS" export "$prog" -o "$tmp/7.ics"
expect_contains "$prog/.dais-published line 5: not 'SEQUENCE FINGERPRINT UID'" stderr "$err"
[ -e "$tmp/7.ics" ] && { echo "FAIL: an export with a damaged record was written"; fail=1; }

# khal: a recurring series moved to another time of its days.
if command -v khal >/dev/null; then
	series="$tmp/series"
	cp -r "$example" "$series"
	rm -f "$series/.dais-published"
	home="$tmp/khal"
	mkdir -p "$home/config/khal" "$home/data/calendar"
	cat >"$home/config/khal/config" <<CONF
[calendars]
[[conference]]
path = $home/data/calendar
type = calendar
[locale]
local_timezone = Asia/Kuwait
default_timezone = Asia/Kuwait
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
CONF
	khal_run() {
		XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" khal "$@"
	}
	expect_exit 0 "$DAIS" export "$series" -o "$tmp/before.ics"
	khal_run import --batch -a conference "$tmp/before.ics" >"$tmp/khal.out" 2>&1 ||
		{ echo "FAIL: khal import"; cat "$tmp/khal.out"; fail=1; }
	n=$(ls "$home/data/calendar" | wc -l)
	[ "$n" = 29 ] || { echo "FAIL: khal holds $n events after the first import, want 29"; fail=1; }
	sed -i -e 's/^DTSTART;TZID=Asia\/Kuwait:20261104T104500\r/DTSTART;TZID=Asia\/Kuwait:20261104T110000\r/' \
		-e 's/^DTEND;TZID=Asia\/Kuwait:20261104T111500\r/DTEND;TZID=Asia\/Kuwait:20261104T113000\r/' \
		"$series/programme/breaks.ics"
	expect_exit 0 "$DAIS" export "$series" -o "$tmp/after.ics"
	expect_seq "$tmp/after.ics" coffee-morning@kuwait-2026.dushanbe-process-20261105 1
	khal_run import --batch -a conference "$tmp/after.ics" >"$tmp/khal.out" 2>&1 ||
		{ echo "FAIL: khal re-import"; cat "$tmp/khal.out"; fail=1; }
	n=$(ls "$home/data/calendar" | wc -l)
	[ "$n" = 29 ] || { echo "FAIL: khal holds $n events after re-import, want 29"; fail=1; }
	khal_run list --format '{start}|{title}|{uid}' 2026-11-04 2d >"$tmp/khal-list" 2>&1
	for d in 2026-11-04 2026-11-05; do
		grep -qF "$d 11:00|Coffee break|coffee-morning@kuwait-2026.dushanbe-process-${d//-/}" \
			"$tmp/khal-list" ||
			{ echo "FAIL: khal does not show the moved coffee break on $d"; cat "$tmp/khal-list"; fail=1; }
		grep -q "$d 10:45|Coffee break" "$tmp/khal-list" &&
			{ echo "FAIL: khal still shows the old coffee break on $d"; fail=1; }
	done
else
	echo "khal is not installed: the moved series was not re-imported"
fi
finish
