# lib.sh: shared by the command-line tests. Source it first.
# DAIS, SRCDIR and FIXTURES come from meson (tests/meson.build).
set -u
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# programme_copy DIR: print the path of a copy of DIR in $tmp. Tests run dais
# on copies of the shipped programmes, never on the source tree: an export
# records what it published (.dais-published) beside the programme, and a
# record left in the tree would change the next run's SEQUENCE values.
programme_copy() {
	copy="$tmp/sources/$(basename "$1")"   # the same name: outputs are named after it
	[ -d "$copy" ] || { mkdir -p "$tmp/sources" && cp -r "$1" "$copy"; }
	echo "$copy"
}

# expect_exit CODE CMD...: run CMD, capture stdout/stderr in $out/$err.
expect_exit() {
	want=$1; shift
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	out=$(cat "$tmp/out"); err=$(cat "$tmp/err")
	if [ "$got" != "$want" ]; then
		echo "FAIL: '$*' exited $got, expected $want"
		echo "--- stdout"; cat "$tmp/out"; echo "--- stderr"; cat "$tmp/err"
		fail=1
	fi
}

# expect_contains TEXT HAYSTACK-NAME HAYSTACK
expect_contains() {
	case "$3" in
	*"$1"*) ;;
	*) echo "FAIL: $2 lacks: $1"; echo "--- $2:"; echo "$3"; fail=1 ;;
	esac
}

expect_not_contains() {
	case "$3" in
	*"$1"*) echo "FAIL: $2 should not contain: $1"; fail=1 ;;
	*) ;;
	esac
}

# hold_lock DIR: hold DIR's .dais-lock in the background as a planner
# would (user amal, this host), for up to 20 s; returns once it is held.
# release_lock lets it go.
hold_lock() {
	/usr/bin/python3 - "$1" <<'PY' &
import fcntl, os, socket, sys, time
f = open(os.path.join(sys.argv[1], ".dais-lock"), "w")
f.write("user=amal host=%s pid=%d since=2026-11-04T06:12:09Z\n" % (socket.gethostname(), os.getpid()))
f.flush()
fcntl.flock(f, fcntl.LOCK_EX)
open(os.path.join(sys.argv[1], "locked"), "w").close()
time.sleep(20)
PY
	lock_holder=$!
	for _ in $(seq 100); do [ -e "$1/locked" ] && break; sleep 0.1; done
	rm -f "$1/locked"
}

release_lock() {
	kill "$lock_holder" 2>/dev/null
	wait "$lock_holder" 2>/dev/null
}

finish() {
	[ "$fail" = 0 ] && echo "ok" || echo "FAILED"
	exit "$fail"
}
