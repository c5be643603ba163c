# output_errors.sh: output that cannot be written is never silent
# (issue 11 item 6): standard output on /dev/full makes every command exit
# 2 naming it, and a run-sheet PDF to a full disk names its file.
. "$(dirname "$0")/lib.sh"
mini=$(programme_copy "$FIXTURES/mini")

expect_exit 2 sh -c '"$0" check "$1" >/dev/full' "$DAIS" "$mini"
expect_contains "dais: cannot write to standard output: No space left on device" \
	"stderr of check >/dev/full" "$err"
expect_exit 2 sh -c '"$0" runsheet "$1" --day 2026-11-04 >/dev/full' "$DAIS" "$mini"
expect_contains "standard output" "stderr of runsheet >/dev/full" "$err"
expect_exit 2 sh -c '"$0" export "$1" -o - >/dev/full' "$DAIS" "$mini"
expect_contains "standard output" "stderr of export >/dev/full" "$err"
expect_exit 2 sh -c '"$0" --help >/dev/full' "$DAIS"
expect_contains "standard output" "stderr of --help >/dev/full" "$err"

# A full disk under -o F: a tiny tmpfs (root only; others skip this part).
if [ "$(id -u)" = 0 ] && mkdir "$tmp/full" &&
	mount -t tmpfs -o size=48k tmpfs "$tmp/full" 2>/dev/null; then
	dd if=/dev/zero of="$tmp/full/fill" bs=1k count=44 2>/dev/null
	expect_exit 1 "$DAIS" runsheet "$SRCDIR/data/kuwait-2026" \
		--day 2026-11-04 --format pdf -o "$tmp/full/day1.pdf"
	expect_contains "dais runsheet: $tmp/full/day1.pdf: could not write the PDF" \
		"stderr of runsheet -o on a full disk" "$err"
	[ -e "$tmp/full/day1.pdf" ] && { echo "FAIL: a partial PDF was left"; fail=1; }
	umount "$tmp/full"
else
	echo "skipped the full-disk case (needs root to mount a tmpfs)"
fi
finish
