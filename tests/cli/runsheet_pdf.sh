# runsheet_pdf.sh: the PDF run-sheet: A4, the page count the command
# reported, every session title and chair of the day in pdftotext's text
# (checked by tests/runsheet/check_pdf.py against the .ics files), page 1
# renders; without PDF support in the build, --format pdf exits 2.
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1793512800
# fontconfig, cairo and pango keep caches until exit by design.
export LSAN_OPTIONS="suppressions=$SRCDIR/tests/runsheet/lsan.supp:print_suppressions=0"
check="/usr/bin/python3 $SRCDIR/tests/runsheet/check_pdf.py"
mini=$(programme_copy "$FIXTURES/mini")
kuwait="$SRCDIR/data/kuwait-2026"

if ! "$DAIS" runsheet --help | grep -q pdf ||
	! "$DAIS" runsheet "$mini" --day 2026-11-04 --format pdf \
		-o "$tmp/probe.pdf" 2>"$tmp/probe.err"; then
	if grep -q "without PDF support" "$tmp/probe.err"; then
		expect_exit 2 "$DAIS" runsheet "$mini" --day 2026-11-04 \
			--format pdf -o "$tmp/x.pdf"
		expect_contains "without PDF support" stderr "$err"
		finish
	fi
fi

# pdf DIR NAME DAY|all [ROOM]: writes NAME.pdf and checks it.
pdf() {
	dir=$1; name=$2; day=$3; room=${4:-}
	set -- runsheet "$dir" --format pdf -o "$tmp/$name.pdf"
	if [ "$day" = all ]; then set -- "$@" --all-days
	else set -- "$@" --day "$day"; fi
	[ -n "$room" ] && set -- "$@" --room "$room"
	expect_exit 0 "$DAIS" "$@"
	pages=$(printf '%s' "$err" | sed -n 's/.*: \([0-9]*\) pages\{0,1\}, written to.*/\1/p')
	if [ -z "$pages" ]; then
		echo "FAIL: $name: no page count in: $err"; fail=1; return
	fi
	$check "$tmp/$name.pdf" "$dir" "$day" "$pages" $room >"$tmp/check" ||
		{ echo "FAIL: $name:"; cat "$tmp/check"; fail=1; }
	eval "pages_$name=$pages"
	pdftoppm -png -r 60 -f 1 -l 1 "$tmp/$name.pdf" "$tmp/$name" ||
		{ echo "FAIL: $name: page 1 does not render"; fail=1; }
	[ -s "$tmp/$name-1.png" ] || [ -s "$tmp/$name-01.png" ] ||
		{ echo "FAIL: $name: no image of page 1"; fail=1; }
}

pdf "$mini" mini1 2026-11-04
pdf "$mini" mini2 2026-11-05
pdf "$mini" miniall all
pdf "$mini" miniroom 2026-11-04 side
pdf "$kuwait" kw1 2026-11-04
pdf "$kuwait" kw2 2026-11-05
pdf "$kuwait" kwall all
pdf "$kuwait" kwroom 2026-11-04 plenary

# Each day starts a new page, so the whole programme has as many pages as
# its days have between them.
[ "$pages_miniall" = $((pages_mini1 + pages_mini2)) ] ||
	{ echo "FAIL: mini: $pages_miniall pages for all days," \
		"$pages_mini1 + $pages_mini2 for each"; fail=1; }
[ "$pages_kwall" = $((pages_kw1 + pages_kw2)) ] ||
	{ echo "FAIL: kuwait: $pages_kwall pages for all days," \
		"$pages_kw1 + $pages_kw2 for each"; fail=1; }

# The same programme and SOURCE_DATE_EPOCH give the same text in the PDF.
"$DAIS" runsheet "$mini" --day 2026-11-04 --format pdf >"$tmp/again.pdf" ||
	{ echo "FAIL: PDF to standard output"; fail=1; }
a=$(pdftotext "$tmp/mini1.pdf" -); b=$(pdftotext "$tmp/again.pdf" -)
[ "$a" = "$b" ] || { echo "FAIL: two runs differ in text"; fail=1; }
expect_contains "Produced 2026-11-01 09:00 (Asia/Kuwait)" pdftotext "$a"
created=$(pdfinfo -isodates "$tmp/mini1.pdf" | sed -n 's/^CreationDate: *//p')
expect_contains "2026-11-01T09:00:00+03" CreationDate "$created"

# PDF bytes are not for a terminal; a file is written atomically.
expect_exit 2 script -qec "$DAIS runsheet $mini --day 2026-11-04 --format pdf" /dev/null
finish
