#!/usr/bin/env bash
# lock_two_planners.sh: two planners on one programme. The second is told
# who holds it (user, host, pid, since) before the screen is taken and
# opens read-only with r: edits, undo and save are refused with the
# holder's name, export and print still work, nothing is written. The
# first edits and saves as usual. Killed with SIGKILL, it leaves a stale
# lock that the next planner takes over without asking, and says so,
# before it asks about the unsaved edit in the journal. A
# lock naming another machine offers t (take over); q and no answer quit;
# a lock that cannot be made offers read-only.
. "$(dirname "$0")/lib.sh"

# Several planners at once, each in its own tmux session: lib.sh's
# helpers read and type into $target.
target=one
screen() {
	T capture-pane -p -t "$target" 2>/dev/null
}
keys() {
	T send-keys -t "$target" "$@"
}
type_text() {
	T send-keys -t "$target" -l -- "$1"
}
# run NAME ARGS...: dais ARGS in a new 160-column session NAME; its exit
# status lands in $tmp/exit.NAME.
run() {
	local name=$1 args="" a
	shift
	for a in "$@"; do args="$args '$a'"; done
	rm -f "$tmp/exit.$name"
	T -f /dev/null new-session -d -s "$name" -x 160 -y 30 \
		"cd '$tmp' && '$DAIS' $args 2>'$tmp/stderr.$name'; echo \$? >'$tmp/exit.$name'"
	target=$name
}
# exit_of NAME: waits for that planner's exit status and prints it.
exit_of() {
	local i=0
	while [ $i -lt 400 ]; do
		[ -s "$tmp/exit.$1" ] && { cat "$tmp/exit.$1"; return 0; }
		sleep 0.05
		i=$((i + 1))
	done
	echo "FAIL: $1 did not quit" >&2
	fail=1
	echo timeout
}
lock_pid() {
	sed -n 's/.* pid=\([0-9]*\) .*/\1/p' "$tmp/prog/.dais-lock"
}

# A session that outlives the planners': tmux stops its server when its
# last session ends, and a planner started at that moment would find none.
T -f /dev/null new-session -d -s keep "sleep 600"

mkdir -p "$XDG_CONFIG_HOME/dais"
cat >"$XDG_CONFIG_HOME/dais/dais.ini" <<INI
[print]
command = "cat > '$tmp/printed.txt'"
[export]
directory = "$tmp/out"
INI
copy_example prog
cp -r "$tmp/prog" "$tmp/orig"
user=$(id -un)
host=$(hostname)
# What a planner on another machine leaves in a shared folder.
far_lock="user=amal host=sec-laptop-3.invalid pid=4242 since=2026-11-04T06:12:09Z"

# The first planner takes the lock: one line saying who, and since when.
run one open "$tmp/prog"
wait_for "help"
stamp='[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z'
grep -qE "^user=$user host=$host pid=[0-9]+ since=$stamp\$" \
	"$tmp/prog/.dais-lock" || {
	echo "FAIL: the lock file says:"; cat "$tmp/prog/.dais-lock"; fail=1; }
pid1=$(lock_pid)
since=$(sed 's/.*since=//' "$tmp/prog/.dais-lock")
since=$(date -d "$since" +%H:%M) # local time, as the planner shows it
lock1=$(cat "$tmp/prog/.dais-lock")
journal1=$(cat "$tmp/prog/.dais-journal")

# Reading commands do not lock, and work while it is held.
"$DAIS" check "$tmp/prog" >/dev/null 2>&1
[ $? -le 1 ] || { echo "FAIL: dais check refused a locked programme"; fail=1; }
[ "$(cat "$tmp/prog/.dais-lock")" = "$lock1" ] || {
	echo "FAIL: dais check touched the lock"; fail=1; }

# The second is told who holds it and since when, before curses starts.
run two "$tmp/prog"
wait_for "dais: $tmp/prog is open in another planner:"
wait_for "  $user on $host (pid $pid1) since $since on "
expect_screen "r  open it read-only"
expect_screen "Press r or q:"
expect_no_screen "t  take the lock over"
keys x # not an answer: asked again
i=0
while [ "$(screen | grep -c "Press r or q:")" -lt 2 ] && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
[ $i -lt 100 ] || { echo "FAIL: x was taken for an answer"; show_screen; fail=1; }
keys r
wait_for "READ-ONLY |"
expect_screen "Read-only: $user on $host holds this programme since $since"
expect_screen "; E exports, p prints."

# Edits, undo and save are refused with the holder's name.
keys /
type_text "Youth voices on online"
keys Enter
wait_for "Youth voices on online"
keys x
wait_for "Read-only: $user on $host holds this programme"
expect_no_screen "Status: CANCELLED"
expect_no_screen "modified |"
keys Escape
keys e
wait_for "Read-only: $user on $host holds this programme"
expect_no_screen "Title"
keys J
wait_for "Read-only: $user on $host"
keys u
wait_for "Read-only: $user on $host"
keys s
wait_for "Read-only: $user on $host"
expect_no_screen "Saved"
# Export and print work.
keys E
wait_for "Export participants' calendars to directory:"
keys Enter
wait_for "Exported the public programme to $tmp/out/programme.ics"
keys p
wait_for "Print run-sheet of"
keys Enter
wait_for "Run-sheet of "
wait_for " sent to 'cat > "
[ -s "$tmp/printed.txt" ] || { echo "FAIL: read-only did not print"; fail=1; }
# Quitting does not ask (nothing changed) and leaves the first one's lock.
keys q
[ "$(exit_of two)" = 0 ] || { echo "FAIL: the read-only planner's exit"; fail=1; }
diff -r -x .dais-lock -x .dais-journal "$tmp/orig" "$tmp/prog" >/dev/null || {
	echo "FAIL: the read-only planner changed the files"; fail=1; }
