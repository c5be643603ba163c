#!/usr/bin/env bash
# journal_recovery.sh: the recovery journal, as an organiser meets it.
# The same edits are made in two copies of the example; one planner saves
# and quits, the other is killed with SIGKILL. The next planner on the
# killed copy says how many edits are unsaved and from when, restores
# them, saves, and the files then equal the never-killed copy's. SIGHUP
# (a closed SSH session) keeps the journal too; d discards it; after a
# change by hand to another session the edit is still restored; a journal
# whose registries changed since is kept aside, never replayed.
. "$(dirname "$0")/lib.sh"

# start_asking DIR [OPTIONS]: the planner with its standard error on the
# terminal, as a person runs it, so its questions before the planner
# starts are on the screen.
start_asking() {
	rm -f "$tmp/exit"
	T -f /dev/null new-session -d -x 100 -y 30 \
		"cd '$tmp' && '$DAIS' ${2:-} '$1'; echo \$? >'$tmp/exit'"
}

# The planner's process, for kill.
dais_pid() {
	pgrep -xf "$DAIS $1" | head -n 1
}

# Files as saved, without the stamps a save writes (DTSTAMP, LAST-MODIFIED
# differ between two runs by the seconds between them).
normalised() {
	(cd "$1" && find . -name '*.ics' | sort | while read -r f; do
		echo "== $f"
		grep -vE '^(DTSTAMP|LAST-MODIFIED)[:;]' "$f"
	done)
}

# The same edits in any planner: a cancellation, an assignment undone and
# redone, a typed move, a deletion, a title through the form.
make_edits() {
	cancel_session "Youth voices on online"
	keys 2
	keys /
	type_text "Screening travellers"
	keys Enter
	wait_for "Screening travellers at the"
	keys a
	wait_for "to 'Screening travellers"
	type_text "ae-interior"
	wait_for "1 of 122"
	keys Enter
	wait_for "Assigned Minister of Interior"
	keys u
	wait_for "Undone: Assigned Minister of Interior"
	keys C-r
	wait_for "Redone: Assigned Minister of Interior"
	keys /
	type_text "Women's leadership"
	keys Enter
	wait_for "Women's leadership"
	keys m
	wait_for "Move 'Women's leadership"
	type_text "16:00"
	keys Enter
	wait_for "Moved 'Women's leadership"
	keys /
	type_text "Kuwait and Egypt"
	keys Enter
	wait_for "Bilateral meeting: Kuwait and"
	keys X
	wait_for "Delete 'Bilateral meeting: Kuwait and Egypt'"
	keys y
	wait_for "Deleted 'Bilateral meeting: Kuwait and Egypt'"
	keys /
	type_text "Opening plenary"
	keys Enter
	wait_for "Opening plenary"
	keys e
	wait_for "Edit session"
	keys C-u
	type_text "Opening plenary — كلمات الرؤساء المشاركين"
	keys Enter
	# The form shows the text as it is typed: wait for the edit itself.
	wait_for "Edited 'Opening plenary — كلمات"
}

copy_example never
copy_example killed

# The run that is never killed: edits, save, quit.
start "$tmp/never"
make_edits
keys s
wait_for "Saved"
keys q
status=$(wait_exit)
[ "$status" = 0 ] || { echo "FAIL: the planner exited $status"; fail=1; }
[ -e "$tmp/never/.dais-journal" ] && {
	echo "FAIL: a normal quit left the journal"; fail=1; }
# The edits are in its files (so the comparison below means something).
for f in plenary side-sessions; do
	cmp -s "$SRCDIR/data/kuwait-2026/programme/$f.ics" \
		"$tmp/never/programme/$f.ics" && {
		echo "FAIL: the edits did not reach $f.ics"; fail=1; }
done

# The same edits, then SIGKILL with the edits on screen, unsaved.
start "$tmp/killed"
make_edits
pid=$(dais_pid "$tmp/killed")
[ -n "$pid" ] || { echo "FAIL: no planner process"; fail=1; }
kill -KILL "$pid"
wait_exit >/dev/null
[ -s "$tmp/killed/.dais-journal" ] || {
	echo "FAIL: no journal after SIGKILL"; fail=1; }
T kill-server 2>/dev/null
# dais check reads the files, and says the edits exist.
"$DAIS" check "$tmp/killed" >/dev/null 2>"$tmp/check.err"
grep -qF "holds 7 unsaved edits to 5 sessions, not in the files checked" \
	"$tmp/check.err" || { echo "FAIL: check did not mention the journal:";
	cat "$tmp/check.err"; fail=1; }
# A command that writes refuses while they wait: import-participants once
# wrote participants.ini, and the journal then would not replay onto it.
cp "$tmp/killed/participants.ini" "$tmp/participants.before"
printf 'id,name,kind\r\ntn-interior,Ministre de l’Intérieur — Tunisie,minister\r\n' \
	>"$tmp/accredited.csv"
"$DAIS" import-participants "$tmp/killed" "$tmp/accredited.csv" \
	>/dev/null 2>"$tmp/ip.err" && {
	echo "FAIL: import-participants ran over a pending journal"; fail=1; }
