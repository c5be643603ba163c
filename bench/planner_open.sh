#!/bin/sh
# bench/planner_open.sh DAIS DIR [RUNS]: how long the planner takes to open
# DIR, from starting it in a tmux window (100x30) until its status line shows
# "help" or its count of errors, polled every 10 ms; prints each run, the
# median and the load average. Measures only: it does not pass or fail.
# Needs tmux.
#
# The tmux server is started first (with a placeholder window), so that its
# own start-up is not counted as the planner's. Beside the wall time each run
# prints the CPU time (user + system, 10 ms ticks) the planner had used when
# its first screen showed: on a shared machine the wall time grows with the
# load, the CPU time much less, so compare CPU times between runs there.
set -u
dais=$1 dir=$2 runs=${3:-5}
sock=dais-open-$$
tick=$(getconf CLK_TCK)
trap 'tmux -L "$sock" kill-server 2>/dev/null' EXIT
times="" cpus=""
i=0
while [ "$i" -lt "$runs" ]; do
	tmux -L "$sock" -f /dev/null new-session -d -x 100 -y 30 -n idle "sleep 600"
	t0=$(date +%s%N)
	tmux -L "$sock" new-window -d -n planner "exec '$dais' '$dir'"
	until tmux -L "$sock" capture-pane -p -t :planner 2>/dev/null | grep -qE "help|[0-9]+ errors?, "; do
		sleep 0.01
	done
	t1=$(date +%s%N)
	pid=$(tmux -L "$sock" list-panes -t :planner -F '#{pane_pid}')
	# Fields 14 and 15 of /proc/PID/stat, after the command's name.
	cpu=$(sed 's/.*) //' "/proc/$pid/stat" | awk -v t="$tick" '{print int(($12 + $13) * 1000 / t)}')
	tmux -L "$sock" kill-server 2>/dev/null
	ms=$(( (t1 - t0) / 1000000 ))
	echo "open: $ms ms (cpu $cpu ms)"
	times="$times $ms"
	cpus="$cpus $cpu"
	i=$((i + 1))
	sleep 0.2
done
median() {
	printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
# shellcheck disable=SC2086 # one number a word
echo "median: $(median $times) ms (cpu $(median $cpus) ms) of $runs; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
