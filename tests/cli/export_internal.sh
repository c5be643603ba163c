#!/usr/bin/env bash
# export_internal.sh: what `dais export --internal` is, as dais(1) says: a
# secretariat calendar that says so in the file (X-WR-CALDESC), holding
# the notes and contact details, and not a backup: no ATTENDEE and no
# X-DAIS- property but the notes, so a programme made from it loads but
# has lost its links, and with them the conflicts of the original.
. "$(dirname "$0")/lib.sh"
example=$(programme_copy "$SRCDIR/data/kuwait-2026")

expect_exit 0 "$DAIS" export "$example" --internal -o "$tmp/secretariat.ics"
cal=$(tr -d '\r' <"$tmp/secretariat.ics" | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g')
expect_contains "X-WR-CALNAME:High-Level International Conference" calendar "$cal"
expect_contains "(internal)" calendar "$cal"
expect_contains "X-WR-CALDESC:Secretariat calendar with internal notes and contact details: not for participants. Not a backup:" \
	calendar "$cal"
expect_contains "X-DAIS-NOTES:Chair confirmed by the Qatari delegation on 30 October." \
	calendar "$cal"
expect_contains "Internal notes (secretariat only): Chair confirmed" calendar "$cal"
expect_contains "minister.office@interior.example.kw" calendar "$cal"
grep -q '^ATTENDEE' <<<"$cal" && { echo "FAIL: ATTENDEE in --internal"; fail=1; }
others=$(grep -o '^X-DAIS-[A-Z-]*' <<<"$cal" | sort -u | grep -v '^X-DAIS-NOTES$')
[ -z "$others" ] || { echo "FAIL: --internal keeps $others"; fail=1; }
# The public calendar says nothing of the kind.
expect_exit 0 "$DAIS" export "$example" -o "$tmp/public.ics"
expect_not_contains "X-WR-CALDESC" "public calendar" "$(cat "$tmp/public.ics")"

# Not a backup: the example has two errors; a programme made of its
# internal calendar, with the same registries, loads and finds none.
mkdir "$tmp/rebuilt"
cp "$example"/*.ini "$tmp/rebuilt/"
sed -i -e 's|^files = .*|files = "secretariat.ics"|' \
	-e 's|^new-sessions = .*|new-sessions = "secretariat.ics"|' \
	"$tmp/rebuilt/conference.ini"
cp "$tmp/secretariat.ics" "$tmp/rebuilt/"
expect_exit 1 "$DAIS" check "$example"
expect_contains "2 errors" "check of the example" "$out"
expect_exit 0 "$DAIS" check "$tmp/rebuilt"
expect_contains "34 sessions, no conflicts" "check of the rebuilt copy" "$out"
# dais(1) says so where --internal is described.
man=$(MANWIDTH=200 man -l "$SRCDIR/man/dais.1" 2>/dev/null | tr -s ' ')
expect_contains "not a backup" "dais(1)" "$man"
expect_contains "keep internal notes and contact details (secretariat use only; not a backup" "dais export --help" \
	"$("$DAIS" export --help 2>&1 | tr -s ' \n' ' ')"
finish