grep -qF "holds 7 unsaved edits of a planner that stopped" "$tmp/ip.err" || {
	echo "FAIL: import-participants did not name the journal:"
	cat "$tmp/ip.err"; fail=1; }
cmp -s "$tmp/participants.before" "$tmp/killed/participants.ini" || {
	echo "FAIL: import-participants changed participants.ini"; fail=1; }

# The next planner says so, and restores them.
start_asking "$tmp/killed"
wait_for "has unsaved edits from a planner that did not close"
wait_for "7 edits to 5 sessions by $(id -un) on $(hostname), the last at"
wait_for "r  restore them"
wait_for "[r/d/k/q]"
keys r
wait_for "Restored 7 unsaved edits to 5 sessions"
wait_for "modified |"
# It is the same programme: conflicts and all.
keys s
wait_for "Saved"
keys q
status=$(wait_exit)
[ "$status" = 0 ] || { echo "FAIL: the restored planner exited $status"; fail=1; }
T kill-server 2>/dev/null
if ! diff <(normalised "$tmp/never") <(normalised "$tmp/killed") >"$tmp/diff"; then
	echo "FAIL: restored and saved differs from never killed:"
	head -n 40 "$tmp/diff"
	fail=1
fi
[ -e "$tmp/killed/.dais-journal" ] && {
	echo "FAIL: the journal outlived the save and quit"; fail=1; }

# SIGHUP (the SSH session closed): the planner ends, the journal stays.
copy_example hup
cp -r "$tmp/hup" "$tmp/hup.orig"
start "$tmp/hup"
cancel_session "Youth voices on online"
kill -HUP "$(dais_pid "$tmp/hup")"
status=$(wait_exit)
[ "$status" = 0 ] || { echo "FAIL: after SIGHUP the planner exited $status"; fail=1; }
grep -q "CANCELLED" "$tmp/hup/.dais-journal" 2>/dev/null || {
	echo "FAIL: SIGHUP did not leave the edit in the journal"; fail=1; }
T kill-server 2>/dev/null
# d discards it: the files as they were, no journal.
start_asking "$tmp/hup"
wait_for "1 edit to 1 session"
keys d
wait_for "help"
keys q
wait_exit >/dev/null
T kill-server 2>/dev/null
diff -r "$tmp/hup.orig" "$tmp/hup" >/dev/null || {
	echo "FAIL: discarding changed the files"; fail=1; }

# SIGTERM keeps it as well; then another file changes behind it (the
# opening plenary retitled by hand): the edit of the untouched session is
# still restored, and saving keeps both changes.
start "$tmp/hup"
cancel_session "Youth voices on online"
kill -TERM "$(dais_pid "$tmp/hup")"
wait_exit >/dev/null
T kill-server 2>/dev/null
[ -s "$tmp/hup/.dais-journal" ] || {
	echo "FAIL: SIGTERM did not keep the journal"; fail=1; }
sed -i 's/^SUMMARY:Opening plenary/SUMMARY:Opening plenary (revised)/' \
	"$tmp/hup/programme/plenary.ics"
start_asking "$tmp/hup"
wait_for "programme/plenary.ics changed on disk since: edits to sessions"
keys r
wait_for "Restored 1 unsaved edit to 1 session"
keys s
wait_for "Saved 1 changed session"
keys q
wait_exit >/dev/null
T kill-server 2>/dev/null
grep -q "^SUMMARY:Opening plenary (revised)" "$tmp/hup/programme/plenary.ics" || {
	echo "FAIL: the change made by hand was lost"; fail=1; }
grep -A12 "^SUMMARY:Youth voices on online" "$tmp/hup/programme/side-sessions.ics" |
	grep -q "^STATUS:CANCELLED" || {
	echo "FAIL: the edit of an untouched session was not restored"; fail=1; }

# A registry changed behind the journal: it is kept aside, never
# replayed, and the planner says where it is.
cp -r "$tmp/hup" "$tmp/hup.saved"
start "$tmp/hup"
cancel_session "Security of major sporting events"
kill -TERM "$(dais_pid "$tmp/hup")"
wait_exit >/dev/null
T kill-server 2>/dev/null
echo "; changed by hand" >>"$tmp/hup/venues.ini"
start_asking "$tmp/hup"
wait_for "the files changed since those edits (venues.ini)"
wait_for "kept aside as $tmp/hup/.dais-journal-kept-"
wait_for "Press Enter to open the planner"
keys Enter
wait_for "Earlier unsaved edits were kept aside, not restored"
keys q
wait_exit >/dev/null
T kill-server 2>/dev/null
ls "$tmp/hup"/.dais-journal-kept-* >/dev/null 2>&1 || {
	echo "FAIL: the journal was not kept aside"; fail=1; }
cmp -s "$tmp/hup.saved/programme/side-sessions.ics" \
	"$tmp/hup/programme/side-sessions.ics" || {
	echo "FAIL: a journal was replayed onto changed registries"; fail=1; }

finish
