# import_again.sh: importing a source again, as the messages advise after a
# room or person is added (review finding 8), replaces the file its earlier
# import made: events come in as the source has them now (linked to the new
# room); one changed in dais since is kept (import_again_edits.sh has the
# rest of that rule); an event whose UID another file holds is left out,
# said, and the import goes ahead.
. "$(dirname "$0")/lib.sh"
oc="$FIXTURES/other-clients"
D=$(programme_copy "$SRCDIR/data/kuwait-2026")
expect_exit 0 "$DAIS" import "$oc/outlook.ics" "$D"
expect_contains "LOCATION 'Side Room' is not linked: it could be room 'side-a' (Side Event Room A), 'side-b' (Side Event Room B)" stdout "$out"
printf '\n[room.side-room]\nname = "Side Room"\nbuilding = "jacc"\ncapacity = 30\n' >>"$D/venues.ini"
expect_exit 1 "$DAIS" check "$D"
expect_contains "did you mean room 'side-room'" stderr "$err"
expect_exit 0 "$DAIS" import "$oc/outlook.ics" "$D"
expect_contains "outlook.ics: 2 events written to programme/import-outlook.ics (replacing an earlier import's)" stdout "$out"
grep -q '^X-DAIS-ROOM:side-room' "$D/programme/import-outlook.ics" || { echo "FAIL: the new room is not linked"; fail=1; }
[ ! -e "$D/programme/import-outlook-2.ics" ] || { echo "FAIL: a second file was made"; fail=1; }
[ "$(grep -o 'import-outlook' "$D/conference.ini" | wc -l)" = 1 ] || { echo "FAIL: files lists the import twice"; fail=1; }
expect_exit 1 "$DAIS" check "$D"
expect_not_contains "did you mean room" stderr "$err"

# A session changed in dais since (retitled, SEQUENCE raised, as the
# planner does): kept as the programme has it. The rule is the record the
# import keeps, not SEQUENCE (review finding 1).
sed -i 's/^SUMMARY;LANGUAGE=en-us:Opening plenary/SUMMARY;LANGUAGE=en-us:Opening plenary (moved)/; s/^SEQUENCE:0/SEQUENCE:3/' "$D/programme/import-outlook.ics"
expect_exit 0 "$DAIS" import "$oc/outlook.ics" "$D"
expect_contains "'Opening plenary': changed in dais since the last import, not in the source: kept as the programme has it" stdout "$out"
grep -q 'Opening plenary (moved)' "$D/programme/import-outlook.ics" || { echo "FAIL: the change made in dais was lost"; fail=1; }
expect_exit 1 "$DAIS" check "$D"

# The same events under another file's name: left out, said; not refused.
cp "$oc/outlook.ics" "$tmp/outlook-copy.ics"
expect_exit 0 "$DAIS" import "$tmp/outlook-copy.ics" "$D"
expect_contains "is already in the programme (programme/import-outlook.ics, 'Border data side session'): left out" stdout "$out"
expect_contains "2 left out as already in the programme" stdout "$out"
finish
