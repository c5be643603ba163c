#!/bin/bash
# bench/caldav_sync.sh: what `dais sync` costs on the wire, on a generated
# programme of N sessions (5 000 by default) and Debian's Radicale on
# 127.0.0.1. Prints HTTP requests, bytes, wall time and dais's own CPU
# time (user + system, GNU time) of each sync.
# Measures only: it does not pass or fail.
#
#     bench/caldav_sync.sh [BUILD_DIR] [SESSIONS] [UPLOAD_SESSIONS]
#
# Radicale 3.1 looks through every item of a collection on each PUT of a
# new one (Collection.has_uid), so uploading n sessions costs it O(n^2):
# 500 take about 80 s here, 5 000 would take hours. The upload is
# therefore measured on UPLOAD_SESSIONS (500 by default; dais's side is
# linear: one PUT per session), and the N-session server is seeded by
# writing its collection straight into Radicale's storage, as an import
# by its administrator would.
set -u
SRCDIR=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$SRCDIR/build}
n=${2:-5000}
upload=${3:-500}
export SRCDIR DAIS=$build/dais
# Radicale answers a first REPORT on thousands of items only after minutes
export DAIS_HTTP_STALL_TIMEOUT=3600
. "$SRCDIR/tests/caldav/lib.sh"
export DAIS_HTTP_STALL_TIMEOUT=3600

# Radicale fsyncs every item it stores; on a tmpfs that costs nothing, so
# the times below are dais's and Radicale's work, not the disk's.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	radicale_storage=$(mktemp -d /dev/shm/dais-bench.XXXXXX)
	trap 'stop_servers; rm -rf "$tmp" "$radicale_storage"' EXIT
fi
start_radicale
# straight to Radicale, not through the tests' fault proxy
storage=${radicale_storage:-$tmp/radicale/collections}

# make_copies N NAME: $tmp/NAME-a (the programme) and $tmp/NAME-b (the
# same registries, no session yet), bound to collection NAME
make_copies() {
	/usr/bin/python3 "$SRCDIR/bench/gen_programme.py" "$tmp/$2-a" --sessions "$1" >/dev/null
	printf '\n[server]\nurl = "%s"\nuser = "amal"\n' "http://127.0.0.1:$rport/amal/$2/" >>"$tmp/$2-a/conference.ini"
	cp -r "$tmp/$2-a" "$tmp/$2-b"
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nEND:VCALENDAR\r\n' >"$tmp/$2-b/programme/sessions.ics"
}

run() { # LABEL DIR [OPTIONS]: one sync, its figures on two lines
	label=$1; shift
	t0=$(date +%s.%N)
	/usr/bin/time -o "$tmp/cpu" -f '%U %S' "$DAIS" sync --stats "$@" >"$tmp/out" 2>"$tmp/err" || { echo "$label: dais sync failed"; cat "$tmp/err"; exit 1; }
	t1=$(date +%s.%N)
	stats=$(grep '^HTTP:' "$tmp/out")
	moved=$(head -1 "$tmp/out" | sed 's/^[^:]*:[^:]*:[^:]*: //')
	cpu=$(awk '{ printf "%.2f", $1 + $2 }' "$tmp/cpu")
	printf '%-40s %s; %.1f s wall, %s s dais CPU\n    %s\n' "$label" "${stats#HTTP: }" "$(echo "$t1 - $t0" | bc)" "$cpu" "$moved"
}

change_one() { # DIR: one session retitled
	/usr/bin/python3 - "$1/programme/sessions.ics" <<'PY'
import sys
p = sys.argv[1]
t = open(p, newline="").read()
i = t.index("SUMMARY:") + len("SUMMARY:")
open(p, "w", newline="").write(t[:i] + "Changed: " + t[i:])
PY
}

echo "dais sync and Radicale $(/usr/bin/python3 -c 'import radicale; print(radicale.VERSION)') on 127.0.0.1"
echo
echo "== $upload sessions uploaded by dais"
make_copies "$upload" up
run "first sync (every session put)" "$tmp/up-a" --create
run "second copy's first sync (all fetched)" "$tmp/up-b"
change_one "$tmp/up-a"
run "incremental, one session changed" "$tmp/up-a"
run "the other copy takes the change" "$tmp/up-b"
run "nothing changed" "$tmp/up-a"

echo
echo "== $n sessions on the server (seeded into its storage)"
make_copies "$n" big
# Seeding: one resource per session, as dais writes them (commas of X-
# properties escaped: Radicale keeps only the first of unescaped ones).
/usr/bin/python3 - "$tmp/big-a/programme/sessions.ics" "$storage/collection-root/amal/big" <<'PY'
import os, re, sys, json, urllib.parse
text = open(sys.argv[1], newline="").read().replace("\r\n", "\n")
out = sys.argv[2]
os.makedirs(out, exist_ok=True)
json.dump({"tag": "VCALENDAR"}, open(os.path.join(out, ".Radicale.props"), "w"))
tz = re.search(r"BEGIN:VTIMEZONE\n.*?END:VTIMEZONE\n", text, re.S)
tz = tz.group(0) if tz else ""
for ev in re.findall(r"BEGIN:VEVENT\n.*?END:VEVENT\n", text, re.S):
    uid = re.search(r"^UID:(.*)$", ev, re.M).group(1)
    ev = re.sub(r"^(X-[^:]*:)(.*)$", lambda m: m.group(1) + re.sub(r"(?<!\\),", r"\\,", m.group(2)), ev, flags=re.M)
    body = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//bench//EN\n" + tz + ev + "END:VCALENDAR\n"
    name = urllib.parse.quote(uid, safe="") + ".ics"
    open(os.path.join(out, name), "w", newline="").write(body.replace("\n", "\r\n"))
PY
# Radicale reads and caches every item on its first look at the
# collection (minutes for thousands): done once here, and timed, so that
# the syncs below measure dais and the protocol.
t0=$(date +%s)
curl -s -o /dev/null -u amal:secret-amal -X PROPFIND -H 'Depth: 1' "http://127.0.0.1:$rport/amal/big/"
echo "(Radicale's first look at the seeded collection: $(($(date +%s) - t0)) s)"
run "first sync, copy holding them all" "$tmp/big-a"
run "first sync, empty copy (all fetched)" "$tmp/big-b"
change_one "$tmp/big-a"
run "incremental, one session changed" "$tmp/big-a"
run "the other copy takes the change" "$tmp/big-b"
run "nothing changed" "$tmp/big-a"
