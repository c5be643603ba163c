# import_again_edits.sh: importing a source again never loses what the
# organiser did in dais (review finding 1). The import file records what
# the last import wrote for each event (X-DAIS-IMPORTED, fingerprints of
# the source's event and of the event written); on the next import an
# event changed in dais only is kept (an assignment made in the planner
# raises no SEQUENCE), one changed in the source only is updated, one
# changed on both sides is kept as dais has it and named, and one deleted
# in dais stays deleted and is said. A new DTSTAMP alone (every export
# writes one) is no change. Times are checked in UTC with python3-icalendar.
. "$(dirname "$0")/lib.sh"
D=$(programme_copy "$SRCDIR/data/kuwait-2026")
F="$D/programme/import-delegation.ics"

# delegation_calendar STAMP ONE_START TWO_START: the delegation's file.
delegation_calendar() {
	printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:-//rv//EN \
		BEGIN:VEVENT UID:ev-one "DTSTAMP:$1" 'SUMMARY:Delegation A meeting' \
		"DTSTART;TZID=Asia/Kuwait:20261104T$2" 'DURATION:PT45M' \
		'LOCATION:Bilateral Meeting Room' END:VEVENT \
		BEGIN:VEVENT UID:ev-two "DTSTAMP:$1" 'SUMMARY:Delegation B meeting' \
		"DTSTART;TZID=Asia/Kuwait:20261104T$3" 'DURATION:PT30M' \
		'LOCATION:Press Briefing Room' END:VEVENT END:VCALENDAR \
		>"$tmp/delegation.ics"
}
# utc_of UID: DTSTART of the event in the import file, in UTC.
utc_of() {
	/usr/bin/python3 - "$F" "$1" <<'PY'
import sys, datetime, icalendar
for ev in icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read()).walk("VEVENT"):
    if str(ev.get("UID")) == sys.argv[2]:
        print(ev.decoded("DTSTART").astimezone(datetime.timezone.utc).strftime("%Y%m%dT%H%MZ"))
