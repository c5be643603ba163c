#!/usr/bin/env bash
# settings.sh: dais.ini sets the print command and the export directory;
# p prints the day's run-sheet through that command, E exports calendars
# that an independent parser reads; NO_COLOR runs in monochrome; a broken
# line in dais.ini is reported and the defaults used.
. "$(dirname "$0")/lib.sh"

mkdir -p "$XDG_CONFIG_HOME/dais"
cat >"$XDG_CONFIG_HOME/dais/dais.ini" <<INI
[print]
command = "cat > '$tmp/printed.txt'"
[export]
directory = "$tmp/out"
[planner]
zoom = "30"
[colours]
kind.plenary = "white blue bold"
warning = "chartreuse"
INI
copy_example prog
export NO_COLOR=1 SOURCE_DATE_EPOCH=1793000000
start "$tmp/prog"
# The bad colour is reported, with the file and line.
wait_for "dais.ini:9:"
wait_for "30m"
# NO_COLOR: attributes only.
[ "$(colours)" = no ] || { echo "FAIL: colours under NO_COLOR"; fail=1; }
T capture-pane -p -e | grep -q $'\e\\[[0-9;]*7m' || {
	echo "FAIL: no reverse video under NO_COLOR"; fail=1; }
keys 2
wait_for "[2 Thu 5 Nov]"
keys p
wait_for "Print run-sheet of Thu 5 Nov"
keys Enter
wait_for "Run-sheet of Thu 5 Nov: "
wait_for ", sent to '"
grep -q "Closing plenary" "$tmp/printed.txt" || {
	echo "FAIL: the run-sheet did not reach the print command"; fail=1; }
grep -q "Thu 5 Nov\|5 November\|2026-11-05" "$tmp/printed.txt" || {
	echo "FAIL: the printed run-sheet is not of day two"; fail=1; }
keys p
wait_for "Print run-sheet of Thu 5 Nov"
keys C-u
type_text "$tmp/sheet.txt"
keys Enter
wait_joined "written to $tmp/sheet.txt"
[ -s "$tmp/sheet.txt" ] || { echo "FAIL: no run-sheet file"; fail=1; }

keys E
wait_for "Export participants' calendars to directory:"
keys Enter
wait_for "Exported the public programme to $tmp/out/programme.ics"
/usr/bin/python3 - "$tmp/out" <<'PY' || fail=1
import glob, os, sys
import icalendar
d = sys.argv[1]
cal = icalendar.Calendar.from_ical(open(os.path.join(d, "programme.ics"), "rb").read())
n = len(cal.walk("VEVENT"))
if n < 25:  # 29 public sessions, some of them series
    sys.exit("FAIL: %d events in the exported programme" % n)
text = open(os.path.join(d, "programme.ics"), encoding="utf-8").read()
if "X-DAIS-NOTES" in text:
    sys.exit("FAIL: internal notes in a public export")
people = glob.glob(os.path.join(d, "participants", "*.ics"))
if not any(p.endswith("/tj-interior.ics") for p in people):
    sys.exit("FAIL: no calendar for tj-interior among %d" % len(people))
for p in people:
    icalendar.Calendar.from_ical(open(p, "rb").read())
PY
# The planner keeps the record of what it published, as dais export does.
grep -q ' d1-opening@' "$tmp/prog/.dais-published" ||
	{ echo "FAIL: the planner's export kept no .dais-published"; fail=1; }
keys q
wait_exit >/dev/null

# With colour the same screen has colours; in a locale that is not UTF-8
# the planner warns.
unset NO_COLOR
RUN_ENV="LC_ALL=C" start "$tmp/prog"
wait_for "not UTF-8"
[ "$(colours)" = yes ] || { echo "FAIL: no colours without NO_COLOR"; fail=1; }
keys q
wait_exit >/dev/null
finish
