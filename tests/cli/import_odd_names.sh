# import_odd_names.sh: a source whose file name holds a comma (exports are
# often "Amal, calendrier.ics" or "Calendar - Smith, J.ics") is imported
# (review finding 11): conference.ini's files list is separated by commas,
# so its import file's name has a '-' for the comma (and for a double
# quote or a glob character: "Calendar [1].ics"), and the report says so.
# It was refused, blaming a conference.ini line the organiser never wrote.
. "$(dirname "$0")/lib.sh"
D=$(programme_copy "$SRCDIR/data/kuwait-2026")
cal() { # FILE UID
	printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:x BEGIN:VEVENT "UID:$2" \
		"SUMMARY:Meeting $2" 'DTSTART;TZID=Asia/Kuwait:20261104T131500' \
		'DURATION:PT30M' END:VEVENT END:VCALENDAR >"$1"
}
cal "$tmp/Amal, calendrier.ics" amal-1
cal "$tmp/Calendar [1].ics" bracket-1
expect_exit 0 "$DAIS" import "$tmp/Amal, calendrier.ics" "$tmp/Calendar [1].ics" "$D"
expect_contains "Amal, calendrier.ics: its events go to programme/import-Amal-calendrier.ics: a name in conference.ini's files cannot hold a comma" stdout "$out"
expect_contains "Amal, calendrier.ics: 1 event written to programme/import-Amal-calendrier.ics" stdout "$out"
expect_contains "Calendar [1].ics: 1 event written to programme/import-Calendar -1-.ics" stdout "$out"
grep -q '^files = .*"programme/import-Amal-calendrier.ics\|, programme/import-Amal-calendrier.ics' "$D/conference.ini" ||
	{ echo "FAIL: conference.ini does not list it"; grep '^files' "$D/conference.ini"; fail=1; }
expect_exit 1 "$DAIS" check "$D"
expect_not_contains "import-" stderr "$err"
expect_exit 0 "$DAIS" runsheet "$D" --day 2026-11-04
expect_contains "Meeting amal-1" stdout "$out"
expect_contains "Meeting bracket-1" stdout "$out"
# Again: its own file, found by its path.
expect_exit 0 "$DAIS" import "$tmp/Amal, calendrier.ics" "$D"
expect_contains "1 event written to programme/import-Amal-calendrier.ics (replacing an earlier import's)" stdout "$out"
finish
