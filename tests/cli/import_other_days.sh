# import_other_days.sh: a personal calendar holds every month; dais import
# leaves out the events with no occurrence on a conference day (review
# observation), counted and the first named, and --all-dates imports them.
# They are left out before anything else (review finding 12): not linked,
# not reported ("add the dentist's room"), not counted; a calendar with
# nothing left makes no file (which every load would warn holds no VEVENT).
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
expect_contains "personal.ics: 5 events on no conference day (2026-11-04, 2026-11-05) left out: 'Dentist' (2026-10-01), 'Evening call' (2026-11-03), 'Debrief' (2026-11-06) and others; 'dais import --all-dates' imports them" stdout "$out"
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

# Left out first: the dentist's clinic and invitee are nobody's business;
# the rooms of the events that stay are counted, and only those.
{ printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:-//rv//EN
  ev on1@rv 'Press 1' "DTSTART;$K:20261104T080000" "DTEND;$K:20261104T083000" 'LOCATION:Press Briefing Room'
  ev on2@rv 'Press 2' "DTSTART;$K:20261105T080000" "DTEND;$K:20261105T083000" 'LOCATION:Press Briefing Room'
  ev off1@rv 'Dentist' "DTSTART;$K:20261001T100000" "DTEND;$K:20261001T110000" 'LOCATION:Dr Smith clinic' 'ATTENDEE;CN=Someone:mailto:someone@x'
  ev off2@rv 'Old press' "DTSTART;$K:20261002T100000" "DTEND;$K:20261002T110000" 'LOCATION:Press Briefing Room'
  ev off3@rv 'No UID here' "DTSTART:20261003T100000" "DTEND:20261003T110000"
  printf '%s\r\n' END:VCALENDAR; } >"$tmp/mixed.ics"
expect_exit 0 "$DAIS" import --dry-run "$tmp/mixed.ics" "$D"
expect_not_contains "Dr Smith" stdout "$out"
expect_not_contains "Someone" stdout "$out"
expect_not_contains "no zone" stdout "$out"
expect_contains "2 events; 2 rooms and 0 people linked, 0 not linked, 0 declined, 0 UIDs made, 0 left out as already in the programme, 3 on no conference day" stdout "$out"

# Nothing left: one line says so, no file, no warning that it is empty.
{ printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:-//rv//EN
  ev off1@rv 'Dentist' "DTSTART;$K:20261001T100000" "DTEND;$K:20261001T110000" 'LOCATION:Dr Smith clinic' 'ATTENDEE;CN=Someone:mailto:someone@x'
  printf '%s\r\n' END:VCALENDAR; } >"$tmp/off.ics"
cp "$D/conference.ini" "$tmp/conf-before"
expect_exit 0 "$DAIS" import "$tmp/off.ics" "$D"
expect_contains "off.ics: nothing is imported from it (its 1 event is left out, above), so no file is written" stdout "$out"
expect_not_contains "Dr Smith" stdout "$out"
expect_not_contains "holds no" "stdout and stderr" "$out$err"
[ ! -e "$D/programme/import-off.ics" ] || { echo "FAIL: an empty import file was written"; fail=1; }
cmp -s "$tmp/conf-before" "$D/conference.ini" || { echo "FAIL: conference.ini changed"; fail=1; }
finish
