# import.sh: dais import takes other clients' calendars into a programme,
# linked to its rooms and people, without changing the sources (issue 13).
. "$(dirname "$0")/lib.sh"
oc="$FIXTURES/other-clients"
cp -r "$SRCDIR/data/kuwait-2026" "$tmp/ex"
cp "$oc/outlook.ics" "$oc/google.ics" "$tmp/"
cp "$tmp/outlook.ics" "$tmp/outlook.orig"

# --dry-run lists the closest-name link and writes nothing.
cp "$tmp/ex/conference.ini" "$tmp/conf.orig"
expect_exit 0 "$DAIS" import --dry-run "$tmp/outlook.ics" "$tmp/ex"
expect_contains "'Opening plenary' (Wed 4 Nov 2026 09:00): LOCATION 'Plenary Hall' linked to room 'plenary' (Main Plenary Hall) by the closest name" stdout "$out"
expect_contains "'Border data side session' (Thu 5 Nov 2026 11:00): LOCATION 'Side Room' is not linked: it could be room 'side-a' (Side Event Room A), 'side-b' (Side Event Room B)" stdout "$out"
expect_contains "(dry run: nothing written)" stdout "$out"
cmp -s "$tmp/conf.orig" "$tmp/ex/conference.ini" || { echo "FAIL: dry run wrote"; fail=1; }
[ ! -e "$tmp/ex/programme/import-outlook.ics" ] || { echo "FAIL: dry run wrote a file"; fail=1; }

# The Outlook and Google files: linked, and their opening plenaries clash
# with the example's in the Main Plenary Hall.
expect_exit 0 "$DAIS" import "$tmp/outlook.ics" "$tmp/google.ics" "$tmp/ex"
expect_contains "outlook.ics: 2 events written to programme/import-outlook.ics" stdout "$out"
expect_contains "google.ics: 3 events written to programme/import-google.ics" stdout "$out"
cmp -s "$tmp/outlook.orig" "$tmp/outlook.ics" || { echo "FAIL: the source changed"; fail=1; }
grep -q '^X-DAIS-ROOM:plenary' "$tmp/ex/programme/import-outlook.ics" ||
	{ echo "FAIL: no X-DAIS-ROOM written"; fail=1; }
grep -q '^METHOD' "$tmp/ex/programme/import-outlook.ics" &&
	{ echo "FAIL: METHOD kept"; fail=1; }
expect_exit 1 "$DAIS" check "$tmp/ex"
expect_contains "Main Plenary Hall is booked for 'Opening plenary' and 'Opening plenary: statements of the co-hosts' at once, 09:30-10:30." \
	stdout "$out"
expect_not_contains "did you mean" stderr "$err"
expect_not_contains "No value for" stderr "$err"

# An attendee by registry e-mail, and by name, get their ids.
cp -r "$FIXTURES/mini" "$tmp/mini"
printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:-//x//y//EN METHOD:PUBLISH \
	BEGIN:VEVENT UID:one@outlook DTSTAMP:20261001T000000Z SUMMARY:Talks \
	'DTSTART;TZID=Asia/Kuwait:20261104T100000' 'DTEND;TZID=Asia/Kuwait:20261104T103000' \
	'LOCATION:side room' 'ATTENDEE;CN=Someone:mailto:office@interior.example.kw' \
	'ATTENDEE;CN=UN Office of Counter-Terrorism:mailto:x@example.org' \
	END:VEVENT END:VCALENDAR >"$tmp/one.ics"
expect_exit 0 "$DAIS" import "$tmp/one.ics" "$tmp/mini"
expect_contains "1 room and 2 people linked, 0 not linked" stdout "$out"
w=$(tr -d '\r\n ' <"$tmp/mini/programme/import-one.ics")
expect_contains "X-DAIS-ID=kw-interior" file "$w"
expect_contains "X-DAIS-ID=unoct" file "$w"
expect_exit 1 "$DAIS" check "$tmp/mini"
expect_contains "Minister of Interior — Kuwait is in 'Opening plenary' and 'Talks' at once, 10:00-10:30." stdout "$out"

