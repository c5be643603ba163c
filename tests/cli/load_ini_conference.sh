# load_ini_conference.sh: conference.ini problems, each in a copy of mini
# with one thing broken: `dais check` refuses the programme (exit 2) and
# names the file, the line and what to write instead.
. "$(dirname "$0")/lib.sh"
dir="$FIXTURES/load-ini"

refused() {
	expect_exit 2 "$DAIS" check "$dir/$1"
	expect_contains "$dir/$1/$2: error: $3" stderr "$err"
}

refused bad-timezone conference.ini:4 \
	"timezone \"Asia/Kuweit\" is not in the zone database: did you mean \"Asia/Kuwait\"?"
refused bad-day conference.ini:5 \
	"days in [conference]: \"2026-11-31\" is not a date: write YYYY-MM-DD"
refused day-end-before-start conference.ini:7 \
	"day-end 07:30 in [conference] is not after day-start 08:00"
refused bad-clock conference.ini:6 \
	"day-start = \"8am\" in [conference] is not a time of day: write HH:MM"
refused bad-changeover conference.ini:8 \
	"changeover = 300 in [conference] is out of range: write a number from 0 to 240"
refused no-files conference.ini:2 "[conference] has no files"
refused new-sessions-unknown conference.ini:10 \
	"new-sessions = \"programme/new.ics\" in [conference] is not one of files (programme/sessions.ics)"
refused bad-conflict-kind conference.ini:12 \
	"over-capasity in [conflicts] is not a conflict kind: did you mean over-capacity?"
refused bad-severity conference.ini:12 \
	"over-capacity = \"warn\" in [conflicts] is not a severity: write error, warning or off"
refused missing-name conference.ini:2 "[conference] has no name"
refused no-conference-section conference.ini "there is no [conference] section"
expect_contains "$dir/no-conference-section/conference.ini:2: warning: unknown section [conferance]" stderr "$err"

# Read with a warning: a date given twice.
expect_exit 1 "$DAIS" check "$dir/duplicate-day"
expect_contains "$dir/duplicate-day/conference.ini:5: warning: days in [conference] lists \"2026-11-05\" twice" stderr "$err"

# "010" is ten minutes, as written (iniparser_getint would read eight): a
# 10-minute changeover makes a 9-minute gap tight, an 8-minute one not.
cp -R "$dir/octal-changeover" "$tmp/p"
/usr/bin/python3 - "$tmp/p/programme/sessions.ics" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
# day2@mini runs 15:00-16:30 in the hall; add a session 9 minutes later.
event = text[text.rindex("BEGIN:VEVENT", 0, text.index("UID:day2@mini")):]
event = event[:event.index("\n", event.index("END:VEVENT")) + 1]
extra = (event.replace("UID:day2@mini", "UID:late@mini")
         .replace("20261105T150000", "20261105T163900")
         .replace("20261105T163000", "20261105T170000"))
text = text.replace("END:VCALENDAR", extra + "END:VCALENDAR")
open(path, "w", encoding="utf-8", newline="").write(text)
PY
expect_exit 1 "$DAIS" check "$tmp/p"
expect_contains "tight changeover" stdout "$out"
expect_not_contains "error:" stderr "$err"

finish
