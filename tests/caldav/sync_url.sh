#!/bin/bash
# sync_url.sh: a [server] url copied from a calendar client as it shows a
# collection's name, with a space and Cyrillic letters ("Кувейт 2026"),
# is percent-encoded when conference.ini is read (an %XX already there
# is kept, so the encoded form names the same collection); a host name
# with a space is refused naming the line. An address libcurl refuses
# is said to be one, not "cut off ... sync again", and no "0 changed"
# summary follows a sync that could not run (review finding 9). Messages
# show the url as typed, not percent-encoded (review3 leftover), in dais
# sync and dais publish.
. "$SRCDIR/tests/caldav/lib.sh"

start_radicale
working_copy "$tmp/a" "$server/amal/Кувейт 2026/"
expect_exit 0 "$DAIS" sync --create "$tmp/a"
expect_contains "to the server 0 changed, 32 new, 0 deleted" "the first sync, URL as typed" "$out"
# Said as typed, not as sent over HTTP (%D0%9A...).
expect_contains "$server/amal/Кувейт 2026/: made the calendar on the server (MKCALENDAR)" "the first sync, URL as typed" "$out"
expect_contains "$server/amal/Кувейт 2026/: from the server 0 changed" "the first sync, URL as typed" "$out"
expect_not_contains "%D0" "the first sync, URL as typed" "$out"
expect_not_contains "cut off" "the first sync, URL as typed" "$err"
[ -d "$tmp/radicale/collections/collection-root/amal/Кувейт 2026" ] ||
	{ echo "FAIL: no collection 'Кувейт 2026' on the server"; ls -R "$tmp/radicale/collections" | head; fail=1; }

# The same collection written encoded, and half encoded: the same place.
for url in "$server/amal/%D0%9A%D1%83%D0%B2%D0%B5%D0%B9%D1%82%202026/" \
	"$server/amal/Кувейт%202026"; do
	rm -rf "$tmp/b"
	working_copy "$tmp/b" "$url"
	for f in "$tmp"/b/programme/*.ics; do
		printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n' >"$f"
	done
	expect_exit 0 "$DAIS" sync "$tmp/b"
	expect_contains "from the server 0 changed, 32 new, 0 deleted" "a copy bound to $url" "$out"
done
expect_exit 0 "$DAIS" sync "$tmp/a"
expect_contains "from the server 0 changed, 0 new, 0 deleted; to the server 0 changed, 0 new, 0 deleted" "the second sync" "$out"

# A space in the host name: refused, naming conference.ini's line.
rm -rf "$tmp/c"
working_copy "$tmp/c" "http://cal example.org/amal/x/"
line=$(grep -n '^url = ' "$tmp/c/conference.ini" | cut -d: -f1)
expect_exit 2 "$DAIS" sync "$tmp/c"
expect_contains "conference.ini:$line: error: [server] url 'http://cal example.org/amal/x/': the server's name holds a space" "a host with a space" "$err"
expect_not_contains "from the server" "a host with a space" "$out"

# An address libcurl refuses (a port out of range): a true message, and
# no summary line as if a sync had run.
rm -rf "$tmp/c"
working_copy "$tmp/c" "http://127.0.0.1:99999/amal/x/"
expect_exit 1 "$DAIS" sync "$tmp/c"
expect_contains "is not an address libcurl can use" "a bad port" "$err"
expect_contains "correct the url in conference.ini's [server]" "a bad port" "$err"
expect_not_contains "cut off" "a bad port" "$err"
expect_not_contains "sync again" "a bad port" "$err"
expect_not_contains "from the server" "a bad port" "$out"

# dais publish says the same: publish-url as typed, in the server's
# refusal too (every user may write, but Radicale keeps calendars two
# levels deep: /amal/X/, not /amal/X/programme/).
cp -r "$tmp/a" "$tmp/pub"
echo "publish-url = \"$server/amal/Публикация 2026/\"" >>"$tmp/pub/conference.ini"
expect_exit 1 "$DAIS" publish "$tmp/pub" --for kw-interior
expect_contains "$server/amal/Публикация 2026/programme/: the server does not let 'amal'" "publish refused" "$err"
expect_contains "$server/amal/Публикация 2026/: 0 calendars" "publish refused" "$out"
expect_not_contains "%D0" "publish refused" "$out$err"
expect_not_contains "publish again to send the rest" "publish refused" "$err"

# The server down: its message, and no summary either.
stop_radicale
expect_exit 1 "$DAIS" sync "$tmp/a"
expect_contains "cannot reach the server" "server down" "$err"
expect_contains "$server/amal/Кувейт 2026/: cannot reach the server" "server down" "$err"
expect_not_contains "from the server" "server down" "$out"
expect_exit 1 "$DAIS" publish "$tmp/pub" --for kw-interior
expect_contains "cannot reach the server" "publish, server down" "$err"
expect_not_contains "%D0" "publish, server down" "$err"

finish
