# load_ics_values.sh: values dais reads but cannot use load with a warning
# naming file, line and session: libical's X-LIC-ERROR remarks, an unknown
# STATUS, SEQUENCE and X-DAIS-EXPECTED that are not numbers, an unknown
# kind, room or participant, an ATTENDEE without a dais id.
. "$(dirname "$0")/lib.sh"
dir="$FIXTURES/load-ics"
ics=programme/sessions.ics

loaded() {
	expect_exit 1 "$DAIS" check "$dir/$1"
	expect_contains "$dir/$1/$ics:$2: warning: $3" stderr "$err"
	expect_contains "(session $4)" stderr "$err"
	expect_not_contains "error:" stderr "$err"
}

loaded lic-error 23 \
	"libical could not read a line and left it out: Got a data line, but could not find a property name or component begin tag: Room booked by the protocol office" \
	side-1@mini
expect_contains "$ics:24: warning: libical could not read a line and left it out: Can't parse as DATE-TIME value in DTSTAMP property" \
	stderr "$err"
loaded unknown-status 29 \
	"STATUS:POSTPONED is not a status dais knows (TENTATIVE, CONFIRMED or CANCELLED); it is read as CONFIRMED" \
	side-1@mini
loaded bad-numbers 14 "SEQUENCE:two is not a whole number" opening@mini
expect_contains "$ics:15: warning: X-DAIS-EXPECTED:about 250 is not a whole number of people" \
	stderr "$err"
loaded unknown-kind 32 \
	"the kind WORKSHOP (CATEGORIES) is not one of the kinds in conference.ini" \
	day2@mini
loaded unknown-refs 20 \
	"the room annex-3 (X-DAIS-ROOM) is not in venues.ini" side-1@mini
expect_contains "$ics:20: warning: the participant nobody (ATTENDEE Nobody Known) is not in participants.ini" \
	stderr "$err"
loaded attendee-without-id 31 \
	"ATTENDEE Press officer has no dais id, so dais cannot check their conflicts" \
	side-1@mini
expect_contains "ROLE=SPEAKER of ATTENDEE Press officer is not a role dais knows" \
	stderr "$err"
finish