[ "$(cat "$tmp/prog/.dais-lock")" = "$lock1" ] || {
	echo "FAIL: the read-only planner touched the lock"; fail=1; }
[ "$(cat "$tmp/prog/.dais-journal")" = "$journal1" ] || {
	echo "FAIL: the read-only planner touched the journal"; fail=1; }

# q at the question quits, without opening.
run three "$tmp/prog"
wait_for "is open in another planner"
keys q
[ "$(exit_of three)" = 1 ] || { echo "FAIL: q at the lock question"; fail=1; }

# The first one edits and saves as usual.
target=one
cancel_session "Youth voices on online"
keys s
wait_for "Saved 1 changed session"
grep -q "STATUS:CANCELLED" "$tmp/prog/programme/side-sessions.ics" || {
	echo "FAIL: the first planner's save"; fail=1; }

# Then one more edit, not saved.
keys x
wait_for "Restored 'Youth voices on online"

# Killed: its lock stays, stale; the next open takes it over unasked,
# then (holding the lock) asks about the unsaved edit in its journal.
kill -9 "$pid1"
[ "$(exit_of one)" = 137 ] || { echo "FAIL: the first planner was not killed"; fail=1; }
[ -e "$tmp/prog/.dais-lock" ] || { echo "FAIL: no stale lock to take over"; fail=1; }
run four "$tmp/prog"
# The journal's question is on the terminal (standard output), below the
# lock's note (standard error).
wait_for "Restore, discard, keep aside, or quit?"
expect_screen "1 edit to 1 session"
keys d
wait_for "Took over a stale lock: $user on $host (pid $pid1) since $since"
expect_screen "is no longer running."
expect_no_screen "READ-ONLY"
pid4=$(lock_pid)
[ -n "$pid4" ] && [ "$pid4" != "$pid1" ] || {
	echo "FAIL: the lock was not taken over: pid $pid4"; fail=1; }
grep -q "took over the lock of $tmp/prog from $user on $host (pid $pid1) since $since on .*, no longer running" \
	"$tmp/stderr.four" || {
	echo "FAIL: the take-over was not said on the terminal"; fail=1; }
head -n 1 "$tmp/stderr.four" | grep -q "took over the lock" || {
	echo "FAIL: the journal was settled before the lock was taken"; fail=1; }
keys q
[ "$(exit_of four)" = 0 ] || { echo "FAIL: the fourth planner's exit"; fail=1; }
[ -e "$tmp/prog/.dais-lock" ] && {
	echo "FAIL: quitting left the lock file"; fail=1; }

# A lock naming another machine: r, t or q; t takes it over.
echo "$far_lock" >"$tmp/prog/.dais-lock"
run five "$tmp/prog"
wait_for "is locked by a planner on another machine:"
wait_for "  amal on sec-laptop-3.invalid (pid 4242) since "
expect_screen "It cannot be checked from here"
wait_for "Press r, t or q:"
keys t
wait_for "Took over the lock from amal on sec-laptop-3.invalid (pid 4242) (another machine), as asked"
grep -q "host=$host" "$tmp/prog/.dais-lock" || {
	echo "FAIL: t did not take the lock"; fail=1; }
keys q
exit_of five >/dev/null
# --take-over does it without asking; --read-only neither asks nor locks.
echo "$far_lock" >"$tmp/prog/.dais-lock"
lock2=$(cat "$tmp/prog/.dais-lock")
run six open --read-only "$tmp/prog"
wait_for "READ-ONLY |"
expect_screen "Read-only: opened with 'dais open --read-only'"
keys q
exit_of six >/dev/null
[ "$(cat "$tmp/prog/.dais-lock")" = "$lock2" ] || {
	echo "FAIL: --read-only touched the lock"; fail=1; }
run seven open --take-over "$tmp/prog"
wait_for "Took over the lock from amal on sec-laptop-3.invalid"
keys q
exit_of seven >/dev/null

# No answer (the terminal's end of input): quits and says how to open it.
echo "$far_lock" >"$tmp/prog/.dais-lock"
run eight "$tmp/prog"
wait_for "Press r, t or q:"
keys C-d
[ "$(exit_of eight)" = 1 ] || { echo "FAIL: end of input at the question"; fail=1; }
grep -q "no answer from the terminal; $tmp/prog was not opened" \
	"$tmp/stderr.eight" || { echo "FAIL: end of input not explained"; fail=1; }

# A lock that cannot be made (here a directory in its place; a read-only
# directory is the fault tests'): r opens read-only.
rm -f "$tmp/prog/.dais-lock"
mkdir "$tmp/prog/.dais-lock"
run nine "$tmp/prog"
wait_for "dais: cannot lock $tmp/prog:"
wait_for "cannot open the lock file $tmp/prog/.dais-lock: Is a directory."
keys r
wait_for "READ-ONLY |"
expect_screen "Read-only: $tmp/prog could not be locked; E exports"
keys q
[ "$(exit_of nine)" = 0 ] || { echo "FAIL: read-only without a lock"; fail=1; }
rmdir "$tmp/prog/.dais-lock"

cat "$tmp"/stderr.* >>"$tmp/stderr.all"
finish
