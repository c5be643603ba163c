#!/usr/bin/env bash
# override_from_series.sh: moving one occurrence of an imported Outlook
# series writes its override from the series' VEVENT (review finding 16):
# Outlook's properties, the reminder (VALARM), SUMMARY;LANGUAGE kept, no
# RRULE, and RECURRENCE-ID in the series' own zone.
. "$(dirname "$0")/lib.sh"

copy_example prog
"$DAIS" import "$FIXTURES/other-clients/outlook-recurring.ics" "$tmp/prog" >/dev/null 2>&1 ||
	{ echo "FAIL: the import failed"; fail=1; }
f="$tmp/prog/programme/import-outlook-recurring.ics"
start "$tmp/prog" 120 40
keys /
type_text "Heads of delegation briefing"
keys Enter
wait_for "Heads of delegation briefing"
keys J
wait_for "Moved"
keys s
wait_match "[Ss]aved"
keys q
# The new override is the VEVENT with RECURRENCE-ID 20261104T083000.
awk 'BEGIN{RS="BEGIN:VEVENT"} /RECURRENCE-ID[^\n]*20261104T083000/' "$f" | tr -d '\r' >"$tmp/override"
[ -s "$tmp/override" ] || { echo "FAIL: no override of the 4 Nov occurrence written"; cat "$f"; fail=1; }
o=$(cat "$tmp/override")
# The series' zone as the import wrote it (Outlook's "Arab Standard Time"
# becomes Asia/Kuwait: import_windows_zones.sh).
tz=$(tr -d '\r' <"$f" | awk 'BEGIN{RS="BEGIN:VEVENT"} /RRULE/' | grep -o '^DTSTART;TZID=[^:]*' | head -1)
tz=${tz#DTSTART;}
[ -n "$tz" ] || { echo "FAIL: no series with a TZID in $f"; fail=1; }
case "$o" in *"RECURRENCE-ID;$tz:20261104T083000"*) ;;
*) echo "FAIL: RECURRENCE-ID not in the series' zone ($tz)"; echo "$o"; fail=1 ;; esac
for want in 'BEGIN:VALARM' 'TRIGGER:-PT15M' 'X-MICROSOFT-CDO-BUSYSTATUS:BUSY' 'PRIORITY:5' \
	'TRANSP:OPAQUE' 'CLASS:PUBLIC' 'SUMMARY;LANGUAGE=en-us:Heads of delegation briefing'; do
	case "$o" in *"$want"*) ;; *) echo "FAIL: the override lacks $want"; fail=1 ;; esac
done
case "$o" in *RRULE*) echo "FAIL: the override repeats (RRULE)"; fail=1 ;; esac
"$DAIS" check "$tmp/prog" >/dev/null 2>"$tmp/check.err"
grep -q 'error' "$tmp/check.err" && { echo "FAIL: the saved programme does not load"; cat "$tmp/check.err"; fail=1; }
finish
