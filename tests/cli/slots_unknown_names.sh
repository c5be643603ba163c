#!/usr/bin/env bash
# slots_unknown_names.sh: an id or UID that names nothing gets the near
# one, and otherwise a place that really lists them (trial report M3:
# the hints sent the user to dais check, whose text shows neither).
. "$(dirname "$0")/lib.sh"

EX="$SRCDIR/data/kuwait-2026"

# An id in the wrong case is a slip: the id, whatever command names it.
expect_exit 2 "$DAIS" slots "$EX" --with KW-INTERIOR,tj-interior --duration 45m
expect_contains "'KW-INTERIOR' is not a participant of participants.ini: did you mean \"kw-interior\"?" stderr "$err"
expect_not_contains "dais check" stderr "$err"
ex=$(programme_copy "$EX")
sed -i '15s/"kw-interior, tj-interior"/"KW-INTERIOR, tj-interior"/' "$ex/requests.ini"
expect_exit 1 "$DAIS" check "$ex"
expect_contains 'requests.ini:15: error: parties in [kw-tj-interior]: "KW-INTERIOR" is not a participant of participants.ini: did you mean "kw-interior"?' stderr "$err"
expect_exit 2 "$DAIS" export "$EX" --for KW-INTERIOR -o "$tmp/kw.ics"
expect_contains "did you mean 'kw-interior'?" stderr "$err"
# No near id: where the ids are.
expect_exit 2 "$DAIS" slots "$EX" --with kw-interior,zz-nobody-at-all --duration 45m
expect_contains "'zz-nobody-at-all' is not a participant of participants.ini: use its id, the [ID] of its section there." stderr "$err"
# A short id far from any: no guess (trial report L5: "did you mean
# \"kw\"?" for xx), but a slip in a long one still gets one.
expect_exit 2 "$DAIS" slots "$EX" --with kw-interior,xx --duration 45m
expect_contains "'xx' is not a participant of participants.ini: use its id" stderr "$err"
expect_not_contains "did you mean" stderr "$err"
expect_exit 2 "$DAIS" slots "$EX" --with kw-interior,tj-intrior --duration 45m
expect_contains "did you mean \"tj-interior\"?" stderr "$err"

# A UID without its @domain, the start of one, a title or part of one.
long="d1-side-major-events@kuwait-2026.dushanbe-process"
title="Security of major sporting events: lessons from Qatar 2022"
for given in d1-side-major-events D1-SIDE-MAJOR "$title" "lessons from qatar"; do
	expect_exit 2 "$DAIS" slots "$EX" --session "$given"
	expect_contains "no session with UID '$given': did you mean '$long' ('$title')?" stderr "$err"
done
# Several near: two of them, and no guess.
expect_exit 2 "$DAIS" slots "$EX" --session d1-side
expect_contains "no session with UID 'd1-side': several come near, such as 'd1-side-" stderr "$err"
expect_contains "give the whole UID." stderr "$err"
# None near: the .ics files, not dais check (which prints no UID).
expect_exit 2 "$DAIS" slots "$EX" --session zz-no-such-thing
expect_contains "no session with UID 'zz-no-such-thing': each session's UID is on the UID: line of its event in the programme's .ics files." stderr "$err"
expect_not_contains "dais check" stderr "$err"

finish
