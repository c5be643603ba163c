#!/bin/bash
# participant_ids.sh: the ids dais import-participants makes from names
# (review finding 13), under the suite's LC_ALL=C.UTF-8 and under C, as
# the spelling must not depend on the locale: French accents folded
# ("Intérieur" -> interieur), Russian and Tajik Cyrillic transliterated
# (ғ ӣ қ ӯ ҳ ҷ too), Greek; a name with no letter dais spells (Arabic,
# Chinese) gets KIND-N, said in a warning; two different names that spell
# the same id are refused, never merged.
. "$SRCDIR/tests/cli/lib.sh"

printf 'id;Display name;kind;delegation\r\n' >"$tmp/acc.csv"
printf ";Ministre de l'Intérieur — Tunisie;minister;\r\n" >>"$tmp/acc.csv"
printf ';Заместитель министра — Таджикистан;official;tj\r\n' >>"$tmp/acc.csv"
printf ';Вазири корҳои хориҷӣ — Ғ. Қ. Ӯ.;minister;tj\r\n' >>"$tmp/acc.csv"
printf ';ЖУРНАЛИСТ Щукин, Юрий;official;\r\n' >>"$tmp/acc.csv"
printf ';وزير الداخلية — الكويت;minister;\r\n' >>"$tmp/acc.csv"
printf ';وزير الخارجية;minister;\r\n' >>"$tmp/acc.csv"
printf ';内政部长;official;\r\n' >>"$tmp/acc.csv"
printf ';Ministre de l’Interieur, Tunisie;minister;\r\n' >>"$tmp/acc.csv"
printf ';Υπουργός Εσωτερικών;official;\r\n' >>"$tmp/acc.csv"

for locale in C.UTF-8 C; do
	rm -rf "$tmp/p"
	cp -r "$SRCDIR/data/kuwait-2026" "$tmp/p"
	LC_ALL=$locale expect_exit 1 "$DAIS" import-participants "$tmp/p" "$tmp/acc.csv"
	expect_contains 'line 2: [ministre-de-l-interieur-tunisie] added' "$locale" "$out"
	expect_contains 'line 3: [zamestitel-ministra-tadzhikistan] added' "$locale" "$out"
	expect_contains 'line 4: [vaziri-korhoi-khoriji-gh-q-u] added' "$locale" "$out"
	expect_contains 'line 5: [zhurnalist-shchukin-yuriy] added' "$locale" "$out"
	expect_contains 'line 6: [minister-1] added' "$locale" "$out"
	expect_contains 'line 6: warning: no id can be spelt from the name "وزير الداخلية — الكويت" (dais spells Latin, Cyrillic and Greek letters in ids), so [minister-1] was made up; to choose another, write it in an id column on this row' "$locale" "$out"
	expect_contains 'line 7: [minister-2] added' "$locale" "$out"
	expect_contains 'line 8: [official-1] added' "$locale" "$out"
	expect_contains "line 9: [ministre-de-l-interieur-tunisie] refused: the id made from the name, [ministre-de-l-interieur-tunisie], is also line 2's (\"Ministre de l'Intérieur — Tunisie\"): add an id column to tell them apart" "$locale" "$out"
	expect_contains 'line 10: [ypoyrgos-esoterikon] added' "$locale" "$out"
	expect_contains '9 rows: 8 added, 0 changed, 0 unchanged, 1 refused' "$locale" "$out"
	grep -qF 'name = "Заместитель министра — Таджикистан"' "$tmp/p/participants.ini" ||
		{ echo "FAIL: $locale: the name was not kept as written"; fail=1; }
done
# dais check reads what was written (the example's own two conflicts).
expect_exit 1 "$DAIS" check "$tmp/p"
expect_not_contains "error:" "check after the import" "$err"

# Importing the same list again finds each row by its name: the made-up
# ids stay, nothing is added twice.
expect_exit 1 "$DAIS" import-participants "$tmp/p" "$tmp/acc.csv"
expect_contains 'line 6: [minister-1] unchanged' "again" "$out"
expect_contains 'line 8: [official-1] unchanged' "again" "$out"
expect_contains '9 rows: 0 added, 0 changed, 8 unchanged, 1 refused' "again" "$out"

# A name that spells an id a participant already has is refused too.
printf 'name;kind\r\nMinistre de l’Intérieur – Tunisie;minister\r\n' >"$tmp/one.csv"
expect_exit 1 "$DAIS" import-participants "$tmp/p" "$tmp/one.csv"
expect_contains 'line 2: refused: the id made from the name, "ministre-de-l-interieur-tunisie", is already [ministre-de-l-interieur-tunisie]' "existing id" "$out"
finish