# calcurse's default export (no UIDs, floating times), made by calcurse.
if command -v calcurse >/dev/null; then
	mkdir "$tmp/cc"
	printf '11/05/2026 @ 09:00 -> 11/05/2026 @ 10:30 |Press briefing\n' >"$tmp/cc/apts"
	calcurse -D "$tmp/cc" --export >"$tmp/calcurse.ics"
	cp -r "$FIXTURES/mini" "$tmp/cm"
	expect_exit 0 "$DAIS" import "$tmp/calcurse.ics" "$tmp/cm"
	expect_contains "'Press briefing': the event had no UID; it has import-" stdout "$out"
	expect_contains "its times have no zone; they are read as Asia/Kuwait time" stdout "$out"
	expect_exit 0 "$DAIS" runsheet "$tmp/cm" --day 2026-11-05
	expect_contains "09:00-10:30  Press briefing" stdout "$out"
	# Into a new programme, made as dais init makes one.
	expect_exit 0 "$DAIS" import --timezone Asia/Kuwait \
		--days 2026-11-04,2026-11-05 --name "Kuwait phase" \
		"$tmp/calcurse.ics" "$tmp/new"
	expect_contains "Made a new programme in $tmp/new" stdout "$out"
	expect_exit 0 "$DAIS" runsheet "$tmp/new" --day 2026-11-05
	expect_contains "09:00-10:30  Press briefing" stdout "$out"
	# A directory that holds a programme is refused, as by dais init.
	expect_exit 1 "$DAIS" import --timezone Asia/Kuwait --days 2026-11-04 \
		"$tmp/calcurse.ics" "$tmp/new"
fi

# A khal/vdirsyncer vdir (one event per file): a directory source, every
# .ics in it, one import file for the whole directory as dais(1) says (it
# was one file per event, and conference.ini's files one entry per event:
# review finding 5); an all-day event and one in another zone (Berlin 08:00
# is Kuwait 10:00 in November).
mkdir "$tmp/vdir"
printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:-//khal//EN BEGIN:VEVENT \
	UID:arrival@khal DTSTAMP:20261001T000000Z SUMMARY:Arrival \
	'DTSTART;VALUE=DATE:20261104' 'DTEND;VALUE=DATE:20261105' END:VEVENT \
	END:VCALENDAR >"$tmp/vdir/arrival@khal.ics"
printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:-//khal//EN BEGIN:VEVENT \
	UID:call@khal DTSTAMP:20261001T000000Z SUMMARY:Call \
	'DTSTART;TZID=Europe/Berlin:20261104T080000' \
	'DTEND;TZID=Europe/Berlin:20261104T083000' END:VEVENT \
	END:VCALENDAR >"$tmp/vdir/call@khal.ics"
echo "not ics" >"$tmp/vdir/README"
cp -r "$FIXTURES/mini" "$tmp/kv"
expect_exit 0 "$DAIS" import "$tmp/vdir" "$tmp/kv"
expect_contains "$tmp/vdir: 2 events written to programme/import-vdir.ics" stdout "$out"
[ ! -e "$tmp/kv/programme/import-arrival@khal.ics" ] || { echo "FAIL: a file per event"; fail=1; }
[ "$(grep -o 'import-' "$tmp/kv/conference.ini" | wc -l)" = 1 ] || { echo "FAIL: files does not list one import"; grep files "$tmp/kv/conference.ini"; fail=1; }
expect_exit 0 "$DAIS" runsheet "$tmp/kv" --day 2026-11-04
expect_contains "All day: Arrival" stdout "$out"
expect_contains "10:00-10:30  Call" stdout "$out"
# Imported again as a whole: an event whose file went is said to be gone
# from the source (and kept), the other updated.
rm "$tmp/vdir/arrival@khal.ics"
expect_exit 0 "$DAIS" import "$tmp/vdir/" "$tmp/kv"
expect_contains "'Arrival' (Wed 4 Nov 2026) is no longer in the source: kept in the programme" stdout "$out"
expect_contains "$tmp/vdir/: 2 events written to programme/import-vdir.ics (replacing an earlier import's)" stdout "$out"
[ ! -e "$tmp/kv/programme/import-vdir-2.ics" ] || { echo "FAIL: a second file for the vdir"; fail=1; }

# A source that is no calendar: refused, nothing written.
echo "not a calendar" >"$tmp/bad.ics"
cp "$tmp/mini/conference.ini" "$tmp/conf2"
expect_exit 2 "$DAIS" import "$tmp/bad.ics" "$tmp/mini"
expect_contains "bad.ics:1: error: this is not an iCalendar file: it should begin with BEGIN:VCALENDAR, not \"not a calendar\"" stderr "$err"
cmp -s "$tmp/conf2" "$tmp/mini/conference.ini" || { echo "FAIL: refused import wrote"; fail=1; }
# One cut short: the line where it ends.
expect_exit 2 "$DAIS" import --dry-run "$FIXTURES/other-clients/outlook-truncated.ics" "$tmp/mini"
expect_contains "outlook-truncated.ics:40: error: the calendar ends here without END:VCALENDAR: the file was cut short" stderr "$err"
finish
