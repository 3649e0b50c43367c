#!/usr/bin/env bash
# Wall time from starting ./fieldshell in a terminal (tmux) to its prompt on the screen, with two
# baselines measured the same way in the same run: a shell printing a prompt (tmux overhead) and
# `java -version` (JVM start on this machine at this moment).
# usage: shell/src/test/benchmarks/startup.sh [RUNS]   (needs tmux and a built jar)
set -uo pipefail
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
cd "$root"
runs=${1:-20}
export XDG_STATE_HOME="$(mktemp -d)" XDG_CACHE_HOME="$(mktemp -d)"
java_bin="$(./fieldshell -c 'echo warm' >/dev/null; cat "$XDG_STATE_HOME/fieldshell/java")"
# The launcher's CDS archive is written by the first run: let that be a REPL that quits cleanly,
# as for a user whose first command is ./fieldshell.
rm -f "$XDG_STATE_HOME/fieldshell/fieldshell.jsa"
tmux -L "warm$$" -f /dev/null new-session -d -s w -x 120 -y 30 "./fieldshell"
until tmux -L "warm$$" capture-pane -p -J -t w 2>/dev/null | grep -q "sim OVMS# "; do sleep 0.05; done
tmux -L "warm$$" send-keys -t w ":quit" Enter
while tmux -L "warm$$" has-session 2>/dev/null; do sleep 0.1; done

measure() { # $1 label, $2 command run in the pane, $3 text that means "ready"
  for i in $(seq 1 "$runs"); do
    sock="fsbench$$-$i"
    t0=$(date +%s%N)
    tmux -L "$sock" -f /dev/null new-session -d -s b -x 120 -y 30 "$2"
    # capture-pane -J keeps the prompt's trailing space
    until tmux -L "$sock" capture-pane -p -J -t b 2>/dev/null | grep -q -- "$3"; do sleep 0.005; done
    t1=$(date +%s%N)
    tmux -L "$sock" kill-server 2>/dev/null || true
    echo $(( (t1 - t0) / 1000000 ))
  done | sort -n | awk -v l="$1" '{a[NR]=$1} END {printf "%-32s runs=%d min=%dms median=%dms max=%dms\n", l, NR, a[1], a[int((NR+1)/2)], a[NR]}'
}
measure "tmux + shell prompt" "bash --norc -c 'printf \"ready> \"; sleep 30'" "ready> "
measure "java -version" "$java_bin -Xshare:auto -version; sleep 30" "Runtime Environment"
measure "./fieldshell to sim OVMS# " "./fieldshell" "sim OVMS# "
uptime
