#!/usr/bin/env bash
# check_requests_broken.sh: a broken requests.ini does not hide the
# programme's conflicts from dais check (review3 finding 6). Its errors are
# reported with file and line, the conflicts are listed as usual (text and
# JSON, which says how many errors requests.ini holds), and the exit status
# is 1: there is something to fix. dais schedule, which needs the requests,
# still refuses (exit 2). Shortening the conference, which puts requests
# outside the days, must show the sessions now on no conference day.
. "$(dirname "$0")/lib.sh"

EX="$SRCDIR/data/kuwait-2026"
cp -r "$EX" "$tmp/k"
cat >>"$tmp/k/requests.ini" <<'INI'

[kw-tj-typo]
parties = "kw-interior, tj-interor"
duration = 30m

[kw-zero]
parties = "kw-interior, tj-interior"
duration = 0
INI
line=$(grep -n 'tj-interor' "$tmp/k/requests.ini" | cut -d: -f1)

expect_exit 1 "$DAIS" check "$tmp/k"
expect_contains "$tmp/k/requests.ini:$line: error: parties in [kw-tj-typo]: \"tj-interor\" is not a participant of participants.ini: did you mean \"tj-interior\"?" stderr "$err"
expect_contains "$tmp/k/requests.ini has 2 errors above: the programme's conflicts are checked without it; fix them before 'dais schedule' or the planner's Requests view can use it" stderr "$err"
expect_contains "34 sessions, 2 errors, 2 warnings." stdout "$out"
expect_contains "requests.ini has 2 errors (named on standard error): the conflicts are checked without it." stdout "$out"
expect_contains "room double-booked" stdout "$out"

expect_exit 1 "$DAIS" check "$tmp/k" --format json
printf '%s' "$out" >"$tmp/check.json"
got=$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["errors"], d["warnings"], d["requests_errors"], len(d["conflicts"]))' "$tmp/check.json" 2>&1)
[ "$got" = "2 2 2 4" ] || { echo "FAIL: check's JSON says '$got', not '2 2 2 4'"; cat "$tmp/check.json"; fail=1; }

# The example's own requests.ini: no requests_errors member at all.
expect_exit 1 "$DAIS" check "$EX" --format json
expect_not_contains "requests_errors" "the example's JSON" "$out"

# No conflict but a broken requests.ini: still exit 1, said on stderr.
"$DAIS" init "$tmp/clean" --name "Clean" --timezone Asia/Kuwait --days 2026-11-04 >/dev/null
printf '[a]\nparties = "nobody-here, nor-here"\nduration = 30m\n' >"$tmp/clean/requests.ini"
expect_exit 1 "$DAIS" check "$tmp/clean"
expect_contains "no conflicts." stdout "$out"
expect_contains "requests.ini has 2 errors (named on standard error)" stdout "$out"
expect_contains "$tmp/clean/requests.ini has 2 errors above" stderr "$err"
rm "$tmp/clean/requests.ini"
expect_exit 0 "$DAIS" check "$tmp/clean"

# dais schedule needs the requests: it refuses, writing nothing.
cp "$tmp/k/programme/side-sessions.ics" "$tmp/side-before"
expect_exit 2 "$DAIS" schedule "$tmp/k"
expect_contains "dais schedule: $tmp/k/requests.ini was not loaded: 2 errors above" stderr "$err"
expect_not_contains "dais: " stderr "$err"
cmp -s "$tmp/k/programme/side-sessions.ics" "$tmp/side-before" ||
	{ echo "FAIL: dais schedule wrote side-sessions.ics"; fail=1; }

# The conference shortened to one day: the requests for the second day
# are errors, and the second day's sessions are listed as outside it.
cp -r "$EX" "$tmp/short"
sed -i 's/^days = .*/days = "2026-11-04"/' "$tmp/short/conference.ini"
grep -q '^days = "2026-11-04"$' "$tmp/short/conference.ini" ||
	{ echo "FAIL: could not shorten the conference"; fail=1; }
expect_exit 1 "$DAIS" check "$tmp/short"
expect_contains "which is not a conference day" stderr "$err"
expect_contains "Thu 5 Nov 2026 (not a conference day)" stdout "$out"

finish
