# import_dry_run.sh: dais import --dry-run gives the real run's verdict and
# exit status, from the same checks (review finding 9), also into a new
# programme made with --timezone and --days (finding 15); a refused real run
# names the source, never a file it wrote and then removed.
. "$(dirname "$0")/lib.sh"
oc="$FIXTURES/other-clients"
D=$(programme_copy "$SRCDIR/data/kuwait-2026")
sums() { (cd "$1" && find . -type f ! -name .dais-lock -print0 | sort -z | xargs -0 sha256sum); }
sums "$D" >"$tmp/before"

# A zone name that is neither IANA's nor Windows's, without VTIMEZONE:
# refused, dry or not, with the same message naming
# the source. (Windows names are mapped: import_windows_zones.sh.)
sed 's/Arab Standard Time/Atlantis Standard Time/' "$oc/outlook-no-vtimezone.ics" >"$tmp/outlook-no-vtimezone.ics"
expect_exit 2 "$DAIS" import --dry-run "$tmp/outlook-no-vtimezone.ics" "$D"
dry_err=$err
expect_contains "outlook-no-vtimezone.ics:10: error: TZID=Atlantis Standard Time is neither a zone" stderr "$err"
expect_contains "nothing imported" stderr "$err"
expect_exit 2 "$DAIS" import "$tmp/outlook-no-vtimezone.ics" "$D"
[ "$err" = "$dry_err" ] || { echo "FAIL: the dry run and the real run say different things"; echo "$dry_err"; echo "$err"; fail=1; }
expect_not_contains "written to" stdout "$out"
expect_not_contains "programme/import-outlook-no-vtimezone.ics" stderr "$err"
sums "$D" >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after" || { echo "FAIL: a refused import changed the programme"; fail=1; }

# Accepted: the dry run says what the real run then does.
expect_exit 0 "$DAIS" import --dry-run "$oc/google.ics" "$D"
expect_contains "google.ics: 3 events would go to programme/import-google.ics" stdout "$out"
sums "$D" >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after" || { echo "FAIL: the dry run wrote"; fail=1; }
expect_exit 0 "$DAIS" import "$oc/google.ics" "$D"
expect_contains "google.ics: 3 events written to programme/import-google.ics" stdout "$out"

# Into a new programme: the dry run makes nothing and says what would be.
expect_exit 0 "$DAIS" import --dry-run --timezone Asia/Kuwait \
	--days 2026-11-04,2026-11-05 "$oc/google.ics" "$tmp/new"
expect_contains "$tmp/new: a new programme would be made there (dry run)" stdout "$out"
expect_contains "google.ics: 3 events would go to programme/import-google.ics" stdout "$out"
[ ! -e "$tmp/new" ] || { echo "FAIL: the dry run made the new programme"; fail=1; }
expect_exit 0 "$DAIS" import --timezone Asia/Kuwait \
	--days 2026-11-04,2026-11-05 "$oc/google.ics" "$tmp/new"
expect_contains "Made a new programme in $tmp/new" stdout "$out"
expect_contains "google.ics: 3 events written to programme/import-google.ics" stdout "$out"
# A new programme the calendars do not load into is not made at all.
expect_exit 2 "$DAIS" import --timezone Asia/Kuwait --days 2026-11-04 \
	"$tmp/outlook-no-vtimezone.ics" "$tmp/new2"
[ ! -e "$tmp/new2" ] || { echo "FAIL: a refused import made the new programme"; fail=1; }
finish
