# load_ics_identity.sh: UIDs: a VEVENT without one, one UID twice in a
# file (also after a refused VEVENT) or across two files, an occurrence
# overridden twice are refused, naming both places.
. "$(dirname "$0")/lib.sh"
dir="$FIXTURES/load-ics"
ics=programme/sessions.ics

expect_exit 2 "$DAIS" check "$dir/missing-uid"
expect_contains "$dir/missing-uid/$ics:20: error: this VEVENT has no UID" \
	stderr "$err"

expect_exit 2 "$DAIS" check "$dir/duplicate-uid"
expect_contains "$dir/duplicate-uid/$ics:32: error: UID opening@mini is already used at line 4 of this file" \
	stderr "$err"

# A refused VEVENT's UID still counts: the file's table of UIDs keeps it
# (its own copy; under AddressSanitizer a released one would be caught).
expect_exit 2 "$DAIS" check "$dir/duplicate-uid-refused"
expect_contains "$dir/duplicate-uid-refused/$ics:38: error: UID refused@mini is already used at line 32 of this file" \
	stderr "$err"

expect_exit 2 "$DAIS" check "$dir/duplicate-uid-files"
expect_contains "$dir/duplicate-uid-files/programme/more.ics:4: error: UID side-1@mini is also used in $dir/duplicate-uid-files/$ics at line 20" \
	stderr "$err"

expect_exit 2 "$DAIS" check "$dir/override-twice"
expect_contains "$dir/override-twice/$ics:64: error: the occurrence RECURRENCE-ID 2026-11-04T12:00:00+03:00 is already overridden at line 56; keep one of the two (session break@mini)" \
	stderr "$err"
finish
