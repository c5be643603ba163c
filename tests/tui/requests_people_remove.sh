#!/usr/bin/env bash
# requests_people_remove.sh: removing a participant that bilateral requests
# name among their parties (People view, X) is refused, naming the
# requests and their lines in requests.ini, so that the saved programme
# never has requests.ini naming someone gone (review3 finding 17). Once
# the requests no longer name them, X asks and removes as before, and the
# saved programme checks: no error about requests.ini. And dais check on
# a request naming an unknown qz-interior offers no other country's
# minister as "did you mean".
. "$(dirname "$0")/lib.sh"

copy_example prog
start "$tmp/prog"
keys F4
wait_for "[People]"
keys /
type_text qa-interior
keys Enter
wait_for "'qa-interior':"
keys X
wait_joined "Not removed: Minister of Interior — Qatar is a party of 2 bilateral requests in $tmp/prog/requests.ini: kw-qa-interior (line"
wait_joined "kw-qa-working (line"
wait_joined "Take qa-interior out of their parties there (or remove the requests), then remove the participant."
grep -q '^\[qa-interior\]' "$tmp/prog/participants.ini" || { echo "FAIL: qa-interior is gone from participants.ini"; fail=1; }

# The protocol office drops the two requests by hand; X now asks.
/usr/bin/python3 - "$tmp/prog/requests.ini" <<'PY'
import re, sys
p = sys.argv[1]
t = open(p).read()
for rid in ("kw-qa-interior", "kw-qa-working"):
    t = re.sub(r"(?ms)^\[%s\]\n.*?(?=^\[|\Z)" % re.escape(rid), "", t)
open(p, "w").write(t)
PY
grep -q 'qa-interior' "$tmp/prog/requests.ini" && { echo "FAIL: the test left qa-interior in requests.ini"; fail=1; }
keys X
wait_joined "Remove Minister of Interior — Qatar and their assignments? y/n"
keys y
wait_for "Removed"
keys s
wait_for "Saved"
keys q
status=$(wait_exit)
[ "$status" = 0 ] || { echo "FAIL: the planner exited $status"; fail=1; }
grep -q '^\[qa-interior\]' "$tmp/prog/participants.ini" && { echo "FAIL: qa-interior is still in participants.ini"; fail=1; }
"$DAIS" check "$tmp/prog" >"$tmp/check.out" 2>"$tmp/check.err"
rc=$?
[ "$rc" = 2 ] && { echo "FAIL: dais check refuses the programme after the removal"; cat "$tmp/check.err"; fail=1; }
grep -q "requests.ini" "$tmp/check.err" && { echo "FAIL: dais check complains of requests.ini"; cat "$tmp/check.err"; fail=1; }

# "did you mean" never offers another country's minister.
copy_example typo
sed -i 's/^parties = "kw-interior, qa-interior"/parties = "kw-interior, qz-interior"/' "$tmp/typo/requests.ini"
grep -q 'qz-interior' "$tmp/typo/requests.ini" || { echo "FAIL: the test could not write qz-interior"; fail=1; }
"$DAIS" check "$tmp/typo" >/dev/null 2>"$tmp/typo.err"
grep -q '"qz-interior" is not a participant of participants.ini: use its id' "$tmp/typo.err" || {
	echo "FAIL: dais check's message on qz-interior:"; cat "$tmp/typo.err"; fail=1; }
grep -q 'did you mean' "$tmp/typo.err" && { echo "FAIL: a suggestion for qz-interior"; cat "$tmp/typo.err"; fail=1; }
finish
