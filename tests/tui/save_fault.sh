#!/usr/bin/env bash
# save_fault.sh: saving on a full disk, as an organiser meets it. The
# planner runs on a copy of the example on a tiny tmpfs of the test's own;
# after an edit the disk is filled and s must say which file and "No space
# left on device", keep the file as it was and the edit on screen; q still
# asks; once space is freed s saves. Then again, but the planner is killed
# after the failed save: the recovery journal still holds the edit, and the
# next planner restores and saves it. Mounting needs root: skipped
# otherwise.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ]; then
	echo "skipped: not root, so no tmpfs can be mounted for a full disk"
	exit 77
fi
mnt="$tmp/mnt"
mkdir "$mnt"
if ! mount -t tmpfs -o size=512k,mode=0755 tmpfs "$mnt"; then
	echo "skipped: mounting a tmpfs failed"
	exit 77
fi
# The mount goes before lib.sh removes $tmp.
trap 'T kill-server 2>/dev/null; umount -l "$mnt"; cleanup' EXIT

cp -r "$SRCDIR/data/kuwait-2026" "$mnt/prog"
file="$mnt/prog/programme/side-sessions.ics"
cp "$file" "$tmp/side-sessions.orig"

# youth_status: the STATUS of the session the test edits, as saved.
youth_status() {
	/usr/bin/python3 -c '
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
for e in cal.walk("VEVENT"):
    if str(e.get("SUMMARY", "")).startswith("Youth voices on online"):
        print(e.get("STATUS"))' "$file"
}

# As an organiser starts it, from the directory above the programme
# (start runs the planner in $tmp): the message names mnt/prog/...
start mnt/prog 80 24
cancel_session "Youth voices on online"

# Fill the disk: dd stops at ENOSPC.
dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null
[ "$(df --output=avail "$mnt" | tail -n 1 | tr -d ' ')" = 0 ] ||
	{ echo "FAIL: the tmpfs is not full"; df "$mnt"; fail=1; }
keys s
# At 80 columns the message wraps above the status line: read it joined.
wait_joined "side-sessions.ics: error: No space left on device"
expect_screen "Not saved"
# Nothing was written, so the journal still holds the edit as it was: no
# warning that it would be lost.
screen | tr '\n' ' ' | grep -q "would be" &&
	{ echo "FAIL: a journal warning although the journal is whole"; show_screen; fail=1; }
expect_screen "mnt/prog/programme/side-sessions.ics"
expect_screen "modified |"
cmp -s "$file" "$tmp/side-sessions.orig" ||
	{ echo "FAIL: the failed save changed $file"; fail=1; }
ls "$mnt/prog/programme" | grep -q dais-tmp &&
	{ echo "FAIL: a temporary file was left"; ls "$mnt/prog/programme"; fail=1; }

# q still asks: the edit is not lost. Esc stays.
keys q
wait_for "Unsaved edits. Save before quitting?"
keys Escape
wait_for "Still here; nothing lost."

# Space again: s saves; q no longer asks.
rm "$mnt/filler"
keys s
wait_for "Saved 1 changed session"
wait_gone "modified |"
[ "$(youth_status)" = CANCELLED ] ||
	{ echo "FAIL: the save after freeing space did not write the edit"; fail=1; }
keys q
status=$(wait_exit)
[ "$status" = 0 ] || { echo "FAIL: quitting after the save exited $status"; fail=1; }
T kill-server 2>/dev/null

# The disk fills again after an edit; the save fails; the planner dies.
cp "$file" "$tmp/side-sessions.saved"
start mnt/prog 80 24
cancel_session "Youth voices on online" CONFIRMED
dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null
keys s
wait_joined "No space left on device"
grep -q "^put.*Youth voices on online.*CONFIRMED" "$mnt/prog/.dais-journal" 2>/dev/null || {
	echo "FAIL: after the failed save the journal lacks the edit"; fail=1; }
pkill -KILL -xf "$DAIS mnt/prog"
wait_exit >/dev/null
T kill-server 2>/dev/null
cmp -s "$file" "$tmp/side-sessions.saved" ||
	{ echo "FAIL: the failed save changed $file"; fail=1; }
ls -A "$mnt/prog" "$mnt/prog/programme" | grep -q dais-tmp &&
	{ echo "FAIL: a temporary file was left"; fail=1; }
rm "$mnt/filler"
# The next planner finds the edit and restores it; s saves it.
rm -f "$tmp/exit"
T -f /dev/null new-session -d -x 120 -y 30 \
	"cd '$tmp' && '$DAIS' mnt/prog; echo \$? >'$tmp/exit'"
wait_for "1 edit to 1 session"
keys r
wait_for "Restored 1 unsaved edit"
keys s
wait_for "Saved 1 changed session"
keys q
status=$(wait_exit)
[ "$status" = 0 ] || { echo "FAIL: the restored planner exited $status"; fail=1; }
[ "$(youth_status)" = CONFIRMED ] ||
	{ echo "FAIL: the restored edit was not saved: $(youth_status)"; fail=1; }
finish
