# lib.sh: shared by the CalDAV tests: the command-line test helpers, and a
# Radicale server of our own (Debian's /usr/bin/radicale) on 127.0.0.1 and
# a free port, with htpasswd users and storage in the test's temporary
# directory, stopped when the test ends.
. "$SRCDIR/tests/cli/lib.sh"

radicale_pid=
proxy_pid=
stop_servers() {
	[ -n "$radicale_pid" ] && kill "$radicale_pid" 2>/dev/null && wait "$radicale_pid" 2>/dev/null
	[ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null && wait "$proxy_pid" 2>/dev/null
	radicale_pid= proxy_pid=
}
trap 'stop_servers; rm -rf "$tmp"' EXIT

# No ~/.netrc of the person running the tests.
export HOME="$tmp/home"
mkdir -p "$HOME"
export DAIS_SERVER_PASSWORD=secret-amal
unset DAIS_HTTP_STALL_TIMEOUT DAIS_HTTP_CONNECT_TIMEOUT

free_port() {
	/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# wait_port PORT: until something listens there (at most 10 s).
wait_port() {
	/usr/bin/python3 - "$1" <<'PY'
import socket, sys, time
for _ in range(200):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
PY
}

# start_radicale: a server at $server (http://127.0.0.1:PORT), users amal
# and boris (and carol, and radicale_users' "user:password" words); its storage under $tmp/radicale. Every user may
# write everywhere, unless radicale_rights names a rights file (Radicale's
# "from_file"). Radicale listens on a port
# of its own behind faultproxy.py, which passes everything on until a test
# asks it to break (fault MODE ARG...), so a fault keeps the same URL.
start_radicale() {
	port=${port:-$(free_port)}
	rport=${rport:-$(free_port)}
	mkdir -p "$tmp/radicale"
	printf 'amal:secret-amal\nboris:secret-boris\ncarol:secret-carol\n' >"$tmp/radicale/users"
	# radicale_users: more "user:password" lines (a participant's login)
	[ -n "${radicale_users:-}" ] && printf '%s\n' $radicale_users >>"$tmp/radicale/users"
	if [ -n "${radicale_rights:-}" ]; then
		rights="type = from_file
file = $radicale_rights"
	else
		rights="type = authenticated"
	fi
	cat >"$tmp/radicale/config" <<CFG
[server]
hosts = 127.0.0.1:$rport
[auth]
type = htpasswd
htpasswd_filename = $tmp/radicale/users
htpasswd_encryption = plain
[rights]
$rights
[storage]
filesystem_folder = ${radicale_storage:-$tmp/radicale/collections}
[logging]
level = warning
CFG
	/usr/bin/radicale --config "$tmp/radicale/config" >>"$tmp/radicale/log" 2>&1 &
	radicale_pid=$!
	if ! wait_port "$rport"; then
		echo "FAIL: radicale did not start"; cat "$tmp/radicale/log"
		exit 1
	fi
	fault pass
	server=http://127.0.0.1:$port
}

# fault MODE [ARG...]: the proxy in front of Radicale from now on breaks
# as faultproxy.py MODE says ("pass": it does not).
fault() {
	if [ -n "$proxy_pid" ]; then
		kill "$proxy_pid" 2>/dev/null; wait "$proxy_pid" 2>/dev/null
	fi
	/usr/bin/python3 "$SRCDIR/tests/caldav/faultproxy.py" "$port" "$rport" "$@" >>"$tmp/proxy.log" 2>&1 &
	proxy_pid=$!
	wait_port "$port" || { echo "FAIL: the proxy did not start"; cat "$tmp/proxy.log"; exit 1; }
}

# stop_radicale: the server and its proxy gone (connections refused).
stop_radicale() {
	stop_servers
}

# working_copy DIR URL [USER]: the shipped example bound to URL.
working_copy() {
	cp -r "$SRCDIR/data/kuwait-2026" "$1"
	cat >>"$1/conference.ini" <<INI

[server]
url = "$2"
user = "${3:-amal}"
INI
}
