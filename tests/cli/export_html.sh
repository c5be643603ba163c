#!/usr/bin/env bash
# export_html.sh: `dais export --format html` of the example and of mini,
# whole and by day, checked by tests/export/check_html.py (html.parser and
# python3-icalendar, independent of dais) as written and as Chromium
# parses it (--dump-dom); a screenshot and a print to PDF in headless
# Chromium (each day on its own page); text that HTML must escape; and no
# e-mail, telephone number or internal note of the example in any public
# export (calendars, frab schedule, page), grepped for one by one.
. "$(dirname "$0")/lib.sh"
check="/usr/bin/python3 $SRCDIR/tests/export/check_html.py"
example=$(programme_copy "$SRCDIR/data/kuwait-2026")

checked() { # PROGRAMME PAGE [--day DATE]
	if ! $check "$@" >"$tmp/check" 2>&1; then
		echo "FAIL: check_html.py $*"; cat "$tmp/check"; fail=1
	fi
}

chrome=$(command -v chromium || true)
browse() { # what FILE...: headless Chromium, as the README describes
	timeout 120 "$chrome" --headless --no-sandbox --disable-gpu \
		--disable-background-networking --no-first-run \
		--user-data-dir="$(mktemp -d "$tmp/chrome.XXXXXX")" "$@" \
		2>>"$tmp/chrome.log"
}

for prog in "$(programme_copy "$FIXTURES/mini")" "$example"; do
	tag=$(basename "$prog")
	expect_exit 0 "$DAIS" export "$prog" --format html -o "$tmp/$tag.html"
	expect_contains "Wrote " "stdout of export $tag" "$out"
	checked "$prog" "$tmp/$tag.html"
	for day in 2026-11-04 2026-11-05; do
		expect_exit 0 "$DAIS" export "$prog" --format html --day "$day" \
			-o "$tmp/$tag-$day.html"
		checked "$prog" "$tmp/$tag-$day.html" --day "$day"
	done
done
page=$(cat "$tmp/kuwait-2026.html")
n=$(grep -c '<li class="session' <<<"$page")
# 33 public sessions: the example's four bilaterals are closed meetings
# (CLASS:CONFIDENTIAL), as a bilateral made in the planner is.
[ "$n" = 29 ] || { echo "FAIL: $n sessions on the page, want 29"; fail=1; }
expect_not_contains "Bilateral meeting: Kuwait and" page "$page"
expect_contains '<span lang="ar" dir="rtl">وزير الداخلية — الكويت</span>' page "$page"
expect_contains '<span lang="tg">Вазири корҳои дохилӣ — Тоҷикистон</span>' page "$page"
expect_contains '<span class="status">Cancelled: </span>' page "$page"
# A tentative session says so, as the planner's list does (review 3, 19).
expect_contains '<h3><span class="tentative">(tentative) </span><span class="title">Youth voices on online radicalisation</span>' page "$page"

if [ -n "$chrome" ]; then
	# The page as the browser builds it.
	browse --dump-dom "file://$tmp/kuwait-2026.html" >"$tmp/dom.html"
	checked "$example" "$tmp/dom.html"
	browse --screenshot="$tmp/page.png" --window-size=1200,1600 \
		"file://$tmp/kuwait-2026.html" >/dev/null
	size=$(stat -c %s "$tmp/page.png" 2>/dev/null || echo 0)
	magic=$(head -c 4 "$tmp/page.png" 2>/dev/null | tail -c 3)
	if [ "$magic" != PNG ] || [ "$size" -lt 50000 ]; then
		echo "FAIL: no real screenshot ($size bytes)"; cat "$tmp/chrome.log"
		fail=1
	fi
	# On a phone the people's labels stand above their names; on a desk
	# beside them (review 3, 13). The page has no script: a copy of it
	# with one measures the first list as Chromium lays it out.
	sed 's|</body>|<script>addEventListener("load", function () { var d = document.querySelector("dl.people"); document.body.setAttribute("data-people", d.querySelector("dd").getBoundingClientRect().left === d.querySelector("dt").getBoundingClientRect().left ? "stacked" : "beside"); });</script></body>|' \
		"$tmp/kuwait-2026.html" >"$tmp/probe.html"
	for size in 390:stacked 1200:beside; do
		got=$(browse --window-size="${size%%:*},2000" --virtual-time-budget=3000 \
			--dump-dom "file://$tmp/probe.html" | grep -o 'data-people="[a-z]*"')
		[ "$got" = "data-people=\"${size#*:}\"" ] ||
			{ echo "FAIL: at ${size%%:*} px the people list is laid out $got, want ${size#*:}"; fail=1; }
	done
	# Printed: each day starts a page, which its heading opens (mini's
	# days are short enough to share a page if the style sheet let them).
	browse --no-pdf-header-footer --print-to-pdf="$tmp/mini.pdf" \
		"file://$tmp/mini.html" >/dev/null
	if ! pdftotext -layout "$tmp/mini.pdf" "$tmp/mini.txt"; then
		echo "FAIL: Chromium printed no PDF"; cat "$tmp/chrome.log"; fail=1
	else
		first=$(awk -v RS='\f' -v h="Day 2 · Thursday 5 November 2026" \
			'index($0, h) { sub(/^[ \n]*/, ""); split($0, l, "\n");
			  print l[1]; exit }' "$tmp/mini.txt")
		case "$first" in
		"Day 2 · Thursday 5 November 2026"*) ;;
		*) echo "FAIL: day 2 does not open a printed page (its page" \
			"opens with '$first')"; fail=1 ;;
		esac
		pages=$(grep -c $'\f' "$tmp/mini.txt")
		[ "$pages" = 2 ] ||
			{ echo "FAIL: mini printed on $pages pages, want 2"; fail=1; }
	fi
