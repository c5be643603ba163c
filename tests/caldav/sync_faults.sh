#!/bin/bash
# sync_faults.sh: the server's refusals of issue 16 item 6 between dais
# sync and Radicale: server down, 401 (and ~/.netrc), a password in the
# programme, 403, 507 and 412 on push, 404. The message names the server
# and says what to do, the working copy's files stay whole, and once the
# fault is gone the next sync completes. The faults on the wire are in
# sync_faults_wire.sh.
. "$SRCDIR/tests/caldav/faults.sh"

# Server not running.
pending
stop_radicale
expect_exit 1 "$DAIS" sync "$tmp/a"
expect_contains "$url: cannot reach the server" "server down" "$err"
expect_contains "check that it is running" "server down" "$err"
unchanged "server down"
start_radicale
recovers "the server came back"

# Wrong password (401); the password itself is never printed.
pending
DAIS_SERVER_PASSWORD=not-the-password expect_exit 1 "$DAIS" sync "$tmp/a"
expect_contains "refused the user name or password of 'amal' (401 Unauthorized)" "401" "$err"
expect_contains "~/.netrc or DAIS_SERVER_PASSWORD" "401" "$err"
expect_not_contains "not-the-password" "401" "$err$out"
unchanged "401"
# ~/.netrc instead of the environment
printf 'machine 127.0.0.1 login amal password secret-amal\n' >"$HOME/.netrc"
chmod 600 "$HOME/.netrc"
DAIS_SERVER_PASSWORD= recovers "401 (password from ~/.netrc)"
rm "$HOME/.netrc"

# A password in conference.ini is refused.
cp "$tmp/a/conference.ini" "$tmp/conference.ini"
echo 'password = "secret-amal"' >>"$tmp/a/conference.ini"
expect_exit 2 "$DAIS" sync "$tmp/a"
expect_contains "a password does not belong in a programme file" "password in conference.ini" "$err"
expect_not_contains "secret-amal" "password in conference.ini" "$err$out"
cp "$tmp/conference.ini" "$tmp/a/conference.ini"

# 403, 507 on push: reported, nothing lost, the push finished later.
for code in 403 507; do
	pending
	fault status $code PUT
	expect_exit 1 "$DAIS" sync "$tmp/a"
	case $code in
	403) expect_contains "does not let 'amal' PUT here (403 Forbidden): ask its administrator" "403" "$err" ;;
	507) expect_contains "has no room left (507 Insufficient Storage)" "507" "$err" ;;
	esac
	expect_contains "Maritime (B's edit $n" "A's pull before a failed push" "$(cat "$tmp/a/$side")"
	recovers "$code"
done

# 412 on push: the session is reported, not overwritten; the next sync
# compares it again.
pending
fault status 412 PUT
expect_exit 1 "$DAIS" sync "$tmp/a"
expect_contains "changed on the server while this sync ran" "412" "$err"
recovers "412"

# 404: no such collection.
sed -i "s|^url = .*|url = \"$server/amal/no-such-calendar/\"|" "$tmp/a/conference.ini"
expect_exit 1 "$DAIS" sync "$tmp/a"
expect_contains "$server/amal/no-such-calendar/: there is no such calendar collection on the server (404 Not Found)" "404" "$err"
expect_contains "dais sync --create" "404" "$err"
cp "$tmp/conference.ini" "$tmp/a/conference.ini"

finish
