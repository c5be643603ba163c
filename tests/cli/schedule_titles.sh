#!/usr/bin/env bash
# schedule_titles.sh: a request without a title is titled by what tells
# the meetings apart, short: each person party by their delegation's name
# ("Bilateral: Kuwait – Saudi Arabia"), a group by its own (by the short
# form its name ends with: "UNOCT"), people of one delegation by their own
# names; names in any script whole. A session placed under another title
# keeps it: a run, --replan included, moves sessions, never renames them.
. "$(dirname "$0")/lib.sh"

D="$tmp/ex"
cp -r "$SRCDIR/data/kuwait-2026" "$D"
rm -f "$D/.dais-lock" "$D/.dais-journal"
cat >>"$D/participants.ini" <<'EOF'

[ye]
name = "اليمن"
kind = "delegation"

[ye-interior]
name = "وزير الداخلية — اليمن"
kind = "minister"
delegation = "ye"
EOF
cat >"$D/requests.ini" <<'EOF'
[kw-sa-interior]
parties = "kw-interior, sa-interior"
duration = 30m

[kw-own]
parties = "kw-interior, kw-mfa-deputy"
duration = 30m

[kw-and-group]
parties = "kw-interior, kw"
duration = 30m

[unoct-gcc-las]
parties = "unoct-usg, gcc-sg, las-asg"
duration = 30m

[tj-ye]
parties = "tj-interior, ye-interior"
duration = 30m

[tj-group]
parties = "tj-interior, unoct"
duration = 30m
EOF

expect_exit 0 "$DAIS" schedule "$D" --dry-run --format json
titles=$(echo "$out" | python3 -c '
import json, sys
for p in json.load(sys.stdin)["placements"]:
    print(p["request"] + ": " + p["title"])' | sort)
want='kw-and-group: Bilateral: Minister of Interior — Kuwait – Kuwait
kw-own: Bilateral: Minister of Interior — Kuwait – Deputy Minister of Foreign Affairs — Kuwait
kw-sa-interior: Bilateral: Kuwait – Saudi Arabia
tj-group: Bilateral: Tajikistan – UNOCT
tj-ye: Bilateral: Tajikistan – اليمن
unoct-gcc-las: Bilateral: UNOCT, GCC and League of Arab States'
[ "$titles" = "$want" ] || { echo "FAIL: titles"; diff <(echo "$want") <(echo "$titles"); fail=1; }

# Placed, then one session retitled by hand (as a run before this rule
# titled it): the next runs keep that title.
expect_exit 0 "$DAIS" schedule "$D"
ics=$(grep -l "request-kw-sa-interior@" "$D"/programme/*.ics)
sed -i 's/^SUMMARY:Bilateral: Kuwait – Saudi Arabia/SUMMARY:Bilateral: Minister of Interior — Kuwait and Minister of Interior — Saudi Arabia/' "$ics"
unfolded() { sed -e ':a' -e 'N' -e '$!ba' -e 's/\r\{0,1\}\n //g' "$ics"; }
expect_contains "SUMMARY:Bilateral: Minister of Interior — Kuwait and Minister of Interior — Saudi Arabia" ics "$(unfolded)"
expect_exit 0 "$DAIS" schedule "$D"
expect_contains "Nothing changed in the sessions." stdout "$out"
expect_exit 0 "$DAIS" schedule "$D" --replan
expect_contains "Bilateral: Minister of Interior — Kuwait and Minister of Interior — Saudi Arabia" stdout "$out"
expect_not_contains "Bilateral: Kuwait – Saudi Arabia" stdout "$out"
expect_contains "SUMMARY:Bilateral: Minister of Interior — Kuwait and Minister of Interior — Saudi Arabia" ics "$(unfolded)"
finish
