# runsheet_for.sh: a participant's own programme (dais runsheet --for, issue
# 14 item 16): the Minister of Interior of Kuwait's text programme says
# what a protocol officer hands them and nothing internal; the PDF is A4,
# holds the name in Arabic too and renders; --per-participant writes one
# file per participant with a session; an unknown id exits 2 naming it.
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1793512800
export LSAN_OPTIONS="suppressions=$SRCDIR/tests/runsheet/lsan.supp:print_suppressions=0"
kuwait="$SRCDIR/data/kuwait-2026"

expect_exit 0 "$DAIS" runsheet "$kuwait" --for kw-interior
text=$out
expect_contains "High-Level International Conference on Counter-Terrorism and Border …  PROGRAMME" \
	text "$text"
expect_contains "Day 1 of 2 · Wednesday 4 November 2026             Minister of Interior — Kuwait" \
	text "$text"
expect_contains "Day 2 of 2 · Thursday 5 November 2026" text "$text"
expect_contains "Programme of Minister of Interior — Kuwait" text "$text"
expect_contains "وزير الداخلية — الكويت" text "$text"
expect_contains "Minister of Interior · delegation of Kuwait" text "$text"
expect_contains "Arrival and departure not given" text "$text"
# Sessions in time order with the role, room and building.
expect_contains "09:30-10:45  Opening plenary: statements of the co-hosts
             1h15 · PLENARY · CONFIRMED
  Role            Chair
  With            37 other participants
  Room            Main Plenary Hall (Sheikh Jaber Al-Ahmad Cultural Centre, Main
                  Building)" text "$text"
expect_contains "14:45-15:30  Bilateral meeting: Kuwait and Tajikistan" text "$text"
expect_contains "  Role            Speaker (1st of 2)" text "$text"
# The closing plenary has two chairs: the other one is the co-chair.
expect_contains "  Role            Chair
  Co-chair        Minister of Internal Affairs — Tajikistan" text "$text"
first=$(printf '%s\n' "$text" | grep -n "Opening plenary" | head -1 | cut -d: -f1)
later=$(printf '%s\n' "$text" | grep -n "Ministerial reception" | head -1 | cut -d: -f1)
[ -n "$first" ] && [ -n "$later" ] && [ "$first" -lt "$later" ] ||
	{ echo "FAIL: sessions not in time order ($first, $later)"; fail=1; }
# Whom they meet (review 3, finding 20): the counterpart of a bilateral,
# by the run-sheet's names; a large open session counts the others.
expect_contains "  Role            Speaker (1st of 2)
  With            Minister of Internal Affairs — Tajikistan (Вазири корҳои
                  дохилӣ — Тоҷикистон)" text "$text"
expect_contains "  With            Minister of Internal Affairs — Kazakhstan" text "$text"
# A closed meeting names everyone in it, however many.
expect_exit 0 "$DAIS" runsheet "$kuwait" --for kw-mfa-deputy
expect_contains "  Role            Chair
  With            Deputy Minister of Foreign Affairs — Tajikistan (Муовини
                  вазири корҳои хориҷӣ — Тоҷикистон)
                  United Nations Office of Counter-Terrorism (UNOCT)" deputy "$out"
cp -r "$kuwait" "$tmp/closed"
/usr/bin/python3 - "$tmp/closed/programme/plenary.ics" <<'PY'
import sys
p = sys.argv[1]
t = open(p, newline="").read()
i = t.index("SUMMARY:Opening plenary")
j = t.index("\r\n", i)
open(p, "w", newline="").write(t[:j] + "\r\nCLASS:CONFIDENTIAL" + t[j:])
PY
expect_exit 0 "$DAIS" runsheet "$tmp/closed" --for kw-interior --day 2026-11-04
with=$(printf '%s\n' "$out" | sed -n '/Opening plenary/,/Room/p' | grep -c '^                  [^ ]\|^  With')
[ "$with" -ge 37 ] || { echo "FAIL: the closed plenary names $with of its 37 others"; fail=1; }
expect_not_contains "other participants
  Room            Main Plenary Hall (Sheikh Jaber Al-Ahmad Cultural Centre, Main
                  Building)
  Interpretation  ar, en, ru, fr, zh
  Notes           Opening" closed "$out"

# The walk to another building, and the rest of the delegation meanwhile.
expect_contains "  Walk            6 min to Garden Terrace (Sheikh Jaber Al-Ahmad Cultural" \
	text "$text"
expect_contains "  Delegation      Director-General of Border Security — Kuwait: 'Panel 1: Border" \
	text "$text"
# The public description, never the internal notes, contact details or
# conflicts; no session of others.
expect_contains "Meeting of the co-hosts' ministers." text "$text"
expect_not_contains "VIP entrance via gate 3" text "$text"
expect_not_contains "Protocol to brief co-hosts" text "$text"
expect_not_contains "minister.office@interior.example.kw" text "$text"
expect_not_contains "+965" text "$text"
expect_not_contains "CONFLICT" text "$text"
expect_not_contains "Coffee break" text "$text"
expect_not_contains "INTERNAL" text "$text"
# 80 columns, pages of 66 lines with header and footer.
/usr/bin/python3 "$SRCDIR/tests/runsheet/check_text.py" "$tmp/out" 66 >/dev/null ||
	{ echo "FAIL: layout:"; /usr/bin/python3 "$SRCDIR/tests/runsheet/check_text.py" "$tmp/out" 66; fail=1; }

