# helper_exec.sh: dais loads only the libraries of the commands that read
# the programme's files, and runs the rest (the planner, PDF run-sheets,
# the frab and HTML exports, sync, publish, schedule) in its helper,
# dais-full, with the same arguments: the same help, output and exit
# status as dais-full gives itself. A helper that is missing or cannot be
# run is named with what to do, exit 2 (docs/architecture.md, "Two
# executables").
. "$(dirname "$0")/lib.sh"
# fontconfig, cairo and pango keep caches until exit by design (the PDF).
export LSAN_OPTIONS="suppressions=$SRCDIR/tests/runsheet/lsan.supp:print_suppressions=0"
example=$(programme_copy "$SRCDIR/data/kuwait-2026")

# The lean dais links none of the planner's, PDF's, network's or
# solver's libraries; the helper links them all.
libs=$(ldd "$DAIS")
for lib in libglpk libcurl libxml2 libpango libcairo libncursesw libglib; do
	expect_not_contains "$lib." "ldd dais" "$libs"
done
libs=$(ldd "$DAIS_FULL")
for lib in libglpk libcurl libxml2 libncursesw; do
	expect_contains "$lib." "ldd dais-full" "$libs"
done

# One table of commands: the same help from both.
for args in "help" "--help" "help runsheet" "schedule --help" "check -h"; do
	# shellcheck disable=SC2086 # the words are the arguments
	lean=$("$DAIS" $args)
	# shellcheck disable=SC2086
	full=$("$DAIS_FULL" $args)
	[ "$lean" = "$full" ] || { echo "FAIL: 'dais $args' differs from dais-full's"; fail=1; }
done

# What runs in the helper, through dais: its output and exit status,
# those of dais-full itself (but for the calendars' DTSTAMP, the time of
# the run; the HTML page's date is SOURCE_DATE_EPOCH's).
export SOURCE_DATE_EPOCH=1793512800
same() {
	expect_exit "$1" "$DAIS" "${@:2}"
	local lean_out=$out lean_err=$err
	expect_exit "$1" "$DAIS_FULL" "${@:2}"
	[ "$(grep -v '^DTSTAMP:' <<<"$lean_out")" = "$(grep -v '^DTSTAMP:' <<<"$out")" ] &&
		[ "$lean_err" = "$err" ] ||
		{ echo "FAIL: 'dais ${*:2}' differs from dais-full's"; fail=1; }
}
expect_exit 0 "$DAIS" runsheet "$example" --day 2026-11-04 --format pdf -o "$tmp/day1.pdf"
expect_contains "%PDF-" "the PDF from dais" "$(head -c 5 "$tmp/day1.pdf")"
same 0 export "$example" --format frab -o -
expect_contains "<schedule" "the frab schedule from dais" "$out"
same 0 export "$example" --format html --day 2026-11-05 -o -
same 2 runsheet "$example" --day 2026-11-09 --format pdf -o "$tmp/x.pdf"
expect_contains "dais runsheet:" stderr "$err"
expect_exit 1 "$DAIS" schedule "$example" --dry-run
expect_contains "Placed 30 of 33" stdout "$out"
# And what runs in dais itself, the same as in dais-full.
same 0 runsheet "$example" --day 2026-11-04
same 0 export "$example" --no-record -o -
same 1 check "$example" --format json
# Standard input reaches the helper: a PDF is refused for a terminal
# only, so a pipe takes it.
"$DAIS" runsheet "$example" --day 2026-11-04 --format pdf </dev/null | head -c 5 >"$tmp/magic"
expect_contains "%PDF-" "the PDF piped from dais" "$(cat "$tmp/magic")"

# dais reached through a symbolic link finds the helper beside the file
# it links to (/proc/self/exe).
mkdir "$tmp/link"
ln -s "$DAIS" "$tmp/link/dais"
expect_exit 0 "$tmp/link/dais" runsheet "$example" --day 2026-11-04 --format pdf -o "$tmp/link.pdf"

# The helper missing where DAIS_EXEC_PATH says: named, exit 2, nothing
# written.
DAIS_EXEC_PATH="$tmp/nowhere" expect_exit 2 "$DAIS" runsheet "$example" --day 2026-11-04 --format pdf -o "$tmp/no.pdf"
expect_contains "dais: a PDF run-sheet runs in dais's helper, $tmp/nowhere/dais-full, which is missing (No such file or directory)" stderr "$err"
expect_contains "set DAIS_EXEC_PATH to the directory that holds dais-full" stderr "$err"
[ -z "$out" ] || { echo "FAIL: a missing helper printed: $out"; fail=1; }
DAIS_EXEC_PATH="$tmp/nowhere" expect_exit 2 "$DAIS" "$example"
expect_contains "dais: the planner runs in dais's helper, $tmp/nowhere/dais-full, which is missing" stderr "$err"
# The commands of dais itself need no helper.
DAIS_EXEC_PATH="$tmp/nowhere" expect_exit 1 "$DAIS" check "$example"
DAIS_EXEC_PATH="$tmp/nowhere" expect_exit 0 "$DAIS" help runsheet
DAIS_EXEC_PATH="$tmp/nowhere" expect_exit 0 "$DAIS" runsheet "$example" --day 2026-11-04
DAIS_EXEC_PATH="$tmp/nowhere" expect_exit 2 "$DAIS" export "$example" --format frab -o "$tmp/x.xml"
expect_contains "dais: 'dais export --format frab' runs in dais's helper" stderr "$err"
[ ! -e "$tmp/x.xml" ] || { echo "FAIL: a missing helper left $tmp/x.xml"; fail=1; }

# A copy of dais beside a helper that cannot be executed.
mkdir "$tmp/bin"
cp "$DAIS" "$tmp/bin/dais"
printf 'not a program\n' >"$tmp/bin/dais-full"
chmod 644 "$tmp/bin/dais-full"
expect_exit 2 "$tmp/bin/dais" schedule "$example" --dry-run
expect_contains "dais: 'dais schedule' runs in dais's helper, $tmp/bin/dais-full, which could not be started (Permission denied)" stderr "$err"
# Executable, but not a program.
chmod 755 "$tmp/bin/dais-full"
expect_exit 2 "$tmp/bin/dais" schedule "$example" --dry-run
expect_contains "$tmp/bin/dais-full, which could not be started (Exec format error)" stderr "$err"
finish