PY
}
# unfolded FILE: its lines, folded ones joined.
unfolded() { tr -d '\r' <"$1" | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g'; }
# in_dais PYTHON: change the import file as a save of the planner would.
in_dais() {
	/usr/bin/python3 - "$F" "$1" <<'PY'
import sys
p, code = sys.argv[1], sys.argv[2]
s = open(p, newline="").read()
exec(code)
open(p, "w", newline="").write(s)
PY
}

delegation_calendar 20261101T080000Z 131500 170000
expect_exit 0 "$DAIS" import "$tmp/delegation.ics" "$D"
unfolded "$F" | grep -q '^X-DAIS-IMPORTED;X-SOURCE-HASH=[0-9a-f]*;X-WRITTEN-HASH=[0-9a-f]*;X-SOURCE-FIELDS=SUMMARY=[0-9a-f]* [^:]*:ev-one$' || { echo "FAIL: no record of ev-one"; fail=1; }

# Assigned in dais (an ATTENDEE with a dais id, no SEQUENCE raised); the
# source exported again, unchanged but for its DTSTAMP.
in_dais 's = s.replace("LOCATION:Bilateral Meeting Room\r\n", "LOCATION:Bilateral Meeting Room\r\nATTENDEE;CN=Kazakhstan;ROLE=REQ-PARTICIPANT;CUTYPE=INDIVIDUAL;X-DAIS-ID=kz-interior:urn:x-dais:kz-interior\r\n", 1)'
delegation_calendar 20261102T090000Z 131500 170000
expect_exit 0 "$DAIS" import "$tmp/delegation.ics" "$D"
expect_contains "'Delegation A meeting': changed in dais since the last import, not in the source: kept as the programme has it" stdout "$out"
expect_contains "2 events written to programme/import-delegation.ics (replacing an earlier import's: 1 kept as changed in dais)" stdout "$out"
# Counted: the links of what is written, not of the source's version of
# an event kept as dais has it.
expect_contains "2 events; 1 room and 0 people linked" stdout "$out"
grep -q 'X-DAIS-ID=kz-interior' "$F" || { echo "FAIL: the assignment made in dais was lost"; fail=1; }

# Changed in the source only (B moves to 17:30): updated.
delegation_calendar 20261103T090000Z 131500 173000
expect_exit 0 "$DAIS" import "$tmp/delegation.ics" "$D"
expect_contains "(replacing an earlier import's: 1 updated from the source, 1 kept as changed in dais)" stdout "$out"
[ "$(utc_of ev-two)" = 20261104T1430Z ] || { echo "FAIL: ev-two not updated from the source: $(utc_of ev-two)"; fail=1; }
grep -q 'X-DAIS-ID=kz-interior' "$F" || { echo "FAIL: the assignment was lost on the update"; fail=1; }

# Moved in dais (to 14:00, SEQUENCE 1) and in the source (to 16:00):
# dais's kept, the source's named.
in_dais 's = s.replace("DTSTART;TZID=Asia/Kuwait:20261104T131500", "DTSTART;TZID=Asia/Kuwait:20261104T140000", 1)'
delegation_calendar 20261103T100000Z 160000 173000
expect_exit 0 "$DAIS" import "$tmp/delegation.ics" "$D"
expect_contains "'Delegation A meeting': changed in dais and in the source since the last import: kept dais's; the source changed DTSTART to Wed 4 Nov 2026 16:00 (changed in dais too: it has Wed 4 Nov 2026 14:00): make that change in dais if it is wanted" stdout "$out"
expect_contains "1 changed on both sides, kept as in dais" stdout "$out"
[ "$(utc_of ev-one)" = 20261104T1100Z ] || { echo "FAIL: dais's move was overwritten: $(utc_of ev-one)"; fail=1; }
# Said once: the next import of the same source keeps dais's quietly.
expect_exit 0 "$DAIS" import "$tmp/delegation.ics" "$D"
expect_not_contains "changed in dais and in the source" stdout "$out"
[ "$(utc_of ev-one)" = 20261104T1100Z ] || { echo "FAIL: dais's move lost on the next import"; fail=1; }

# Deleted in dais: stays deleted, said.
in_dais 'i = s.index("UID:ev-two"); b = s.rfind("BEGIN:VEVENT", 0, i); e = s.index("END:VEVENT", i) + 12; s = s[:b] + s[e:]'
expect_exit 0 "$DAIS" import "$tmp/delegation.ics" "$D"
expect_contains "'Delegation B meeting' (Wed 4 Nov 2026 17:30) was deleted in dais since the last import: left out, so it stays deleted" stdout "$out"
expect_contains "1 event written to programme/import-delegation.ics" stdout "$out"
expect_contains "1 event; 0 rooms and 0 people linked" stdout "$out"
! grep -q 'UID:ev-two' "$F" || { echo "FAIL: the event deleted in dais came back"; fail=1; }
# ... and still after the source changes it.
delegation_calendar 20261103T110000Z 160000 180000
expect_exit 0 "$DAIS" import "$tmp/delegation.ics" "$D"
expect_contains "stays deleted (the source has changed it since: add it again in dais if it is wanted)" stdout "$out"
! grep -q 'UID:ev-two' "$F" || { echo "FAIL: the event deleted in dais came back"; fail=1; }

# The record is dais's own: the programme loads without a word about it.
expect_exit 1 "$DAIS" check "$D"
expect_not_contains "import-delegation" stderr "$err"

# Every event deleted in dais: the file keeps only its record, which is no
# mistake ("holds no VEVENT ... check conference.ini's files" was said at
# every load), and the next import leaves them deleted.
in_dais 'i = s.index("UID:ev-one"); b = s.rfind("BEGIN:VEVENT", 0, i); e = s.index("END:VEVENT", i) + 12; s = s[:b] + s[e:]'
expect_exit 1 "$DAIS" check "$D"
expect_not_contains "holds no VEVENT" stderr "$err"
expect_exit 0 "$DAIS" import "$tmp/delegation.ics" "$D"
expect_contains "0 events written to programme/import-delegation.ics (replacing an earlier import's: 2 deleted in dais, left out)" stdout "$out"
expect_not_contains "holds no" "stdout and stderr" "$out$err"
finish
