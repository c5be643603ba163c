#!/usr/bin/env bash
# cli.sh GROUP: the command-line subcommands on the Kuwait example under
# valgrind's memcheck, which must report no error (invalid read or write,
# uninitialised value, bad free) and no definitely lost block; leaks inside
# the font libraries are suppressed by dais.supp (read why there). Each run
# must also exit as it does without valgrind. GROUP is check, export,
# runsheet or misc, so that meson runs the four side by side.
# Registered only in a build without sanitizers (tests/valgrind/meson.build).
. "$SRCDIR/tests/cli/lib.sh"

if ! command -v valgrind >/dev/null; then
	echo "skipped: valgrind is not installed (tools/packages.txt has it)"
	exit 77
fi
example=$(programme_copy "$SRCDIR/data/kuwait-2026")
runs=0

# vg STATUS ARGS...: dais ARGS under memcheck must exit STATUS, and 99 (what
# valgrind exits with when it found something) is never expected. dais runs
# what needs the planner's, PDF's, network's or solver's libraries (here the
# PDF run-sheet) in its helper, dais-full, by execv (same process):
# --trace-children follows it there, and both write to one log opened once
# (a --log-file would be truncated by the helper's valgrind).
vg() {
	local want=$1 got log
	shift
	runs=$((runs + 1))
	log="$tmp/valgrind.$runs.log"
	valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite --show-leak-kinds=definite \
		--track-origins=yes --num-callers=50 --trace-children=yes \
		--suppressions="$SRCDIR/tests/valgrind/dais.supp" \
		--log-fd=9 "$DAIS" "$@" >"$tmp/out" 2>"$tmp/err" 9>"$log"
	got=$?
	if [ "$got" = 99 ] || [ -s "$log" ]; then
		echo "FAIL: valgrind reports on: dais $*"
		cat "$log"
		fail=1
	elif [ "$got" != "$want" ]; then
		echo "FAIL: 'dais $*' exited $got under valgrind, expected $want"
		echo "--- stderr"; cat "$tmp/err"
		fail=1
	fi
}

case "${1:-}" in
check)
	# The example has conflicts on purpose: exit 1.
	vg 1 check "$example"
	vg 1 check "$example" --format json
	vg 1 check "$FIXTURES/mini" --format json
	;;
export)
	vg 0 export "$example" -o "$tmp/all.ics"
	vg 0 export "$example" --day 2026-11-05 -o "$tmp/day2.ics"
	vg 0 export "$example" --for kw-interior -o "$tmp/minister.ics"
	vg 0 export "$example" --internal -o "$tmp/internal.ics"
	vg 0 export "$example" --per-participant "$tmp/people"
	n=$(ls "$tmp/people" | wc -l)
	[ "$n" -gt 10 ] || { echo "FAIL: --per-participant wrote $n files"; fail=1; }
	;;
runsheet)
	vg 0 runsheet "$example" --day 2026-11-04
	vg 0 runsheet "$example" --day 2026-11-05 --room plenary \
		-o "$tmp/day2.txt"
	vg 0 runsheet "$example" --day 2026-11-04 --format pdf \
		-o "$tmp/day1.pdf"
	;;
misc)
	# valgrind follows dais into dais-full: both command lines are in the
	# log of a run that is not quiet.
	valgrind --trace-children=yes --log-fd=9 "$DAIS" runsheet "$example" \
		--day 2026-11-04 --format pdf -o "$tmp/follow.pdf" \
		>/dev/null 2>&1 9>"$tmp/follow.log"
	for exe in "$DAIS" "$DAIS_FULL"; do
		grep -q "Command: $exe runsheet" "$tmp/follow.log" || {
			echo "FAIL: memcheck did not run $exe (dais's helper)"
			cat "$tmp/follow.log"
			fail=1
		}
	done
	vg 0 --help
	vg 0 --version
	vg 0 help export
	vg 0 check --help
	vg 2 chek "$example"
	vg 2 check "$tmp/no-such-programme"
	vg 2 check "$FIXTURES/load-ics/truncated-event"
	vg 2 check "$FIXTURES/load-ics/missing-dtstart"
	vg 2 check "$FIXTURES/load-ini/long-line"
	vg 2 export "$FIXTURES/load-ics/truncated-calendar" -o "$tmp/x.ics"
	# Bytes that are not UTF-8: warned, replaced, exported.
	vg 0 export "$(programme_copy "$FIXTURES/load-ics/bad-utf8")" -o "$tmp/x.ics"
	vg 2 runsheet "$example" --day 2026-11-09
	DAIS_FAIL_WRITE=all.ics vg 1 export "$example" -o "$tmp/all.ics"
	;;
registry)
	# dais init, then the example's participants imported from a CSV as a
	# spreadsheet writes it (BOM, ';', quoted cells), again, and refused.
	vg 0 init "$tmp/new" --name "Нова конференция" --timezone Asia/Kuwait \
		--days 2026-11-04..2026-11-05
	vg 2 init "$tmp/bad" --name N --timezone Asia/Kuwiat --days 2026-11-04
	python3 "$SRCDIR/tests/cli/ini_to_csv.py" \
		"$example/participants.ini" "$tmp/people.csv"
	vg 0 import-participants "$tmp/new" "$tmp/people.csv"
	printf 'name,kind\nA B,ministre\n"never closed,x\n' >"$tmp/bad.csv"
	vg 2 import-participants "$tmp/new" "$tmp/bad.csv"
	printf 'name,kind\nA B,ministre\n' >"$tmp/refused.csv"
	vg 1 import-participants "$tmp/new" "$tmp/refused.csv"
	;;
*)
	echo "usage: cli.sh check|export|runsheet|misc|registry" >&2
	exit 2
	;;
esac
echo "$runs runs under valgrind"
finish
