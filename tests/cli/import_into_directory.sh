# import_into_directory.sh: when conference.ini's `files` names a directory
# or a glob that already holds the file an import writes, the import does
# not list that file in `files` as well (it did: a second entry for the
# same file); a file outside them is still added.
. "$(dirname "$0")/lib.sh"
oc="$FIXTURES/other-clients"

for entry in 'programme' 'programme/' 'programme/*.ics'; do
	D="$tmp/by-$(echo "$entry" | tr -c 'a-z\n' '_')"
	cp -r "$SRCDIR/data/kuwait-2026" "$D"
	sed -i "s|^files = .*|files = \"$entry\"|" "$D/conference.ini"
	expect_exit 1 "$DAIS" check "$D"
	expect_exit 0 "$DAIS" import "$oc/outlook.ics" "$D"
	expect_contains "outlook.ics: 2 events written to programme/import-outlook.ics" stdout "$out"
	files=$(grep '^files' "$D/conference.ini")
	[ "$files" = "files = \"$entry\"" ] || { echo "FAIL: files = '$entry' became: $files"; fail=1; }
	# dais check reads the imported file through the directory.
	expect_exit 1 "$DAIS" check "$D"
	expect_contains "import-outlook.ics" stderr "$err"
	# Importing it again replaces it, still without an entry of its own.
	expect_exit 0 "$DAIS" import "$oc/outlook.ics" "$D"
	expect_contains "(replacing an earlier import's)" stdout "$out"
	files=$(grep '^files' "$D/conference.ini")
	[ "$files" = "files = \"$entry\"" ] || { echo "FAIL: a second import changed files = '$entry' into: $files"; fail=1; }
done

# A glob the import's file does not match: the file is listed.
D="$tmp/other-glob"
cp -r "$SRCDIR/data/kuwait-2026" "$D"
sed -i 's|^files = .*|files = "programme/[bps]*.ics"|' "$D/conference.ini"
expect_exit 0 "$DAIS" import "$oc/outlook.ics" "$D"
files=$(grep '^files' "$D/conference.ini")
[ "$files" = 'files = "programme/[bps]*.ics, programme/import-outlook.ics"' ] || { echo "FAIL: the file outside the glob is not listed: $files"; fail=1; }
finish
