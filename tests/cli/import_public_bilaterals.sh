# import_public_bilaterals.sh: dais import says how many bilaterals come in
# public (CATEGORIES:BILATERAL with CLASS:PUBLIC, as Outlook writes on every
# event, or no CLASS), since they would be in the public exports, and how
# to close them; a closed one (CLASS:CONFIDENTIAL or PRIVATE) and another
# kind are not counted (review 3, finding 18).
. "$(dirname "$0")/lib.sh"
D=$(programme_copy "$SRCDIR/data/kuwait-2026")
event() { # UID CATEGORIES CLASS (empty: none) START
	printf '%s\r\n' BEGIN:VEVENT "UID:$1" DTSTAMP:20261001T000000Z "SUMMARY:Meeting $1" \
		"DTSTART;TZID=Asia/Kuwait:20261104T$4" "DTEND;TZID=Asia/Kuwait:20261104T$(printf %06d $((10#$4 + 3000)))" \
		'LOCATION:Bilateral Meeting Room' "CATEGORIES:$2" ${3:+"CLASS:$3"} END:VEVENT
}
{
	printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:-//rv//EN
	event pub@rv BILATERAL PUBLIC 080000
	event none@rv 'Bilateral,Ministers' '' 090000
	event closed@rv BILATERAL CONFIDENTIAL 100000
	event private@rv BILATERAL PRIVATE 110000
	event side@rv SIDE-SESSION PUBLIC 120000
	printf '%s\r\n' END:VCALENDAR
} >"$tmp/outlook.ics"
expect_exit 0 "$DAIS" import "$tmp/outlook.ics" "$D"
expect_contains "$tmp/outlook.ics: 2 bilateral events come in public (CLASS:PUBLIC or none) and will be in the public exports: close them in the planner (e, Meeting: Closed)" stdout "$out"
expect_exit 0 "$DAIS" export "$D" --format html -o "$tmp/page.html" --no-record
page=$(cat "$tmp/page.html")
expect_contains "Meeting pub@rv" page "$page"
expect_contains "Meeting none@rv" page "$page"
expect_not_contains "Meeting closed@rv" page "$page"
expect_not_contains "Meeting private@rv" page "$page"

# Nothing said when every bilateral is closed.
D2=$(programme_copy "$SRCDIR/data/kuwait-2026")
{
	printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:-//rv//EN
	event closed@rv BILATERAL CONFIDENTIAL 100000
	event side@rv SIDE-SESSION PUBLIC 120000
	printf '%s\r\n' END:VCALENDAR
} >"$tmp/closed.ics"
expect_exit 0 "$DAIS" import "$tmp/closed.ics" "$D2"
expect_not_contains "come in public" stdout "$out"
expect_not_contains "comes in public" stdout "$out"
finish
