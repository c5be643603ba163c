# sources_vdir.sh: `files` naming a directory (a khal vdir, one event per
# file) or a glob (issue 13 item 2): the sessions load, their times equal
# in UTC what khal shows for the same vdir, and a wrong entry is refused
# with the path and what to do.
. "$(dirname "$0")/lib.sh"
p=$(programme_copy "$FIXTURES/vdir-khal")
conf="$p/conference.ini"

expect_exit 0 "$DAIS" check "$p"
expect_contains "Vdir Conference: 5 sessions, no conflicts." stdout "$out"
expect_not_contains "warning" stderr "$err"

# dais sync writes a server's new sessions one file each:
# tests/caldav/sync_vdir.sh.

# dais's export against khal, both in UTC.
expect_exit 0 "$DAIS" export "$p" -o "$tmp/out.ics"
expect_contains "Wrote 5 sessions" stdout "$out"
mkdir -p "$tmp/khal"
cat >"$tmp/khal/config" <<EOC
[calendars]
[[programme]]
path = $p/calendar
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = UTC
default_timezone = UTC
EOC
TZ=UTC XDG_DATA_HOME="$tmp/khal" khal -c "$tmp/khal/config" list \
	--format "{uid} {start} {end} {title}" --day-format "" \
	2026-11-03 4d >"$tmp/khal.txt" 2>"$tmp/khal.err" ||
	{ echo "FAIL: khal list"; cat "$tmp/khal.err"; fail=1; }
expect_contains "5F9OE4DP6MZW1PBC7L38MNE2NR6M4QOY6MZC 2026-11-05 06:00 2026-11-05 07:00" \
	khal "$(cat "$tmp/khal.txt")"
if ! /usr/bin/python3 "$SRCDIR/tests/cli/sources_khal.py" "$tmp/out.ics" \
	"$tmp/khal.txt" >"$tmp/cmp" 2>&1; then
	echo "FAIL: dais's times differ from khal's"; cat "$tmp/cmp"; fail=1
fi
expect_contains "5 events in khal, 5 in dais's export" compare "$(cat "$tmp/cmp")"

# What vdirsyncer and editors leave beside the events is not read: its
# metadata files, hidden files, a dais temporary.
echo "#ff0000" >"$p/calendar/color"
echo "Programme" >"$p/calendar/displayname"
echo "BEGIN:VCALENDAR" >"$p/calendar/.hidden.ics"
echo "junk" >"$p/calendar/T94YBXD5UZ019K7PXU8V4K5ESMEZFNMG9G2R.ics.dais-tmp-AbC123"
expect_exit 0 "$DAIS" check "$p"
expect_contains "5 sessions, no conflicts." stdout "$out"

# A glob, and a directory written with a slash, read the same.
sed -i 's|^files = .*|files = "calendar/*.ics"|' "$conf"
expect_exit 0 "$DAIS" check "$p"
expect_contains "5 sessions, no conflicts." stdout "$out"
sed -i 's|^files = .*|files = "calendar/"|' "$conf"
expect_exit 0 "$DAIS" check "$p"
expect_contains "5 sessions, no conflicts." stdout "$out"
# A file both a glob and a name reach is read once (no duplicate UID).
sed -i 's|^files = .*|files = "calendar/T94YBXD5UZ019K7PXU8V4K5ESMEZFNMG9G2R.ics, calendar/*.ics"|' "$conf"
expect_exit 0 "$DAIS" check "$p"
expect_contains "5 sessions, no conflicts." stdout "$out"
# A file and a directory together; a session file of the mini programme
# and the vdir.
mkdir -p "$p/programme"
cp "$FIXTURES/mini/programme/sessions.ics" "$p/programme/sessions.ics"
sed -i 's|^files = .*|files = "programme/sessions.ics, calendar"|' "$conf"
expect_exit 1 "$DAIS" check "$p"
expect_contains "8 sessions, 1 error" stdout "$out"

# A glob matching nothing in a directory that exists: an empty source
# (a new vdir), not an error.
mkdir -p "$p/empty"
sed -i 's|^files = .*|files = "programme/sessions.ics, empty/*.ics"|' "$conf"
expect_exit 1 "$DAIS" check "$p"
expect_contains "3 sessions, 1 error" stdout "$out"
sed -i 's|^files = .*|files = "empty"|' "$conf"
expect_exit 0 "$DAIS" check "$p"
expect_contains "0 sessions" stdout "$out"

# Wrong entries: the path, and what to do.
sed -i 's|^files = .*|files = "nowhere"|' "$conf"
expect_exit 2 "$DAIS" check "$p"
expect_contains "conference.ini:" stderr "$err"
expect_contains "$p/nowhere does not exist: name a .ics file, a directory of them or a glob such as \"programme/*.ics\"" stderr "$err"
sed -i 's|^files = .*|files = "nowhere/*.ics"|' "$conf"
expect_exit 2 "$DAIS" check "$p"
expect_contains "\"nowhere/*.ics\" matches no file, and $p/nowhere is not a directory: check the name" stderr "$err"
sed -i 's|^files = .*|files = "calendar/*"|' "$conf"
expect_exit 2 "$DAIS" check "$p"
expect_contains "\"calendar/*\" matches $p/calendar/color, which is not a .ics file: end the pattern in .ics" stderr "$err"
# A file that is no calendar, named outright.
sed -i 's|^files = .*|files = "calendar/color"|' "$conf"
expect_exit 2 "$DAIS" check "$p"
expect_contains "$p/calendar/color" stderr "$err"
# new-sessions naming a glob whose files a <uid>.ics would not match.
sed -i 's|^files = .*|files = "calendar/8*.ics"\nnew-sessions = "calendar/8*.ics"|' "$conf"
expect_exit 2 "$DAIS" check "$p"
expect_contains "new-sessions = \"calendar/8*.ics\" in [conference]: a new session's file, <uid>.ics, would not match this glob" stderr "$err"
sed -i '/^new-sessions/d' "$conf"
# Unreadable: a directory and a file (root reads anything: not there).
if [ "$(id -u)" != 0 ]; then
	sed -i 's|^files = .*|files = "calendar"|' "$conf"
	chmod 000 "$p/calendar"
	expect_exit 2 "$DAIS" check "$p"
	expect_contains "cannot read the directory $p/calendar" stderr "$err"
	chmod 755 "$p/calendar"
	chmod 000 "$p/calendar/89G4B3WEOD2QP7O0CZ6V71JW2MOLKMDLVER6.ics"
	expect_exit 2 "$DAIS" check "$p"
	expect_contains "$p/calendar/89G4B3WEOD2QP7O0CZ6V71JW2MOLKMDLVER6.ics" stderr "$err"
	chmod 644 "$p/calendar/89G4B3WEOD2QP7O0CZ6V71JW2MOLKMDLVER6.ics"
fi
finish
