#!/usr/bin/env bash
# slots_options.sh: dais slots refuses options that cannot go together or
# that it does not know, in one line with exit 2 (trial report L4, L6).
. "$(dirname "$0")/lib.sh"

EX="$SRCDIR/data/kuwait-2026"

# --rooms and --kind both choose the rooms: not one ignored in silence.
expect_exit 2 "$DAIS" slots "$EX" --with kw-interior,tj-interior \
	--duration 45m --rooms bilateral --kind BILATERAL
expect_contains "dais slots: --rooms and --kind both choose the rooms: give --rooms to name them, or --kind to take those that serve the kind" stderr "$err"
[ -z "$out" ] || { echo "FAIL: candidates printed"; fail=1; }
expect_exit 0 "$DAIS" slots "$EX" --with kw-interior,tj-interior \
	--duration 45m --rooms bilateral
expect_exit 0 "$DAIS" slots "$EX" --with kw-interior,tj-interior \
	--duration 45m --kind BILATERAL

finish