else
	echo "chromium is not installed: the page was checked as a file only"
fi

# Text that HTML must escape is shown as text, never as markup.
cp -r "$FIXTURES/mini" "$tmp/odd"
sed -i -e 's|^SUMMARY:Opening plenary|SUMMARY:<script>alert(1)</script> R\&D|' \
	"$tmp/odd/programme/sessions.ics"
expect_exit 0 "$DAIS" export "$tmp/odd" --format html -o "$tmp/odd.html"
expect_contains '&lt;script&gt;alert(1)&lt;/script&gt; R&amp;D' page \
	"$(cat "$tmp/odd.html")"
checked "$tmp/odd" "$tmp/odd.html"
if [ -n "$chrome" ]; then
	browse --dump-dom "file://$tmp/odd.html" >"$tmp/odd-dom.html"
	checked "$tmp/odd" "$tmp/odd-dom.html"
fi

expect_exit 2 "$DAIS" export "$example" --format html --internal -o "$tmp/x.html"
expect_contains "public programme only" stderr "$err"
expect_exit 2 "$DAIS" export "$example" --format html \
	--per-participant "$tmp/x"
[ -e "$tmp/x.html" ] || [ -e "$tmp/x" ] &&
	{ echo "FAIL: a refused export wrote something"; fail=1; }

# No public export of the example holds anything private: each e-mail
# address and telephone number of participants.ini, and a distinctive
# piece of each internal note, grepped for in every public file.
/usr/bin/python3 - "$example" >"$tmp/private.txt" <<'PY'
import re, sys
sys.path.insert(0, sys.argv[0] and __import__("os").environ["SRCDIR"] + "/tests/export")
import check_export as ce
prog = ce.Programme(sys.argv[1])
for _, value in prog.private_strings():
    print(value)
for s in prog.sessions:
    if s["notes"]:
        print(max(re.split(r"[,;\\\n]", s["notes"]), key=len).strip())
PY
np=$(wc -l <"$tmp/private.txt")
[ "$np" -gt 100 ] || { echo "FAIL: only $np private strings to look for"; fail=1; }
"$DAIS" export "$example" -o "$tmp/pub.ics" >/dev/null
"$DAIS" export "$example" --day 2026-11-05 -o "$tmp/pub-day.ics" >/dev/null
"$DAIS" export "$example" --for kw -o "$tmp/pub-kw.ics" >/dev/null
"$DAIS" export "$example" --per-participant "$tmp/people" >/dev/null
"$DAIS" export "$example" --format frab -o "$tmp/pub.xml" >/dev/null
"$DAIS" export "$example" --internal -o "$tmp/internal.ics" >/dev/null
unfold() { tr -d '\r' <"$1" | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g' |
	sed -e 's/\\,/,/g; s/\\;/;/g'; }
files="$tmp/pub.ics $tmp/pub-day.ics $tmp/pub-kw.ics $tmp/people/*.ics
	$tmp/pub.xml $tmp/kuwait-2026.html $tmp/kuwait-2026-2026-11-04.html
	$tmp/kuwait-2026-2026-11-05.html"
checked_files=0
for f in $files; do
	checked_files=$((checked_files + 1))
	unfold "$f" >"$tmp/unfolded"
	if grep -oF -f "$tmp/private.txt" "$tmp/unfolded" >"$tmp/leaks"; then
		echo "FAIL: $(basename "$f") contains: $(sort -u "$tmp/leaks" |
			tr '\n' '|')"
		fail=1
	fi
done
[ "$checked_files" -gt 100 ] ||
	{ echo "FAIL: only $checked_files public files looked at"; fail=1; }
# The grep finds them where they are meant to be: the internal calendar
# has every contact detail of those with a session, and every note.
unfold "$tmp/internal.ics" >"$tmp/unfolded"
found=$(grep -oF -f "$tmp/private.txt" "$tmp/unfolded" | sort -u | wc -l)
[ "$found" -gt 50 ] ||
	{ echo "FAIL: the leak grep finds $found in --internal"; fail=1; }
echo "private strings: $np; found in internal: $found; files: $checked_files"
finish
