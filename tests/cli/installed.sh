# installed.sh: the installed layout. meson install (staged with --destdir,
# so that nothing outside $tmp is touched) puts dais in bindir and its
# helper, dais-full, at the libexecdir that the installed dais looks in;
# the installed dais runs check, a PDF run-sheet and schedule on the
# installed example through that helper (docs/architecture.md, "Two
# executables").
. "$(dirname "$0")/lib.sh"
# fontconfig, cairo and pango keep caches until exit by design (the PDF).
export LSAN_OPTIONS="suppressions=$SRCDIR/tests/runsheet/lsan.supp:print_suppressions=0"
if ! command -v meson >/dev/null; then
	echo "skipped: meson is not on PATH"
	exit 77
fi
stage="$tmp/stage"
meson install -C "$BUILDDIR" --no-rebuild --destdir "$stage" >"$tmp/install.log" 2>&1 ||
	{ echo "FAIL: meson install"; cat "$tmp/install.log"; exit 1; }

# Where meson installs each file (without the staging directory).
installed() {
	meson introspect "$BUILDDIR" --installed |
		/usr/bin/python3 -c 'import json, sys
for built, to in json.load(sys.stdin).items():
    if built.endswith("/" + sys.argv[1]): print(to)' "$1"
}
dais=$(installed dais)
helper=$(installed dais-full)
case "$helper" in
*/libexec/dais/dais-full) ;;
*) echo "FAIL: dais-full is installed as '$helper', not under libexec/dais"; fail=1 ;;
esac
[ -x "$stage$dais" ] && [ -x "$stage$helper" ] ||
	{ echo "FAIL: $stage$dais or $stage$helper is not there"; finish; }
example="$stage$(dirname "$dais")/../share/dais/kuwait-2026"
[ -f "$example/conference.ini" ] || { echo "FAIL: no installed example in $example"; finish; }
example=$(programme_copy "$example")

# The installed dais looks for its helper where meson installs it: while
# only staged, it is missing there, and that is said.
if [ ! -e "$helper" ]; then
	expect_exit 2 "$stage$dais" runsheet "$example" --day 2026-11-04 \
		--format pdf -o "$tmp/no.pdf"
	expect_contains "runs in dais's helper, $helper, which is missing" stderr "$err"
fi

# Pointed at the staged helper, the installed dais runs every kind of
# command: its own, and the helper's PDF and solver commands.
export DAIS_EXEC_PATH="$stage$(dirname "$helper")"
expect_exit 1 "$stage$dais" check "$example"
expect_contains "participant double-booked" stdout "$out"
expect_exit 0 "$stage$dais" runsheet "$example" --day 2026-11-04 --format pdf -o "$tmp/day1.pdf"
expect_contains "%PDF-" "day1.pdf" "$(head -c 5 "$tmp/day1.pdf")"
expect_exit 1 "$stage$dais" schedule "$example" --dry-run
expect_contains "Placed 30 of 33" stdout "$out"
finish
