# runsheet_text.sh: the text run-sheet of each day and of one room against
# golden files (SOURCE_DATE_EPOCH, TZ and locale pinned), each checked for
# 80 columns and pagination by tests/runsheet/check_text.py.
# UPDATE_GOLDEN=1 rewrites the goldens from the current output; read the
# diff before committing it.
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1793512800 # 2026-11-01 06:00 UTC, 09:00 in Kuwait
golden="$SRCDIR/tests/runsheet"
py=/usr/bin/python3

# golden NAME DIR ARGS...: the sheet of DIR with ARGS must equal NAME.txt.
golden() {
	name=$1; dir=$2; shift 2
	expect_exit 0 "$DAIS" runsheet "$dir" "$@"
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$tmp/out" "$golden/$name.txt"
	fi
	if ! cmp -s "$tmp/out" "$golden/$name.txt"; then
		echo "FAIL: $name differs from its golden file:"
		diff -u "$golden/$name.txt" "$tmp/out" | head -60
		fail=1
	fi
	lines=66
	case " $* " in *" --page-length "*)
		lines=$(printf '%s\n' "$@" | sed -n '/^--page-length$/{n;p}') ;;
	esac
	if ! $py "$golden/check_text.py" "$tmp/out" "$lines"; then
		echo "FAIL: $name: layout"
		fail=1
	fi
}

mini=$(programme_copy "$FIXTURES/mini")
golden mini-day1 "$mini" --day 2026-11-04
golden mini-day2 "$mini" --day 2026-11-05
golden mini-room-side "$mini" --day 2026-11-04 --room side

# What a floor manager must find on the sheet, whatever the goldens say.
expect_exit 0 "$DAIS" runsheet "$mini" --day 2026-11-04
expect_contains "Mini Conference" stdout "$out"
expect_contains "Day 1 of 2 · Wednesday 4 November 2026" stdout "$out"
expect_contains "09:00-10:30  Opening plenary" stdout "$out"
expect_contains "Produced 2026-11-01 09:00 (Asia/Kuwait)" stdout "$out"
expect_contains "page 1 of 1" stdout "$out"
expect_contains "Doors open 08:30" stdout "$out"
expect_contains "250 / 300 seats" stdout "$out"
expect_contains "!! CONFLICT (error)" stdout "$out"
expect_contains "!! CONFLICT (error): Minister of Interior — Kuwait is also in 'Side session on" \
	stdout "$out"
expect_contains "Chair           Minister of Interior — Kuwait (وزير الداخلية)" \
	stdout "$out"
expect_contains "Room            Plenary Hall (Main Building)" stdout "$out"
expect_not_contains "Closing plenary" stdout "$out"
expect_not_contains "office@interior.example.kw" stdout "$out"

# Room sheet: the room's sessions only.
expect_exit 0 "$DAIS" runsheet "$mini" --day 2026-11-04 --room side
expect_contains "Room: Side Room" stdout "$out"
expect_contains "Side session on border data" stdout "$out"
expect_contains "1 session; 1 conflict (1 error)" stdout "$out"
expect_not_contains "09:00-10:30  Opening plenary" stdout "$out"

# The produced time follows SOURCE_DATE_EPOCH, read in the conference zone.
SOURCE_DATE_EPOCH=0 expect_exit 0 "$DAIS" runsheet "$mini" --day 2026-11-04
expect_contains "Produced 1970-01-01 03:00 (Asia/Kuwait)" stdout "$out"

kuwait="$SRCDIR/data/kuwait-2026"
golden kuwait-day1 "$kuwait" --day 2026-11-04
golden kuwait-day2 "$kuwait" --day 2026-11-05
golden kuwait-room-plenary "$kuwait" --day 2026-11-04 --room plenary
finish