# A delegation's programme names who of it is in each session.
expect_exit 0 "$DAIS" runsheet "$kuwait" --for kw --day 2026-11-04
expect_contains "  Delegation      Minister of Interior — Kuwait (chair)" delegation "$out"
expect_not_contains "Day 2 of 2" delegation "$out"

# An unknown id: exit 2, naming it and the nearest.
expect_exit 2 "$DAIS" runsheet "$kuwait" --for kw-interiro
expect_contains "'kw-interiro'" stderr "$err"
expect_contains "did you mean 'kw-interior'" stderr "$err"
expect_exit 2 "$DAIS" runsheet "$kuwait" --for kw-interior --room plenary
expect_contains "not both" stderr "$err"

# PDF: A4, the name in Arabic too (pdftotext), page 1 renders.
if "$DAIS" runsheet --help | grep -q pdf &&
	"$DAIS" runsheet "$kuwait" --for kw-interior --format pdf \
		-o "$tmp/kw.pdf" 2>"$tmp/pdf.err"; then
	expect_contains "PDF programme of kw-interior for every day" \
		stderr "$(cat "$tmp/pdf.err")"
	pdfinfo "$tmp/kw.pdf" >"$tmp/info"
	expect_contains "pts (A4)" pdfinfo "$(cat "$tmp/info")"
	expect_contains "programme of Minister of Interior" pdfinfo "$(cat "$tmp/info")"
	pdftotext -layout "$tmp/kw.pdf" "$tmp/kw.txt"
	ptext=$(cat "$tmp/kw.txt")
	expect_contains "PROGRAMME" pdftotext "$ptext"
	expect_contains "Minister of Interior — Kuwait" pdftotext "$ptext"
	# pdftotext spaces Arabic letters apart: look for a word's tail.
	expect_contains "لكويت" pdftotext "$ptext"
	expect_contains "Bilateral meeting: Kuwait and Tajikistan" pdftotext "$ptext"
	printf '%s\n' "$ptext" | grep -qE "With +Minister of Internal Affairs — Tajikistan" ||
		{ echo "FAIL: the PDF does not say whom the bilateral is with"; fail=1; }
	expect_not_contains "VIP entrance" pdftotext "$ptext"
	pdftoppm -png -r 60 -f 1 -l 1 "$tmp/kw.pdf" "$tmp/kw" ||
		{ echo "FAIL: page 1 does not render"; fail=1; }
	[ -s "$tmp/kw-1.png" ] || [ -s "$tmp/kw-01.png" ] ||
		{ echo "FAIL: no image of page 1"; fail=1; }
elif ! grep -q "without PDF support" "$tmp/pdf.err"; then
	echo "FAIL: PDF programme:"; cat "$tmp/pdf.err"; fail=1
fi

# One file per participant with a session: every registry entry but the
# one that is in no session (gulf-research-center).
expect_exit 0 "$DAIS" runsheet "$kuwait" --per-participant "$tmp/each"
ids=$(grep -c '^\[' "$kuwait/participants.ini")
files=$(ls "$tmp/each" | wc -l)
[ "$files" = $((ids - 1)) ] ||
	{ echo "FAIL: $files programmes for $ids participants"; fail=1; }
expect_contains "Wrote $files programmes to $tmp/each" stderr "$err"
[ -f "$tmp/each/kw-interior.txt" ] || { echo "FAIL: no kw-interior.txt"; fail=1; }
[ ! -e "$tmp/each/gulf-research-center.txt" ] ||
	{ echo "FAIL: a programme for someone in no session"; fail=1; }
cmp -s "$tmp/each/kw-interior.txt" - <<EOT || { echo "FAIL: kw-interior.txt differs from --for"; fail=1; }
$text
EOT
# Arrival and departure as the registry gives them.
expect_exit 0 "$DAIS" runsheet "$FIXTURES/mini" --for tj-interior
expect_contains "Arrives Wed 4 Nov 2026 10:00 · departure not given" mini "$out"
expect_contains "No sessions on this day." mini "$out"
# One PDF each: the delegation counts through its member.
if [ -s "$tmp/kw.pdf" ]; then
	expect_exit 0 "$DAIS" runsheet "$FIXTURES/mini" --format pdf \
		--per-participant "$tmp/pdfs"
	[ "$(ls "$tmp/pdfs" | tr '\n' ' ')" = "kw-interior.pdf kw.pdf tj-interior.pdf unoct.pdf " ] ||
		{ echo "FAIL: PDFs: $(ls "$tmp/pdfs")"; fail=1; }
	pdfinfo "$tmp/pdfs/kw.pdf" | grep -q "programme of Kuwait" ||
		{ echo "FAIL: kw.pdf is not Kuwait's programme"; fail=1; }
fi
# A directory that cannot be made: nothing written, exit 1, said why.
expect_exit 1 "$DAIS" runsheet "$kuwait" --per-participant /dev/null/each
expect_contains "cannot make the directory /dev/null/each" stderr "$err"
expect_exit 2 "$DAIS" runsheet "$kuwait" --per-participant "$tmp/x" --for kw
expect_contains "not both" stderr "$err"
finish
