#!/bin/sh
# bench/planner_open.sh DAIS DIR [RUNS]: how long the planner takes to open
# DIR, from starting it in a tmux window (100x30) until its status line shows
# "help" or its count of errors, polled every 10 ms; prints each run, the median and the load
# average. Measures only: it does not pass or fail. Needs tmux.
set -u
dais=$1 dir=$2 runs=${3:-5}
sock=dais-open-$$
trap 'tmux -L "$sock" kill-server 2>/dev/null' EXIT
times=""
i=0
while [ "$i" -lt "$runs" ]; do
	t0=$(date +%s%N)
	tmux -L "$sock" -f /dev/null new-session -d -x 100 -y 30 "'$dais' '$dir'"
	until tmux -L "$sock" capture-pane -p 2>/dev/null | grep -qE "help|[0-9]+ errors?, "; do
		sleep 0.01
	done
	t1=$(date +%s%N)
	tmux -L "$sock" kill-server 2>/dev/null
	ms=$(( (t1 - t0) / 1000000 ))
	echo "open: $ms ms"
	times="$times $ms"
	i=$((i + 1))
	sleep 0.2
done
echo "median: $(printf '%s\n' $times | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') ms of $runs; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
