#!/usr/bin/env bash
# check_output.sh: dais check on the mini fixture: the text report groups
# conflicts by day, the JSON has its documented shape, and a title holding
# bytes that are not UTF-8 still gives JSON that parses.
. "$(dirname "$0")/lib.sh"

expect_exit 1 "$DAIS" check "$FIXTURES/mini"
expect_contains "Mini Conference: 3 sessions, 1 error, 0 warnings." stdout "$out"
expect_contains "Wed 4 Nov 2026" stdout "$out"
expect_contains "participant double-booked" stdout "$out"
expect_contains "10:00-11:00  Side Room" stdout "$out"

expect_exit 1 "$DAIS" check --format json "$FIXTURES/mini"
/usr/bin/python3 - "$tmp/out" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["errors"] == 1 and d["warnings"] == 0, d
c = d["conflicts"][0]
assert c["kind"] == "participant-double-booked", c
assert c["participant"] == "kw-interior", c
assert c["start"] == "2026-11-04T10:00:00+03:00", c
assert c["end"] == "2026-11-04T10:30:00+03:00", c
assert [s["uid"] for s in c["sessions"]] == ["opening@mini", "side-1@mini"], c
PY

cp -r "$FIXTURES/mini" "$tmp/bad"
/usr/bin/python3 - "$tmp/bad/programme/sessions.ics" <<'PY'
import sys
p = sys.argv[1]
b = open(p, "rb").read().replace(b"SUMMARY:Opening plenary", b"SUMMARY:Opening \xe9v\xe9nement")
open(p, "wb").write(b)
PY
expect_exit 1 "$DAIS" check --format json "$tmp/bad"
/usr/bin/python3 - "$tmp/out" <<'PY' || fail=1
import json, sys
d = json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))
titles = [s["title"] for c in d["conflicts"] for s in c["sessions"]]
assert "Opening \ufffdv\ufffdnement" in titles, titles
PY
# A mistyped command is named as one, with the command meant.
expect_exit 2 "$DAIS" chek "$FIXTURES/mini"
expect_contains "no command or programme directory 'chek'; did you mean 'dais check'?" stderr "$err"
finish
