#!/usr/bin/env bash
# conflicts_fix_status.sh: after a fix is applied in the Conflicts view,
# its message, too long for the status line, is drawn over the rows above
# it; the view keeps the next conflict's detail above the message, so
# both its sessions stay on screen while the message shows (trial L9: the
# second was hidden until the next key). At 100x30 and at 80x24.
. "$(dirname "$0")/lib.sh"

for size in "100 30" "80 24"; do
	set -- $size
	rm -rf "$tmp/prog"
	copy_example prog
	start "$tmp/prog" "$1" "$2"
	keys '!'
	wait_for "4 conflicts: 2 errors, 2 warnings"
	keys f
	wait_for "Fixes of the error participant double-booked"
	wait_for "Session: 'Ministerial segment I: national statements'"
	keys Enter
	wait_joined "Took Minister of Interior — Qatar out of 'Ministerial segment I: national statements'"
	wait_for "3 conflicts: 1 error, 2 warnings"
	# The message is still shown, over the view, and so are both sessions
	# of the room double booking, now the selected conflict.
	expect_screen "Took Minister of Interior — Qatar out of"
	expect_screen "  14:15-15:15 Women's leadership in preventing violent"
	expect_screen "  15:00-16:00 Youth voices on online radicalisation"
	keys q
	wait_for "Unsaved edits. Save before quitting?"
	keys n
	wait_exit >/dev/null
done
finish
