# import_unreadable.sh: a line libical cannot read is said by dais import,
# with the source's file and line, quoted as written (review finding 4): an
# unreadable time (a bad DTEND) refuses the import, as the event would come
# in at another time or of no length; another line is a warning, and the
# event comes in without it.
. "$(dirname "$0")/lib.sh"
D=$(programme_copy "$SRCDIR/data/kuwait-2026")
cp "$D/conference.ini" "$tmp/conf.orig"
cal() { printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:-//rv//EN \
	BEGIN:VEVENT UID:fine@rv DTSTAMP:20261001T000000Z 'SUMMARY:Fine' \
	'DTSTART;TZID=Asia/Kuwait:20261104T070000' 'DTEND;TZID=Asia/Kuwait:20261104T073000' \
	END:VEVENT BEGIN:VEVENT UID:bad@rv DTSTAMP:20261001T000000Z 'SUMMARY:Bad end' \
	'DTSTART;TZID=Asia/Kuwait:20261104T080000' "$@" \
	'LOCATION:Press Briefing Room' END:VEVENT END:VCALENDAR; }
cal 'DTEND;TZID=Asia/Kuwait:2026-11-04 09:00' >"$tmp/bad.ics"
expect_exit 2 "$DAIS" import --dry-run "$tmp/bad.ics" "$D"
expect_exit 2 "$DAIS" import "$tmp/bad.ics" "$D"
expect_contains "bad.ics:16: error: libical cannot read \"DTEND;TZID=Asia/Kuwait:2026-11-04 09:00\" (Can't parse as DATE-TIME value in DTEND property)" stderr "$err"
expect_contains "correct the line in the source" stderr "$err"
expect_contains "(session bad@rv)" stderr "$err"
expect_contains "nothing imported" stderr "$err"
cmp -s "$tmp/conf.orig" "$D/conference.ini" || { echo "FAIL: a refused import wrote"; fail=1; }

# A parameter libical cannot read: a warning naming the line; imported.
cal 'DTEND;TZID=Asia/Kuwait:20261104T090000' 'X-IMPORTANT;=bad:value' >"$tmp/param.ics"
expect_exit 0 "$DAIS" import "$tmp/param.ics" "$D"
expect_contains "param.ics:17: warning: libical cannot read \"X-IMPORTANT;=bad:value\"" stderr "$err"
expect_contains "param.ics: 2 events written" stdout "$out"
finish
