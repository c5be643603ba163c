#!/bin/bash
# sync_create_team.sh: the README's team layout on Radicale, with the
# README's own rights file (read from README.md, so the two cannot part):
# `dais sync --create` with url /secretariat/kuwait-2026/ makes the
# collection secretariat/ and the calendar in it, and a second organiser
# syncs from it. A server that will not make what is missing is said with
# what to do: 409 from MKCALENDAR means a collection above the calendar is
# missing (RFC 4791 5.3.1), not just "refused" (review3 finding 4).
. "$SRCDIR/tests/caldav/lib.sh"

# The rights file as the README writes it (indented by four spaces there).
sed -n '/^    # \/etc\/radicale\/rights/,/^Add users/p' "$SRCDIR/README.md" |
	sed -e '/^Add users/d' -e '/^ *#/d' -e 's/^    //' >"$tmp/rights.readme"
grep -q '^\[secretariat\]' "$tmp/rights.readme" ||
	{ echo "FAIL: no rights file in the README"; cat "$tmp/rights.readme"; fail=1; }

# First the rule the README used to give (rw on secretariat/.* only): the
# calendar's collection is missing and nobody may make it.
sed -e 's|^collection: secretariat.*|collection: secretariat/.*|' \
	-e '0,/^permissions: .*/s//permissions: rw/' "$tmp/rights.readme" >"$tmp/rights"
radicale_rights="$tmp/rights"
radicale_users="kw-interior:secret-kw qa-interior:secret-qa"
start_radicale
working_copy "$tmp/a" "$server/secretariat/kuwait-2026/"
expect_exit 1 "$DAIS" sync --create "$tmp/a"
expect_contains "the collection $server/secretariat/ that is to hold the calendar does not exist on the server (MKCALENDAR: 409 Conflict)" "a missing parent" "$err"
expect_contains "did not let 'amal' make it (MKCOL: HTTP 403)" "a missing parent" "$err"
expect_contains "or put the url in conference.ini's [server] under a collection that exists, such as your own (on Radicale, $server/amal/kuwait-2026/)" "a missing parent" "$err"
expect_not_contains "from the server" "a missing parent" "$out"

# The README's rules (Radicale reads the file at each request).
cp "$tmp/rights.readme" "$tmp/rights"
expect_exit 0 "$DAIS" sync --create "$tmp/a"
expect_contains "$server/secretariat/: made this collection on the server (MKCOL) to hold the calendar" "the first sync" "$out"
expect_contains "$server/secretariat/kuwait-2026/: made the calendar on the server (MKCALENDAR)" "the first sync" "$out"
expect_contains "to the server 0 changed, 32 new, 0 deleted" "the first sync" "$out"
[ -d "$tmp/radicale/collections/collection-root/secretariat/kuwait-2026" ] ||
	{ echo "FAIL: no secretariat/kuwait-2026 on the server"; fail=1; }

# Boris, the second organiser, syncs into an empty copy: all 32 come in.
working_copy "$tmp/b" "$server/secretariat/kuwait-2026/" boris
for f in "$tmp"/b/programme/*.ics; do
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n' >"$f"
done
DAIS_SERVER_PASSWORD=secret-boris expect_exit 0 "$DAIS" sync "$tmp/b"
expect_contains "from the server 0 changed, 32 new, 0 deleted" "boris's first sync" "$out"
expect_not_contains "made" "boris's first sync" "$out"

# Carol is not of the secretariat: the server's refusal, not a made-up
# reason.
working_copy "$tmp/c" "$server/secretariat/kuwait-2027/" carol
DAIS_SERVER_PASSWORD=secret-carol expect_exit 1 "$DAIS" sync --create "$tmp/c"
expect_contains "does not let 'carol'" "carol" "$err"
expect_contains "403 Forbidden" "carol" "$err"

# A calendar inside a calendar: Radicale refuses with 403; said so.
working_copy "$tmp/d" "$server/secretariat/kuwait-2026/side/"
expect_exit 1 "$DAIS" sync --create "$tmp/d"
expect_contains "$server/secretariat/kuwait-2026/side/: the server does not let 'amal' make a calendar there (MKCALENDAR: 403 Forbidden; the collection above it may be a calendar itself" "a calendar in a calendar" "$err"

# Publishing under the README's rules: the first dais publish makes
# secretariat-public/ (and names it), then each calendar in it; a
# participant logged in as their id reads their own calendar and the
# public programme, and not another participant's (review4 finding 3).
echo "publish-url = \"$server/secretariat-public/\"" >>"$tmp/a/conference.ini"
expect_exit 0 "$DAIS" publish "$tmp/a" --for kw-interior
expect_contains "$server/secretariat-public/: made this collection on the server (MKCOL) to hold the calendars" "the first publish" "$out"
expect_contains "$server/secretariat-public/: 2 calendars (2 collections made)" "the first publish" "$out"
reads() { # USER:PASSWORD PATH: the HTTP status of reading PATH as USER
	curl -s -o /dev/null -w '%{http_code}' -u "$1" "$server/secretariat-public/$2"
}
[ "$(reads kw-interior:secret-kw kw-interior/)" = 200 ] ||
	{ echo "FAIL: kw-interior cannot read their own calendar ($(reads kw-interior:secret-kw kw-interior/))"; fail=1; }
[ "$(reads kw-interior:secret-kw programme/)" = 200 ] ||
	{ echo "FAIL: kw-interior cannot read the public programme"; fail=1; }
[ "$(reads qa-interior:secret-qa kw-interior/)" = 403 ] ||
	{ echo "FAIL: qa-interior reads kw-interior's calendar ($(reads qa-interior:secret-qa kw-interior/))"; fail=1; }
# A participant may not write there; nothing was sent, so no "publish
# again to send the rest".
cp -r "$tmp/a" "$tmp/e"
sed -i 's/^user = "amal"/user = "kw-interior"/' "$tmp/e/conference.ini"
rm -f "$tmp/e/.dais-publish"
DAIS_SERVER_PASSWORD=secret-kw expect_exit 1 "$DAIS" publish "$tmp/e" --for kw-interior
expect_contains "403 Forbidden" "a participant publishing" "$err"
expect_not_contains "publish again to send the rest" "a participant publishing" "$err"
expect_contains "events 0 new, 0 changed" "a participant publishing" "$out"

finish
