# import_same_name.sh: a source is identified by where it is, not by its
# file name (review finding 3). Outlook, Google and Apple all export
# Calendar.ics: a second delegation's Calendar.ics is a new file
# (import-Calendar-2.ics), not merged into the first's, and the first's
# events are not called "no longer in the source". The import file
# records its source's absolute path (X-DAIS-IMPORT-SOURCE); importing a
# source again finds its own file, whichever order they come in. A file an
# import made before dais recorded the source is taken for it when it is
# named after it and holds one of its UIDs.
. "$(dirname "$0")/lib.sh"
D=$(programme_copy "$SRCDIR/data/kuwait-2026")
mkdir -p "$tmp/o1" "$tmp/o2"
# calendar DIR UID TITLE START
calendar() {
	printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:x BEGIN:VEVENT "UID:$2" \
		"SUMMARY:$3" "DTSTART;TZID=Asia/Kuwait:20261104T$4" 'DURATION:PT45M' \
		'LOCATION:Bilateral Meeting Room' END:VEVENT END:VCALENDAR \
		>"$1/Calendar.ics"
}
calendar "$tmp/o1" ev-one 'Delegation A meeting' 131500
calendar "$tmp/o2" ev-two 'Delegation B meeting' 170000

expect_exit 0 "$DAIS" import "$tmp/o1/Calendar.ics" "$D"
expect_contains "1 event written to programme/import-Calendar.ics" stdout "$out"
expect_exit 0 "$DAIS" import "$tmp/o2/Calendar.ics" "$D"
expect_contains "1 event written to programme/import-Calendar-2.ics" stdout "$out"
expect_not_contains "no longer in the source" stdout "$out"
expect_not_contains "replacing" stdout "$out"
grep -q 'UID:ev-one' "$D/programme/import-Calendar-2.ics" && { echo "FAIL: the first delegation's event is in the second's file"; fail=1; }
tr -d '\r' <"$D/programme/import-Calendar-2.ics" | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g' |
	grep -qx "X-DAIS-IMPORT-SOURCE:$(cd "$tmp/o2" && pwd -P)/Calendar.ics" ||
	{ echo "FAIL: the source's path is not recorded"; fail=1; }

# Each again (the second from its own directory, by a relative path):
# its own file.
calendar "$tmp/o1" ev-one 'Delegation A meeting' 140000
expect_exit 0 "$DAIS" import "$tmp/o1/Calendar.ics" "$D"
expect_contains "1 event written to programme/import-Calendar.ics (replacing an earlier import's: 1 updated from the source)" stdout "$out"
expect_not_contains "no longer in the source" stdout "$out"
(cd "$tmp/o2" && "$DAIS" import Calendar.ics "$D") >"$tmp/out2" 2>&1 || { echo "FAIL: relative import"; cat "$tmp/out2"; fail=1; }
grep -q "1 event written to programme/import-Calendar-2.ics (replacing an earlier import's)" "$tmp/out2" ||
	{ echo "FAIL: o2 again did not find its file"; cat "$tmp/out2"; fail=1; }
[ ! -e "$D/programme/import-Calendar-3.ics" ] || { echo "FAIL: a third file was made"; fail=1; }
expect_exit 1 "$DAIS" check "$D"
expect_not_contains "import-Calendar" stderr "$err"

# An import file made before dais recorded its source: the source named
# after it and holding one of its UIDs replaces it; another does not.
E="$tmp/legacy" && cp -r "$SRCDIR/data/kuwait-2026" "$E"
expect_exit 0 "$DAIS" import "$tmp/o1/Calendar.ics" "$E"
sed -i '/^X-DAIS-IMPORT/,/^BEGIN:/{/^BEGIN:/!d}' "$E/programme/import-Calendar.ics"
grep -q 'X-DAIS-IMPORT' "$E/programme/import-Calendar.ics" && { echo "FAIL: the test did not remove the record"; fail=1; }
expect_exit 0 "$DAIS" import "$tmp/o2/Calendar.ics" "$E"
expect_contains "1 event written to programme/import-Calendar-2.ics" stdout "$out"
expect_not_contains "no longer in the source" stdout "$out"
expect_exit 0 "$DAIS" import "$tmp/o1/Calendar.ics" "$E"
expect_contains "1 event written to programme/import-Calendar.ics (replacing an earlier import's)" stdout "$out"
finish
