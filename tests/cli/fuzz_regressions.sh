# fuzz_regressions.sh: every input the fuzzers (fuzz/) found a crash, hang,
# leak or sanitizer report with, kept in tests/fixtures/fuzz-regressions/
# ics|conference|venues|participants/, is loaded by `dais check` as that
# file of the mini programme: it must end (within 60 s) with exit 0, 1 or
# 2, never a signal, and the sanitizer build must report nothing.
. "$(dirname "$0")/lib.sh"
kept="$FIXTURES/fuzz-regressions"
count=0

check_one() { # KIND FILE
	rm -rf "$tmp/p"
	cp -r "$FIXTURES/mini" "$tmp/p"
	case $1 in
	ics) cp "$2" "$tmp/p/programme/sessions.ics" ;;
	*) cp "$2" "$tmp/p/$1.ini" ;;
	esac
	timeout 60 "$DAIS" check "$tmp/p" >"$tmp/out" 2>"$tmp/err"
	got=$?
	count=$((count + 1))
	case $got in
	0 | 1 | 2) ;;
	124) echo "FAIL: $1/${2##*/}: dais check ran over 60 s"; fail=1 ;;
	*) echo "FAIL: $1/${2##*/}: dais check exited $got"; fail=1 ;;
	esac
	if grep -qE 'runtime error:|ERROR: (Address|Leak)Sanitizer' "$tmp/err"
	then
		echo "FAIL: $1/${2##*/}: sanitizer report"; cat "$tmp/err"; fail=1
	fi
	# A refusal names the file and line it is about.
	if [ "$got" = 2 ] && ! grep -q "^$tmp/p/" "$tmp/err"; then
		echo "FAIL: $1/${2##*/}: refused without naming a file"
		cat "$tmp/err"; fail=1
	fi
}

for kind in ics conference venues participants; do
	[ -d "$kept/$kind" ] || continue
	for f in "$kept/$kind"/*; do
		[ -f "$f" ] && check_one "$kind" "$f"
	done
done
[ "$count" -gt 0 ] || { echo "FAIL: no kept input found in $kept"; fail=1; }
echo "$count kept inputs loaded"
finish
