#!/usr/bin/env bash
# import_participants.sh: `dais import-participants` end to end. The
# example's 126 participants as a spreadsheet exports them (BOM, ';',
# CRLF, quoted cells with commas, Arabic and Cyrillic) import into a new
# programme to the same registry, and again change nothing; a change is
# one line of participants.ini; rows are matched by id or name, refused
# with the loader's own words; broken CSVs are named with their line.
. "$(dirname "$0")/lib.sh"

ini_values() { # INI: every section and value, sorted, as python reads them
	python3 -c '
import sys; sys.path.insert(0, sys.argv[1])
from ini_to_csv import read_ini
for s in sorted(read_ini(sys.argv[2]), key=lambda s: s["id"]):
    print(sorted(s.items()))' "$SRCDIR/tests/cli" "$1"
}

python3 "$SRCDIR/tests/cli/ini_to_csv.py" "$SRCDIR/data/kuwait-2026/participants.ini" \
	"$tmp/example.csv"
head -c 3 "$tmp/example.csv" | od -An -tx1 | grep -q "ef bb bf" ||
	{ echo "FAIL: the CSV has no BOM"; fail=1; }
grep -q '"Minister of Interior, Local Authorities' "$tmp/example.csv" ||
	{ echo "FAIL: no quoted name with a comma"; fail=1; }

# Into a new programme: the same registry.
"$DAIS" init "$tmp/new" --name New --timezone Asia/Kuwait --days 2026-11-04,2026-11-05 >/dev/null
expect_exit 0 "$DAIS" import-participants "$tmp/new" "$tmp/example.csv"
expect_contains "line 2: [kw-interior] added" stdout "$out"
expect_contains "126 rows: 126 added, 0 changed, 0 unchanged, 0 refused; $tmp/new/participants.ini written" stdout "$out"
[ "$(ini_values "$tmp/new/participants.ini")" = "$(ini_values "$SRCDIR/data/kuwait-2026/participants.ini")" ] ||
	{ echo "FAIL: the imported registry differs from the example's"; fail=1; }
grep -q 'name-local = "وزير الداخلية — الكويت"' "$tmp/new/participants.ini" ||
	{ echo "FAIL: the Arabic name"; fail=1; }
expect_exit 0 "$DAIS" check "$tmp/new"
expect_not_contains "participants.ini" stderr "$err"
# The loader reads what was written: the example's sessions check the same
# against the imported registry as against the example's own.
mkdir "$tmp/mixed"
cp -r "$SRCDIR/data/kuwait-2026/." "$tmp/mixed/"
cp "$tmp/new/participants.ini" "$tmp/mixed/participants.ini"
"$DAIS" check "$SRCDIR/data/kuwait-2026" >"$tmp/check.want" 2>&1
"$DAIS" check "$tmp/mixed" >"$tmp/check.got" 2>&1
sed -i "s|$tmp/mixed|DIR|g; s|$SRCDIR/data/kuwait-2026|DIR|g" "$tmp/check.want" "$tmp/check.got"
diff "$tmp/check.want" "$tmp/check.got" >/dev/null ||
	{ echo "FAIL: check differs with the imported registry"; diff "$tmp/check.want" "$tmp/check.got" | head; fail=1; }
# Again: nothing changes, not a byte.
sum=$(md5sum <"$tmp/new/participants.ini")
expect_exit 0 "$DAIS" import-participants "$tmp/new" "$tmp/example.csv"
expect_contains "126 rows: 0 added, 0 changed, 126 unchanged, 0 refused; $tmp/new/participants.ini left as it was" stdout "$out"
[ "$sum" = "$(md5sum <"$tmp/new/participants.ini")" ] || { echo "FAIL: the second import wrote"; fail=1; }

# Into the example itself: all unchanged.
cp -r "$SRCDIR/data/kuwait-2026" "$tmp/ex"
expect_exit 0 "$DAIS" import-participants "$tmp/ex" "$tmp/example.csv"
expect_contains "0 added, 0 changed, 126 unchanged" stdout "$out"
diff -q "$SRCDIR/data/kuwait-2026/participants.ini" "$tmp/ex/participants.ini" >/dev/null ||
	{ echo "FAIL: the example changed"; fail=1; }

