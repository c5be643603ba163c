# load_ini_syntax.sh: INI files iniparser cannot read, or reads other than
# they look (a BOM, an over-long line, a line without '=', a cut value, a
# duplicate key or section): `dais check` names the file, the line and the
# fix; unreadable files are refused (exit 2), the rest load with a warning.
. "$(dirname "$0")/lib.sh"
dir="$FIXTURES/load-ini"

# refused NAME FILE:LINE WORDS: exit 2 and "path:line: error: ...words".
refused() {
	expect_exit 2 "$DAIS" check "$dir/$1"
	expect_contains "$dir/$1/$2: error: $3" stderr "$err"
	expect_contains "was not loaded" stderr "$err"
	[ -z "$out" ] || { echo "FAIL: $1: conflicts listed for a refused programme"; fail=1; }
}

# warned NAME FILE:LINE WORDS: loaded (mini's one conflict: exit 1) with
# "path:line: warning: ...words".
warned() {
	expect_exit 1 "$DAIS" check "$dir/$1"
	expect_contains "$dir/$1/$2: warning: $3" stderr "$err"
	expect_not_contains "error:" stderr "$err"
	expect_contains "participant double-booked" stdout "$out"
}

refused bom conference.ini:1 "the file starts with a UTF-8 byte-order mark"
refused long-line participants.ini:10 \
	"this line is 1110 bytes long; iniparser reads at most 1022 bytes"
refused no-equals venues.ini:11 \
	"this line is not a [section], a key = value, or a comment"
refused section-comment venues.ini:14 "text after the ']' of a section line"
refused invalid-utf8 participants.ini:26 \
	"the value of name is not valid UTF-8 (byte 0xe9"

# A missing file: its path and what it should hold.
expect_exit 2 "$DAIS" check "$dir/missing-venues"
expect_contains "$dir/missing-venues/venues.ini: error: cannot read the file (No such file or directory)" stderr "$err"
expect_contains "[room.ID]" stderr "$err"

# Not a directory at all.
expect_exit 2 "$DAIS" check "$tmp/nowhere"
expect_contains "$tmp/nowhere: error: cannot open the programme directory" \
	stderr "$err"

warned cut-value participants.ini:10 \
	"the value of title was cut at ';' (read as \"Minister of Interior\"): put it in double quotes"
warned unclosed-quote participants.ini:10 \
	"the value of title has no closing quote: it runs to the end of the line"
warned duplicate-key participants.ini:15 \
	"title is given twice in [kw-interior] (lines 10 and 15): line 15 wins"
warned duplicate-section venues.ini:20 \
	"section [room.side] appears again (first at line 14)"
warned key-outside-section venues.ini:1 "capacity is outside any section"
warned comment-continued conference.ini:10 "this comment ends in '\\'"

# The CLI shows nothing for the unchanged original.
expect_exit 1 "$DAIS" check "$FIXTURES/mini"
expect_not_contains ".ini" stderr "$err"

finish
