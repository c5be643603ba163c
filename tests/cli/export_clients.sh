#!/usr/bin/env bash
# export_clients.sh: the example's whole-programme calendar imported into
# two real calendar programs, khal and calcurse, with the local zone set far
# from Kuwait (New York, and Auckland where evening sessions fall on the
# next day); the times they list must be the sessions' instants (taken from
# the programme's own files) in that zone. Skips (77) only when neither
# program is installed.
. "$(dirname "$0")/lib.sh"
example=$(programme_copy "$SRCDIR/data/kuwait-2026")
have_khal=0; have_calcurse=0
command -v khal >/dev/null && have_khal=1
command -v calcurse >/dev/null && have_calcurse=1
if [ $have_khal = 0 ] && [ $have_calcurse = 0 ]; then
	echo "skip: neither khal nor calcurse is installed"; exit 77
fi
[ $have_khal = 1 ] || echo "note: khal is not installed; checking calcurse only"
[ $have_calcurse = 1 ] || echo "note: calcurse is not installed; checking khal only"

expect_exit 0 "$DAIS" export "$example" -o "$tmp/all.ics"

# Export UID, start and end (seconds since the epoch) and title of a few
# sessions, read from the source files, not from the export: the opening,
# the reception (19:30 in Kuwait), the cancelled side session, and the
# moved occurrence of the afternoon coffee break.
/usr/bin/python3 - "$SRCDIR/tests/export" "$example" >"$tmp/sessions" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from check_export import Programme
prog = Programme(sys.argv[2])
want = ["d1-opening@", "d1-reception@", "d2-side-maritime@",
        "coffee-afternoon@kuwait-2026.dushanbe-process-20261105"]
for s in prog.sessions:
    if any(s["export_uid"].startswith(w) for w in want):
        print("|".join([s["export_uid"], str(int(s["start"].timestamp())),
                        str(int(s["end"].timestamp())), s["status"],
                        s["summary"]]))
PY
[ "$(wc -l <"$tmp/sessions")" = 4 ] ||
	{ echo "FAIL: the example lacks the sessions this test looks at"; cat "$tmp/sessions"; exit 1; }

for zone in America/New_York Pacific/Auckland; do
	export TZ=$zone
	z=${zone//\//-}
	# The listed form of each session in this zone, computed from UTC.
	while IFS='|' read -r uid start end status title; do
		s=$(date -d "@$start" '+%Y-%m-%d %H:%M')
		e=$(date -d "@$end" '+%Y-%m-%d %H:%M')
		echo "$s|$e|$title|$uid|$status"
	done <"$tmp/sessions" >"$tmp/want-$z"

	if [ $have_khal = 1 ]; then
		home="$tmp/khal-$z"
		mkdir -p "$home/config/khal" "$home/data/calendar"
		cat >"$home/config/khal/config" <<CONF
[calendars]
[[conference]]
path = $home/data/calendar
type = calendar
[locale]
local_timezone = $zone
default_timezone = $zone
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
CONF
		khal_run() {
			XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
				khal "$@"
		}
		# Twice: a second import must replace, not duplicate.
		for round in 1 2; do
			if ! khal_run import --batch -a conference "$tmp/all.ics" \
				>"$tmp/khal.out" 2>&1; then
				echo "FAIL: khal import ($zone, round $round)"
				cat "$tmp/khal.out"; fail=1
			fi
		done
		khal_run list --format '{start}|{end}|{title}|{uid}|{status}' \
			2026-11-02 6d 2>&1 | sed 's/ *$//' >"$tmp/khal-list"
		while IFS= read -r line; do
			grep -qxF "$line" "$tmp/khal-list" ||
				{ echo "FAIL: khal ($zone) does not list: $line"; fail=1; }
		done <"$tmp/want-$z"
		# A session across midnight is listed under both days.
		n=$(grep '|' "$tmp/khal-list" | sort -u | wc -l)
		[ "$n" = 29 ] || { echo "FAIL: khal ($zone) lists $n events, want 29"
			cat "$tmp/khal-list"; fail=1; }
		n=$(grep '|CANCELLED$' "$tmp/khal-list" | sort -u | wc -l)
		[ "$n" = 1 ] || { echo "FAIL: khal ($zone) shows $n cancelled, want 1"; fail=1; }
	fi

	if [ $have_calcurse = 1 ]; then
		dir="$tmp/calcurse-$z"
		mkdir -p "$dir"
		if ! calcurse -q -D "$dir" -i "$tmp/all.ics" >"$tmp/cc.out" 2>&1; then
			echo "FAIL: calcurse import ($zone)"; cat "$tmp/cc.out"; fail=1
		fi
		calcurse -D "$dir" -Q --input-datefmt 4 --from 2026-11-02 --days 6 \
			--format-apt '%(start:%Y-%m-%d %H:%M)|%(end:%Y-%m-%d %H:%M)|%m\n' \
			>"$tmp/cc-list" 2>&1
		# calcurse has no UID or status: match start, end and title.
		while IFS='|' read -r s e title uid status; do
			grep -qxF "$s|$e|$title" "$tmp/cc-list" ||
				{ echo "FAIL: calcurse ($zone) does not list: $s|$e|$title"; fail=1; }
		done <"$tmp/want-$z"
		n=$(grep '|' "$tmp/cc-list" | sort -u | wc -l)
		[ "$n" = 29 ] || { echo "FAIL: calcurse ($zone) lists $n events, want 29"
			cat "$tmp/cc-list"; fail=1; }
	fi
done
finish
