#!/bin/bash
# publish_leftovers.sh: dais publish holds .dais-publish's lock from its
# read to its last write, and removes what a publish killed while writing
# it left beside it (.dais-publish.dais-tmp-XXXXXX stayed for good: no
# other command cleans it, since publish takes no programme lock). A
# second publish waits for the first; one held too long is refused with
# the file named, and nothing is sent.
. "$SRCDIR/tests/caldav/lib.sh"

start_radicale
working_copy "$tmp/p" "$server/amal/kuwait-2026/"
echo "publish-url = \"$server/amal/\"" >>"$tmp/p/conference.ini"

expect_exit 0 "$DAIS" publish "$tmp/p" --for kw-interior
expect_contains "2 calendars (2 collections made)" "first publish" "$out"

# What a publish killed between its temporary and the rename leaves.
cp "$tmp/p/.dais-publish" "$tmp/p/.dais-publish.dais-tmp-Ab12Cd"
printf 'half a record\n' >"$tmp/p/.dais-publish.dais-tmp-zZ9yY8"
# Not a temporary of .dais-publish: never touched.
printf 'mine\n' >"$tmp/p/.dais-publish.dais-tmp-not-six-letters"
printf 'mine\n' >"$tmp/p/notes.dais-tmp-Ab12Cd"
expect_exit 0 "$DAIS" publish "$tmp/p" --for kw-interior
expect_contains "events 0 new, 0 changed, 0 deleted" "second publish" "$out"
for f in .dais-publish.dais-tmp-Ab12Cd .dais-publish.dais-tmp-zZ9yY8; do
	[ ! -e "$tmp/p/$f" ] || { echo "FAIL: $f is still there"; fail=1; }
done
for f in .dais-publish.dais-tmp-not-six-letters notes.dais-tmp-Ab12Cd; do
	[ -e "$tmp/p/$f" ] || { echo "FAIL: $f, not a leftover of a publish, was removed"; fail=1; }
done
grep -q '^url ' "$tmp/p/.dais-publish" || { echo "FAIL: the record is gone"; fail=1; }

# Another publish holds the record for 2 s: this one waits, then goes.
flock -o "$tmp/p/.dais-publish" sleep 2 &
holder=$!
sleep 0.3
started=$(date +%s%N)
expect_exit 0 "$DAIS" publish "$tmp/p" --for kw-interior
waited=$(( ($(date +%s%N) - started) / 1000000 ))
wait "$holder"
expect_contains "events 0 new, 0 changed, 0 deleted" "publish after waiting" "$out"
[ "$waited" -ge 1500 ] || { echo "FAIL: the publish did not wait for the holder ($waited ms)"; fail=1; }

# Held past the wait: refused, the file named, nothing sent.
flock -o "$tmp/p/.dais-publish" sleep 14 &
holder=$!
sleep 0.3
sed -i 's/^SUMMARY:Opening plenary.*/SUMMARY:Opening plenary (moved)/' "$tmp/p/programme/plenary.ics"
expect_exit 1 "$DAIS" publish "$tmp/p" --for kw-interior
expect_contains ".dais-publish is being written by another 'dais publish' and still was after 10 seconds: try again when it has finished" stderr "$err"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
finish
