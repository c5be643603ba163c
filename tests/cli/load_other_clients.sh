# load_other_clients.sh: .ics files as other programs write them (made by
# hand after their exports: Outlook with a "Arab Standard Time" VTIMEZONE
# and X-MICROSOFT-* (and a recurring meeting with a moved occurrence), Google Calendar with UTC times and X-GOOGLE-*, Apple
# with X-APPLE-* and its alarms, Thunderbird with X-MOZ-*, Evolution with
# libical's zone prefix) load as the mini programme's one file, with their
# times right; broken ones are refused with file, line and reason. None may
# crash (tests/fixtures/other-clients/).
. "$(dirname "$0")/lib.sh"
dir="$FIXTURES/other-clients"
ics=programme/sessions.ics

use() {
	rm -rf "$tmp/p"
	cp -r "$FIXTURES/mini" "$tmp/p"
	cp "$dir/$1" "$tmp/p/$ics"
}

# loads NAME SESSIONS: exit 0 (none of them clashes), no error.
loads() {
	use "$1"
	expect_exit 0 "$DAIS" check "$tmp/p"
	expect_not_contains "error:" stderr "$err"
	expect_contains "Mini Conference: $2, no conflicts." stdout "$out"
}

# refused NAME LINE WORDS: exit 2 with "file:LINE: error: WORDS".
refused() {
	use "$1"
	expect_exit 2 "$DAIS" check "$tmp/p"
	expect_contains "$tmp/p/$ics:$2: error: $3" stderr "$err"
	expect_contains "was not loaded" stderr "$err"
}

# at DAY TEXT: the run-sheet of DAY shows TEXT (times in Kuwait).
at() {
	expect_exit 0 "$DAIS" runsheet "$tmp/p" --day "$1"
	expect_contains "$2" stdout "$out"
}

loads outlook.ics "2 sessions"
expect_contains "$tmp/p/$ics:38: warning: ATTENDEE Minister of Interior, Kuwait has no dais id" \
	stderr "$err"
at 2026-11-04 "09:00-10:30  Opening plenary"
at 2026-11-05 "11:00-12:00  Border data side session"

# A series in Outlook's own zone, one occurrence moved: the override's
# RECURRENCE-ID;TZID="Arab Standard Time" is read through the VTIMEZONE.
loads outlook-recurring.ics "2 sessions"
at 2026-11-04 "08:30-08:45  Heads of delegation briefing"
at 2026-11-05 "09:00-09:15  Heads of delegation briefing (later)"

loads google.ics "3 sessions"
# Google writes LOCATION: empty: the warning names that line and quotes it.
expect_contains "$tmp/p/$ics:47: warning: \"LOCATION:\" has no value, so libical leaves the line out" \
	stderr "$err"
at 2026-11-04 "09:00-10:30  Opening plenary"
at 2026-11-04 "08:00-08:30  Morning briefing"
at 2026-11-05 "08:45-09:15  Morning briefing (moved)"

# Exchange writes CLASS: empty; a calendar without VERSION is said so.
use google.ics
sed -i 's/^SEQUENCE:0\r$/CLASS:\r/; /^VERSION:/d' "$tmp/p/$ics"
expect_exit 0 "$DAIS" check "$tmp/p"
expect_contains "$tmp/p/$ics:47: warning: \"CLASS:\" has no value" stderr "$err"
expect_contains "$tmp/p/$ics:1: warning: this calendar has no VERSION line" \
	stderr "$err"
expect_not_contains "libical could not read" stderr "$err"

# A calendar with no event at all adds nothing, and says so.
use google.ics
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nEND:VCALENDAR\r\n' \
	>"$tmp/p/programme/other.ics"
sed -i 's|^files = .*|files = "programme/sessions.ics, programme/other.ics"|' \
	"$tmp/p/conference.ini"
expect_exit 0 "$DAIS" check "$tmp/p"
expect_contains "$tmp/p/programme/other.ics:1: warning: this calendar holds no VEVENT, so it adds no session" \
	stderr "$err"
expect_not_contains "sessions.ics:1: warning: this calendar holds no VEVENT" \
	stderr "$err"

loads google-lf.ics "1 session"
expect_not_contains "warning:" stderr "$err"
at 2026-11-05 "15:00-16:00  Closing plenary: adoption of the Kuwait Declaration on Border"

loads apple.ics "1 session"
expect_not_contains "warning:" stderr "$err"
at 2026-11-04 "19:00-20:00  Ministerial reception"

loads thunderbird.ics "1 session"
expect_not_contains "warning:" stderr "$err"
at 2026-11-05 "13:00-14:30  Ministerial working lunch"

loads evolution.ics "1 session"
expect_not_contains "warning:" stderr "$err"
at 2026-11-05 "15:00-16:30  Closing plenary"

loads windows-1252.ics "1 session"
expect_contains "$tmp/p/$ics:9: warning: this line is not valid UTF-8" \
	stderr "$err"

refused outlook-no-vtimezone.ics 12 \
	"DTSTART has TZID=Arab Standard Time, which is neither a zone of the time zone database nor a VTIMEZONE of this file"
expect_contains "$tmp/p/$ics:44: error: DTSTART has TZID=Arab Standard Time" \
	stderr "$err"

refused outlook-truncated.ics 18 \
	"BEGIN:VEVENT has no END:VEVENT before the end of the file"
expect_contains "$tmp/p/$ics:40: error: the file ends without END:VCALENDAR" \
	stderr "$err"

# An all-day event (Apple's "Conference days") is an all-day item.
loads apple-all-day.ics "1 session"
expect_not_contains "warning:" stderr "$err"
at 2026-11-05 "All day: Conference days"

refused no-uid-bom.ics 4 "this VEVENT has no UID"
expect_contains "$tmp/p/$ics:1: warning: the file begins with a UTF-8 byte order mark" \
	stderr "$err"

finish