# A changed arrival is one line; --dry-run first changes nothing.
printf 'id,arrival\nqa-interior,2026-11-04 14:00\ntj-interior,2026-11-03 22:00\n' >"$tmp/arrive.csv"
expect_exit 0 "$DAIS" import-participants --dry-run "$tmp/ex" "$tmp/arrive.csv"
expect_contains "line 2: [qa-interior] changed: arrival (new) \"2026-11-04 14:00\"" stdout "$out"
expect_contains "line 3: [tj-interior] changed: arrival \"2026-11-03 20:00\" -> \"2026-11-03 22:00\"" stdout "$out"
expect_contains "dry run: nothing written" stdout "$out"
diff -q "$SRCDIR/data/kuwait-2026/participants.ini" "$tmp/ex/participants.ini" >/dev/null ||
	{ echo "FAIL: --dry-run wrote"; fail=1; }
expect_exit 0 "$DAIS" import-participants "$tmp/ex" "$tmp/arrive.csv"
d=$(diff "$SRCDIR/data/kuwait-2026/participants.ini" "$tmp/ex/participants.ini")
[ "$(printf '%s\n' "$d" | grep -c '^[<>]')" = 3 ] || { echo "FAIL: diff is not 3 lines:"; echo "$d"; fail=1; }
expect_contains '> arrival = "2026-11-04 14:00"' diff "$d"
expect_contains '< arrival = "2026-11-03 20:00"' diff "$d"
expect_contains '> arrival = "2026-11-03 22:00"' diff "$d"
# ... and the minister's sessions before 14:00 are now outside availability.
expect_exit 1 "$DAIS" check "$tmp/ex"
expect_contains "outside availability" stdout "$out"
expect_contains "Minister of Interior — Qatar" stdout "$out"

# Matching by name, ids made from names, collisions, the loader's words.
cat >"$tmp/rows.csv" <<'CSV'
Name,Kind,Delegation,Title,Nationality,E-mail
Minister of Interior — Kuwait,,,Minister of Interior and First Deputy PM,Kuwaiti,
New Observer (Chile),official,chile,Observer,Chilean,observer@example.cl
Chile,delegation,,,,
Bad Kind Person,ministre,,,,
"Two
Lines",official,,"Title
over two lines",,
Kw,delegation,,,,
وزير الخارجية,minister,,,,
Orphan Official,official,nowhere,,,
Chile,delegation,,,,
No Mail,official,chile,,,no-at-sign
CSV
cp -r "$SRCDIR/data/kuwait-2026" "$tmp/rows"
expect_exit 1 "$DAIS" import-participants "$tmp/rows" "$tmp/rows.csv"
expect_contains 'column "Nationality" is left out: no key of participants.ini has that name (--map '"'"'Nationality=KEY'"'"' imports it)' stdout "$out"
expect_contains 'line 2: [kw-interior] changed: title "Minister of Interior" -> "Minister of Interior and First Deputy PM"' stdout "$out"
expect_contains 'line 3: [new-observer-chile] added' stdout "$out"
expect_contains 'line 4: [chile] added' stdout "$out"
expect_contains 'line 5: [bad-kind-person] refused: kind = "ministre" in [bad-kind-person] is not a kind of participant: did you mean "minister"?' stdout "$out"
expect_contains 'line 6: [two-lines] refused: name: a value cannot hold a line break in an INI file: write it on one line' stdout "$out"
expect_contains 'line 9: refused: the id made from the name, "kw", is already [kw] "Kuwait": add an id column to tell them apart' stdout "$out"
expect_contains 'line 10: [minister-1] added' stdout "$out"
expect_contains 'line 10: warning: no id can be spelt from the name "وزير الخارجية" (dais spells Latin, Cyrillic and Greek letters in ids), so [minister-1] was made up' stdout "$out"
expect_contains 'line 11: [orphan-official] refused: delegation = "nowhere" in [orphan-official]: there is no [nowhere]' stdout "$out"
expect_contains 'line 12: [chile] refused: line 4 already imports [chile]: one row per participant' stdout "$out"
expect_contains 'line 13: [no-mail] added' stdout "$out"
expect_contains "line 13: warning: email = \"no-at-sign\" in [no-mail] has no '@'" stdout "$out"
expect_contains "10 rows: 4 added, 1 changed, 0 unchanged, 5 refused" stdout "$out"
# The observer names a delegation a later row adds: both are in.
expect_exit 1 "$DAIS" check "$tmp/rows" # the example's own two errors
expect_not_contains "error" stderr "$err"
expect_contains "[no-mail] has no '@'" stderr "$err"
grep -q '^\[new-observer-chile\]' "$tmp/rows/participants.ini" ||
	{ echo "FAIL: new section missing"; fail=1; }

