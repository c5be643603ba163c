# hostile_inputs.sh: inputs that once hung dais (issue 11 item 5) end at
# once with a message naming the file and what is wrong, in check, export
# and runsheet: a VTIMEZONE recurring every second, a programme file that
# is a FIFO, a symbolic link to a FIFO, /dev/zero or /dev/urandom,
# venues.ini as a FIFO, and a zone name that walks out of the zone
# database to the terminal. Each command gets 5 s (it needs milliseconds).
. "$(dirname "$0")/lib.sh"
hostile="$FIXTURES/hostile"

fresh() {
	rm -rf "$tmp/p"
	cp -r "$FIXTURES/mini" "$tmp/p"
}

# run_all EXPECTED-TEXT...: check, export and runsheet on $tmp/p each end
# within the bound with exit 2 and every expected text on stderr.
run_all() {
	for cmd in "check $tmp/p" "export $tmp/p -o $tmp/out.ics" \
	    "runsheet $tmp/p --day 2026-11-04"; do
		# stdin is a terminal-like endless source: nothing may read it.
		# shellcheck disable=SC2086
		expect_exit 2 timeout 5 "$DAIS" $cmd </dev/zero
		for text in "$@"; do
			expect_contains "$text" "stderr of dais $cmd" "$err"
		done
	done
}

# A VTIMEZONE whose observance has RRULE:FREQ=SECONDLY: libical's
# expansion of it never returns.
fresh
cp "$hostile/vtimezone-rrule-secondly.ics" "$tmp/p/programme/sessions.ics"
run_all "$tmp/p/programme/sessions.ics:4: warning: VTIMEZONE Hostile/Secondly" \
	"recurs more often than yearly" \
	"TZID=Hostile/Secondly, which is neither a zone"

# The programme file as a FIFO with no writer.
fresh
rm "$tmp/p/programme/sessions.ics"
mkfifo "$tmp/p/programme/sessions.ics"
run_all "$tmp/p/programme/sessions.ics: error: cannot open this file: it is a FIFO (named pipe), not a regular file"

# A symbolic link to a FIFO.
fresh
rm "$tmp/p/programme/sessions.ics"
mkfifo "$tmp/p/fifo"
ln -s ../fifo "$tmp/p/programme/sessions.ics"
run_all "$tmp/p/programme/sessions.ics: error: cannot open this file: it is a symbolic link to a FIFO (named pipe), not a regular file"

# Devices that never end.
for dev in /dev/zero /dev/urandom; do
	fresh
	rm "$tmp/p/programme/sessions.ics"
	ln -s "$dev" "$tmp/p/programme/sessions.ics"
	run_all "$tmp/p/programme/sessions.ics: error: cannot open this file: it is a symbolic link to a character device, not a regular file"
done

# venues.ini as a FIFO.
fresh
rm "$tmp/p/venues.ini"
mkfifo "$tmp/p/venues.ini"
run_all "$tmp/p/venues.ini: error: cannot read the file (it is a FIFO (named pipe), not a regular file)"

# conference.ini itself as a FIFO.
fresh
rm "$tmp/p/conference.ini"
mkfifo "$tmp/p/conference.ini"
run_all "$tmp/p/conference.ini: error: cannot read the file (it is a FIFO (named pipe), not a regular file)"

# A zone name that leads out of the zone database (to the terminal).
fresh
cp "$hostile/conference-zone-traversal.ini" "$tmp/p/conference.ini"
run_all "$tmp/p/conference.ini:4: error: timezone \"../../../../../proc/self/fd/0\" is not a zone name" \
	"dais looks zones up in the zone database only"

finish
