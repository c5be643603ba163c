#!/usr/bin/env bash
# locale_numbers.sh: an organiser in Dushanbe works in ru_RU.UTF-8, whose
# decimal mark is a comma. dais's numbers must not follow it: JSON stays
# JSON, --time-limit 30.5 is read, the text says "LP bound 96.0", and the
# conflict report is the same as in C.UTF-8. The locale is built in $tmp
# with localedef (Debian's locales package); skips (77) only without it.
. "$(dirname "$0")/lib.sh"

if ! command -v localedef >/dev/null || [ ! -e /usr/share/i18n/locales/ru_RU ]; then
	echo "skip: no ru_RU locale source (apt-get install locales)"; exit 77
fi
mkdir -p "$tmp/locales"
localedef -i ru_RU -f UTF-8 "$tmp/locales/ru_RU.UTF-8" >/dev/null 2>&1
[ -d "$tmp/locales/ru_RU.UTF-8" ] || { echo "FAIL: localedef made no ru_RU.UTF-8"; exit 1; }
# The locale itself writes a comma: the test would prove nothing otherwise.
[ "$(LOCPATH="$tmp/locales" LC_ALL=ru_RU.UTF-8 /usr/bin/printf '%.1f' 1.5)" = "1,5" ] ||
	{ echo "FAIL: ru_RU.UTF-8 does not write 1,5"; exit 1; }
ru() { LOCPATH="$tmp/locales" LC_ALL=ru_RU.UTF-8 "$@"; }

D=$(programme_copy "$SRCDIR/data/kuwait-2026")
rm -f "$D/.dais-lock" "$D/.dais-journal"

expect_exit 1 ru "$DAIS" schedule "$D" --dry-run --time-limit 30.5 --format json
echo "$out" | python3 -c 'import json, sys; d = json.load(sys.stdin); assert d["lp_bound"] == 96, d["lp_bound"]' ||
	{ echo "FAIL: schedule --format json under ru_RU.UTF-8 is not JSON with lp_bound 96"; echo "$out" | head -12; fail=1; }
expect_not_contains "96,0" "schedule JSON" "$out"

expect_exit 1 ru "$DAIS" schedule "$D" --dry-run --time-limit 30.5
expect_contains "LP bound 96.0: the plan is proved optimal." stdout "$out"

# Names in Cyrillic and Arabic still measure and print as in C.UTF-8.
for fmt in text json; do
	LC_ALL=C.UTF-8 "$DAIS" check "$D" --format $fmt >"$tmp/c.$fmt" 2>&1
	ru "$DAIS" check "$D" --format $fmt >"$tmp/ru.$fmt" 2>&1
	cmp -s "$tmp/c.$fmt" "$tmp/ru.$fmt" ||
		{ echo "FAIL: dais check --format $fmt differs under ru_RU.UTF-8"; diff "$tmp/c.$fmt" "$tmp/ru.$fmt" | head; fail=1; }
done
exit $fail
