#!/usr/bin/env bash
# export_locked.sh: `dais export` while a planner holds the programme's
# lock. The export only reads the sessions, so it runs; .dais-published,
# which the planner's own export (E) writes too, is read, changed and
# written by each under the record's flock, so the two take turns and
# neither loses the other's records nor reuses a SEQUENCE the other gave.
# The "planner" here is a process that holds .dais-lock as a planner does
# and exports as the planner does: it takes the record's lock, waits, then
# records a UID and a raised SEQUENCE of its own and lets go.
. "$(dirname "$0")/lib.sh"
example=$(programme_copy "$SRCDIR/data/kuwait-2026")
prog="$tmp/prog"
cp -r "$example" "$prog"
rm -f "$prog/.dais-published" "$prog/.dais-lock"
major=d1-side-major-events@kuwait-2026.dushanbe-process

seq_of() { # FILE UID: the SEQUENCE the calendar gives the event
	tr -d '\r' <"$1" | awk -v u="UID:$2" '$0 == u { on = 1 }
		on && /^SEQUENCE:/ { sub(/^SEQUENCE:/, ""); print; exit }'
}

# The first export: every session recorded.
expect_exit 0 "$DAIS" export "$prog" -o "$tmp/1.ics"
[ "$(seq_of "$tmp/1.ics" "$major")" = 0 ] || {
	echo "FAIL: first export: SEQUENCE $(seq_of "$tmp/1.ics" "$major")"; fail=1; }

# The planner: holds .dais-lock for its whole run; its export holds the
# record's flock (following a replacement, as dais does) until it has
# written its record: another version of $major published at SEQUENCE 6,
# and a session only it knows (not yet saved).
/usr/bin/python3 - "$prog" "$major" <<'PY' &
import fcntl, os, socket, sys, time
d, major = sys.argv[1], sys.argv[2]
lk = open(os.path.join(d, ".dais-lock"), "w")
lk.write("user=amal host=%s pid=%d since=2026-11-04T06:12:09Z\n"
         % (socket.gethostname(), os.getpid()))
lk.flush()
fcntl.flock(lk, fcntl.LOCK_EX)
path = os.path.join(d, ".dais-published")
while True:
    f = open(path, "r+")
    fcntl.flock(f, fcntl.LOCK_EX)
    if os.fstat(f.fileno()).st_ino == os.stat(path).st_ino:
        break
    f.close()
text = f.read()
open(os.path.join(d, "locked"), "w").close()
# dais export starts now and must wait for this record.
while not os.path.exists(os.path.join(d, "started")):
    time.sleep(0.05)
time.sleep(2)
out = []
for line in text.splitlines():
    if line.endswith(" " + major):
        line = "6 0123456789abcdef " + major
    out.append(line)
out.append("3 fedcba9876543210 planner-only@kuwait-2026.dushanbe-process")
out.sort(key=lambda l: (not l.startswith("#"), l.split(" ", 2)[-1]))
tmp = path + ".dais-tmp-python"
with open(tmp, "w") as g:
    g.write("\n".join(out) + "\n")
os.rename(tmp, path)
open(os.path.join(d, "recorded"), "w").close()
f.close()
time.sleep(20)
PY
planner=$!
for _ in $(seq 200); do [ -e "$prog/locked" ] && break; sleep 0.05; done
[ -e "$prog/locked" ] || { echo "FAIL: the planner never took its locks"; fail=1; }

# dais export while the planner holds its lock and writes the record.
touch "$prog/started"
expect_exit 0 "$DAIS" export "$prog" -o "$tmp/2.ics"
[ -e "$prog/recorded" ] || {
	echo "FAIL: the export did not wait for the planner's record"; fail=1; }
# It read the planner's record: the other version had 6, this one is newer.
[ "$(seq_of "$tmp/2.ics" "$major")" = 7 ] || {
	echo "FAIL: $major has SEQUENCE '$(seq_of "$tmp/2.ics" "$major")', want 7 (above the planner's 6)"; fail=1; }
# And kept the planner's records in its own.
grep -q '^3 fedcba9876543210 planner-only@' "$prog/.dais-published" || {
	echo "FAIL: the export lost the planner's record:"; cat "$prog/.dais-published"; fail=1; }
grep -q "^7 [0-9a-f]* $major\$" "$prog/.dais-published" || {
	echo "FAIL: the record lacks $major at 7:"; grep "$major" "$prog/.dais-published"; fail=1; }
n=$(grep -vc '^#' "$prog/.dais-published")
[ "$n" = 30 ] || { echo "FAIL: $n records, want 30 (29 and the planner's)"; fail=1; }
# The planner's lock is still its own; no temporary is left.
grep -q "^user=amal " "$prog/.dais-lock" || { echo "FAIL: .dais-lock touched"; fail=1; }
ls -a "$prog" | grep -q 'dais-tmp' && { echo "FAIL: a temporary was left"; fail=1; }

# Another export that finds the record held too long gives up, writes
# nothing and says why (after PUBLISHED_WAIT_MS, 10 s).
/usr/bin/python3 - "$prog" <<'PY' &
import fcntl, os, sys, time
path = os.path.join(sys.argv[1], ".dais-published")
f = open(path, "r+")
fcntl.flock(f, fcntl.LOCK_EX)
open(os.path.join(sys.argv[1], "held"), "w").close()
time.sleep(30)
PY
holder=$!
for _ in $(seq 200); do [ -e "$prog/held" ] && break; sleep 0.05; done
before=$(sha256sum <"$prog/.dais-published")
expect_exit 2 "$DAIS" export "$prog" -o "$tmp/3.ics"
expect_contains "is being written by another export" stderr "$err"
expect_contains "try again when it has finished" stderr "$err"
[ -e "$tmp/3.ics" ] && { echo "FAIL: exported without the record"; fail=1; }
[ "$(sha256sum <"$prog/.dais-published")" = "$before" ] || {
	echo "FAIL: the record changed"; fail=1; }
# --no-record does without it.
expect_exit 0 "$DAIS" export "$prog" --no-record -o "$tmp/4.ics"

kill "$planner" "$holder" 2>/dev/null
wait "$planner" "$holder" 2>/dev/null
finish
