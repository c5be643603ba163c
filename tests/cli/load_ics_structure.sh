# load_ics_structure.sh: .ics files whose structure is wrong (cut short,
# no calendar, stray END, unclosed child, a file that is not there) are
# refused; odd but readable ones (BOM, Latin-1 bytes, unknown components,
# text after the calendar) load with a warning. Each names file and line.
. "$(dirname "$0")/lib.sh"
dir="$FIXTURES/load-ics"
ics=programme/sessions.ics

# refused FIXTURE LINE MESSAGE: exit 2 and "file:line: error: message".
refused() {
	expect_exit 2 "$DAIS" check "$dir/$1"
	expect_contains "$dir/$1/$ics:$2: error: $3" stderr "$err"
	expect_contains "was not loaded" stderr "$err"
}

# loaded FIXTURE LINE MESSAGE: loads (mini's one conflict: exit 1) and
# warns "file:line: warning: message".
loaded() {
	expect_exit 1 "$DAIS" check "$dir/$1"
	expect_contains "$dir/$1/$ics:$2: warning: $3" stderr "$err"
	expect_contains "Mini Conference: 3 sessions" stdout "$out"
}

refused truncated-event 32 \
	"BEGIN:VEVENT has no END:VEVENT before the end of the file"
expect_contains "(session day2@mini)" stderr "$err"
expect_contains "$ics:35: error: the file ends without END:VCALENDAR" \
	stderr "$err"
refused truncated-calendar 42 "the file ends without END:VCALENDAR"
refused not-calendar 1 \
	"this is not an iCalendar file: it should begin with BEGIN:VCALENDAR, not \"BEGIN:VEVENT\""
refused unclosed-alarm 17 \
	"BEGIN:VALARM has no END:VALARM before END:VEVENT at line 23"
expect_contains "(session opening@mini)" stderr "$err"
refused stray-end 43 "END:VTODO has no BEGIN:VTODO before it"

expect_exit 2 "$DAIS" check "$dir/missing-file"
expect_contains "$dir/missing-file/programme/absent.ics: error: cannot open this file: No such file or directory" \
	stderr "$err"

loaded bom 1 "the file begins with a UTF-8 byte order mark"
loaded bad-utf8 23 "this line is not valid UTF-8"
loaded trailing-text 44 "text after END:VCALENDAR is not part of the calendar"
loaded x-component 17 \
	"dais does not know BEGIN:X-DAIS-SEATING inside VEVENT: it stays in the file as written, but dais ignores it (session opening@mini)"
expect_contains "$ics:46: warning: a VTODO is not a session" stderr "$err"

# The planted conflict is still found in a file loaded with warnings.
expect_contains "participant double-booked" stdout "$out"
finish
