#!/usr/bin/env bash
# schedule_meet_again.sh: a request whose parties already meet in a
# bilateral of the programme (the example's 'Bilateral meeting: Kuwait and
# Egypt' and kw-eg-interior) is placed all the same, and dais schedule says
# so, in text and in JSON, on a dry run as on the run. A plenary or a
# reception with both is not such a meeting; nor is a group's member's.
. "$(dirname "$0")/lib.sh"

D="$tmp/ex"
cp -r "$SRCDIR/data/kuwait-2026" "$D"
rm -f "$D/.dais-lock" "$D/.dais-journal"

expect_exit 1 "$DAIS" schedule "$D" --dry-run
expect_contains "Placed, though the parties already meet
  kw-tj-interior: its parties already meet in 'Bilateral meeting: Kuwait and Tajikistan' (Wed 4 Nov 14:45-15:30)
  kw-kz-interior: its parties already meet in 'Bilateral meeting: Kuwait and Kazakhstan' (Wed 4 Nov 15:45-16:15)
  kw-eg-interior: its parties already meet in 'Bilateral meeting: Kuwait and Egypt' (Thu 5 Nov 10:15-10:45)
" stdout "$out"
# Only those three: everyone is in the opening plenary and the reception.
n=$(echo "$out" | grep -c "its parties already meet")
[ "$n" = 3 ] || { echo "FAIL: $n requests said to meet already"; fail=1; }
expect_not_contains "Ministerial reception" stdout "$out"

expect_exit 1 "$DAIS" schedule "$D" --format json
echo "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
a = {m["request"]: m for m in d["already_meet"]}
assert sorted(a) == ["kw-eg-interior", "kw-kz-interior", "kw-tj-interior"], a
m = a["kw-eg-interior"]
assert m["uid"] == "d2-bilateral-kw-eg@kuwait-2026.dushanbe-process", m
assert m["title"] == "Bilateral meeting: Kuwait and Egypt", m
assert m["start"] == "2026-11-05T10:15:00+03:00" and m["end"] == "2026-11-05T10:45:00+03:00", m
' || { echo "FAIL: already_meet in JSON"; echo "$out"; fail=1; }

# Two requests for one pair, placed by one run: each names the other's.
# A group party counts when the group itself is in the meeting.
cat >"$D/requests.ini" <<'EOF'
[a]
parties = "tj-interior, uz-interior"
duration = 30m

[b]
parties = "tj-interior, uz-interior"
duration = 30m

[c]
parties = "tj-interior, uz"
duration = 30m
EOF
expect_exit 0 "$DAIS" schedule "$D" --dry-run
expect_contains "  a: its parties already meet in 'Bilateral: Tajikistan – Uzbekistan' (" stdout "$out"
expect_contains "  b: its parties already meet in 'Bilateral: Tajikistan – Uzbekistan' (" stdout "$out"
expect_not_contains "  c: its parties" stdout "$out"
finish