# --map, separators, a Latin-1 file, the BOM-less UTF-8 file with tabs.
printf 'Code\tNom\tType\n' >"$tmp/fr.tsv"
printf 'fr-observer\tObservateur — France\tofficial\n' >>"$tmp/fr.tsv"
cp -r "$SRCDIR/data/kuwait-2026" "$tmp/fr"
expect_exit 0 "$DAIS" import-participants --map Code=id --map NOM=name --map Type=kind "$tmp/fr" "$tmp/fr.tsv"
expect_contains "line 2: [fr-observer] added" stdout "$out"
grep -q 'name = "Observateur — France"' "$tmp/fr/participants.ini" ||
	{ echo "FAIL: --map with tabs"; fail=1; }
expect_exit 2 "$DAIS" import-participants --map Code=nationality "$tmp/fr" "$tmp/fr.tsv"
expect_contains "--map Code=nationality: nationality is not a key of participants.ini: write one of id, name, name-local," stderr "$err"
expect_exit 2 "$DAIS" import-participants --map Pays=name "$tmp/fr" "$tmp/fr.tsv"
expect_contains "--map Pays=name: $tmp/fr.tsv has no column \"Pays\" in its header (line 1)" stderr "$err"
expect_exit 2 "$DAIS" import-participants --map Code "$tmp/fr" "$tmp/fr.tsv"
expect_contains "--map Code: write COLUMN=KEY" stderr "$err"
expect_exit 2 "$DAIS" import-participants "$tmp/fr" "$tmp/fr.tsv"
expect_contains "no column gives the id or the name of a participant" stderr "$err"

# Broken CSVs: each named with its line; nothing written.
cp -r "$SRCDIR/data/kuwait-2026" "$tmp/b"
broken() { # MESSAGE, with the CSV on standard input
	cat >"$tmp/broken.csv"
	expect_exit 2 "$DAIS" import-participants "$tmp/b" "$tmp/broken.csv"
	expect_contains "$1" stderr "$err"
}
printf 'id;name\nx;"Never closed\ny;z\n' | broken "$tmp/broken.csv:2: a quoted cell is never closed"
printf 'id;name\r\nx;"Ok; fine"\r\ny;"a"b"\r\n' | broken "$tmp/broken.csv:3: a quoted cell is malformed"
printf 'id,name\nx,"multi\nline"\ny,z,extra\n' | broken "$tmp/broken.csv:4: 3 cells, but the header has 2"
printf 'id,name\nx,Caf\xe9\n' | broken "$tmp/broken.csv:2: this line is not UTF-8 text: save the list as CSV in UTF-8"
printf '' | broken "$tmp/broken.csv is empty"
printf 'id,name,Full name\nx,y,z\n' | broken 'the columns "name" and "Full name" both give name'
expect_exit 2 "$DAIS" import-participants "$tmp/b" "$tmp/none.csv"
expect_contains "$tmp/none.csv: cannot read the file: No such file or directory" stderr "$err"
expect_exit 2 "$DAIS" import-participants "$tmp/nodir" "$tmp/example.csv"
expect_contains "$tmp/nodir holds no programme (no conference.ini)" stderr "$err"
diff -q "$SRCDIR/data/kuwait-2026/participants.ini" "$tmp/b/participants.ini" >/dev/null ||
	{ echo "FAIL: a broken CSV wrote"; fail=1; }
expect_exit 2 "$DAIS" import-participants "$tmp/b"
expect_contains "write the programme directory and the CSV file" stderr "$err"

# A planner holding the programme: refused, unless --dry-run.
python3 - "$tmp/b" <<'PY' &
import fcntl, os, sys, time
fd = os.open(sys.argv[1] + "/.dais-lock", os.O_RDWR | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_EX)
os.write(fd, ("user=amal host=%s pid=%d since=2026-11-04T06:12:09Z\n"
              % (os.uname().nodename, os.getpid())).encode())
open(sys.argv[1] + "/.locked", "w").close()
time.sleep(30)
PY
holder=$!
for i in $(seq 100); do [ -e "$tmp/b/.locked" ] && break; sleep 0.05; done
expect_exit 1 "$DAIS" import-participants "$tmp/b" "$tmp/arrive.csv"
expect_contains "is open in a planner (amal" stderr "$err"
expect_exit 0 "$DAIS" import-participants --dry-run "$tmp/b" "$tmp/arrive.csv"
kill "$holder"; wait "$holder" 2>/dev/null
diff -q "$SRCDIR/data/kuwait-2026/participants.ini" "$tmp/b/participants.ini" >/dev/null ||
	{ echo "FAIL: written under another's lock"; fail=1; }
expect_exit 0 "$DAIS" import-participants "$tmp/b" "$tmp/arrive.csv"
[ -e "$tmp/b/.dais-lock" ] && { echo "FAIL: the lock was left"; fail=1; }
finish
