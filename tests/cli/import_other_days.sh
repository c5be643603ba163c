# import_other_days.sh: a personal calendar holds every month; dais import
# leaves out the events with no occurrence on a conference day (review
# observation), counted and the first named, and --all-dates imports them.
. "$(dirname "$0")/lib.sh"
D=$(programme_copy "$SRCDIR/data/kuwait-2026")
ev() { # UID SUMMARY DTSTART-LINE DTEND-LINE [MORE...]
	u=$1 t=$2; shift 2
	printf '%s\r\n' BEGIN:VEVENT "UID:$u" DTSTAMP:20261001T000000Z "SUMMARY:$t" "$@" END:VEVENT
}
K='TZID=Asia/Kuwait'
{ printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:-//rv//EN
  ev in@rv 'Briefing' "DTSTART;$K:20261104T070000" "DTEND;$K:20261104T073000"
  ev dentist@rv 'Dentist' "DTSTART;$K:20261001T170000" "DTEND;$K:20261001T180000"
  ev late@rv 'Evening call' "DTSTART;$K:20261103T230000" "DTEND;$K:20261103T235900"
  ev after@rv 'Debrief' "DTSTART;$K:20261106T080000" "DTEND;$K:20261106T090000"
  ev weekly@rv 'Team call' "DTSTART;$K:20260902T063000" "DTEND;$K:20260902T070000" 'RRULE:FREQ=WEEKLY;BYDAY=WE'
  ev fridays@rv 'Friday prayers' "DTSTART;$K:20260904T120000" "DTEND;$K:20260904T130000" 'RRULE:FREQ=WEEKLY;BYDAY=FR;COUNT=20'
  ev arrival@rv 'Arrival' 'DTSTART;VALUE=DATE:20261105' 'DTEND;VALUE=DATE:20261106'
  ev eve@rv 'Eve' 'DTSTART;VALUE=DATE:20261103' 'DTEND;VALUE=DATE:20261104'
  printf '%s\r\n' END:VCALENDAR; } >"$tmp/personal.ics"

expect_exit 0 "$DAIS" import "$tmp/personal.ics" "$D"
expect_contains "personal.ics: 5 events on no conference day (2026-11-04, 2026-11-05) left out: 'Dentist' (2026-10-01), 'Evening call' (2026-11-03), 'Debrief' (2026-11-06) and others; --all-dates imports them" stdout "$out"
expect_contains "personal.ics: 3 events written to programme/import-personal.ics" stdout "$out"
expect_contains ", 5 on no conference day" stdout "$out"
f="$D/programme/import-personal.ics"
for u in in@rv weekly@rv arrival@rv; do
	grep -q "^UID:$u" "$f" || { echo "FAIL: $u left out"; fail=1; }
done
for u in dentist@rv late@rv after@rv fridays@rv eve@rv; do
	grep -q "^UID:$u" "$f" && { echo "FAIL: $u imported"; fail=1; }
done

# --all-dates: every event (into a fresh copy; the conference-day warnings
# are the loader's).
cp -r "$SRCDIR/data/kuwait-2026" "$tmp/all"
expect_exit 0 "$DAIS" import --all-dates "$tmp/personal.ics" "$tmp/all"
expect_contains "personal.ics: 8 events written" stdout "$out"
expect_not_contains "on no conference day (" stdout "$out"
finish
