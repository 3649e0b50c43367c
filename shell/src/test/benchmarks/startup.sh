#!/usr/bin/env bash
# Wall time from starting ./fieldshell in a terminal (tmux) to its prompt on the screen.
# usage: shell/src/test/benchmarks/startup.sh [RUNS]   (from anywhere; needs tmux and a built jar)
set -euo pipefail
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
cd "$root"
runs=${1:-20}
export XDG_STATE_HOME="$(mktemp -d)" XDG_CACHE_HOME="$(mktemp -d)"
sock="fsbench$$"
./fieldshell -c 'echo warm' >/dev/null   # builds when needed and creates the CDS archive (first run only)
for i in $(seq 1 "$runs"); do
  t0=$(date +%s%N)
  tmux -L "$sock" -f /dev/null new-session -d -s b -x 120 -y 30 "./fieldshell"
  # capture-pane -J keeps the prompt's trailing space
  until tmux -L "$sock" capture-pane -p -J -t b | grep -q "sim OVMS# "; do sleep 0.005; done
  t1=$(date +%s%N)
  tmux -L "$sock" kill-server
  echo $(( (t1 - t0) / 1000000 ))
done | sort -n | awk '{a[NR]=$1} END {printf "runs=%d min=%dms median=%dms max=%dms\n", NR, a[1], a[int((NR+1)/2)], a[NR]}'
