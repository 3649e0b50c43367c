#!/usr/bin/env bash
# Wall time from starting ./fieldshell in a terminal (tmux) to its prompt on the screen, with two
# baselines measured the same way in the same run: a shell printing a prompt (tmux overhead) and
# `java -version` (JVM start on this machine at this moment). Beside the wall time it prints the
# CPU time the started process (all its threads, plus the children it waited for: the launcher's
# bash work) had used when the prompt appeared: on a loaded machine that is the stable figure.
# A last row runs with -Dfieldshell.trace=true (through JAVA_TOOL_OPTIONS, stderr to a file) and
# reads the trace marks: the main thread's own CPU time to its last mark before the prompt, the
# path nothing else can shorten, and the wall time of that mark (ms since ./fieldshell started:
# the launcher's process, which becomes the JVM).
# usage: shell/src/test/benchmarks/startup.sh [RUNS]   (needs tmux and a built jar)
set -uo pipefail
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
cd "$root"
runs=${1:-20}
export XDG_STATE_HOME="$(mktemp -d)" XDG_CACHE_HOME="$(mktemp -d)"
java_bin="$(./fieldshell -c 'echo warm' >/dev/null; cat "$XDG_STATE_HOME/fieldshell/java")"
# The launcher's class-data archive is written by the first REPL run (JDK 21-24: a CDS archive at
# exit; JDK 25+: a recording at exit, assembled into an AOT cache in the background by the next
# start): let that first run be a REPL that quits cleanly, as for a user whose first command is
# ./fieldshell, then wait for the assembly.
s="$XDG_STATE_HOME/fieldshell/class-cache"   # one directory per checkout and JDK below it
rm -rf "$s"
tmux -L "warm$$" -f /dev/null new-session -d -s w -x 120 -y 30 "./fieldshell"
until tmux -L "warm$$" capture-pane -p -J -t w 2>/dev/null | grep -q "sim OVMS# "; do sleep 0.05; done
tmux -L "warm$$" send-keys -t w ":quit" Enter
while tmux -L "warm$$" has-session 2>/dev/null; do sleep 0.1; done
./fieldshell -c 'echo warm' >/dev/null
for _ in $(seq 1 600); do compgen -G "$s/*/*.aotconf" >/dev/null || break; sleep 0.2; done
# JDK 25+: the launcher then trains the REPL's GraalJS layer in the background (a lock directory
# while it runs); the REPL maps it from then on, so the rows below wait for it too.
sleep 1
for _ in $(seq 1 900); do compgen -G "$s/*/fieldshell-repl-js.lock" >/dev/null || break; sleep 0.2; done
ls "$s"/* | grep -E '\.(jsa|aot|failed)$' | sed 's/^/archive: /'

cpu_ms() { # user+system CPU of process $1 and its waited-for children, in ms (clock ticks of 10 ms)
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print int(($12 + $13 + $14 + $15) * 1000 / hz) }' "/proc/$1/stat" 2>/dev/null || echo 0
}

measure() { # $1 label, $2 command run in the pane, $3 text that means "ready"
  for i in $(seq 1 "$runs"); do
    sock="fsbench$$-$i"
    t0=$(date +%s%N)
    pid=$(tmux -L "$sock" -f /dev/null new-session -d -P -F '#{pane_pid}' -s b -x 120 -y 30 "exec $2")
    # capture-pane -J keeps the prompt's trailing space
    until tmux -L "$sock" capture-pane -p -J -t b 2>/dev/null | grep -q -- "$3"; do sleep 0.005; done
    t1=$(date +%s%N)
    cpu=$(cpu_ms "$pid")
    tmux -L "$sock" kill-server 2>/dev/null || true
    echo "$(( (t1 - t0) / 1000000 )) $cpu"
  done > "$XDG_CACHE_HOME/times"
  stats() { sort -n | awk '{a[NR]=$1} END {printf "min=%dms median=%dms max=%dms", a[1], a[int((NR+1)/2)], a[NR]}'; }
  printf "%-28s runs=%d  wall: %s   cpu: %s\n" "$1" "$runs" \
    "$(cut -d' ' -f1 "$XDG_CACHE_HOME/times" | stats)" "$(cut -d' ' -f2 "$XDG_CACHE_HOME/times" | stats)"
}
measure "tmux + shell prompt" "bash --norc -c 'printf \"ready> \"; exec sleep 30'" "ready> "
measure "java -version" "bash --norc -c '$java_bin -Xshare:auto -version; exec sleep 30'" "Runtime Environment"
measure "./fieldshell to sim OVMS# " "./fieldshell" "sim OVMS# "
trace_row() {
  for i in $(seq 1 "$runs"); do
    sock="fstrace$$-$i"; err="$XDG_CACHE_HOME/trace.$i"
    tmux -L "$sock" -f /dev/null new-session -d -s b -x 120 -y 30 \
      "JAVA_TOOL_OPTIONS=-Dfieldshell.trace=true exec ./fieldshell 2>$err"
    until tmux -L "$sock" capture-pane -p -J -t b 2>/dev/null | grep -q -- "sim OVMS# "; do sleep 0.005; done
    tmux -L "$sock" kill-server 2>/dev/null || true
    awk '$1 == "trace" && $5 == "main" && $6 == "status" { print $3, $2 }' "$err"
  done > "$XDG_CACHE_HOME/times"
  stats() { sort -n | awk '{a[NR]=$1} END {printf "min=%dms median=%dms max=%dms", a[1], a[int((NR+1)/2)], a[NR]}'; }
  printf "%-28s runs=%d  main-thread cpu: %s   wall at that mark: %s\n" "./fieldshell main thread" "$runs" \
    "$(cut -d' ' -f1 "$XDG_CACHE_HOME/times" | stats)" "$(cut -d' ' -f2 "$XDG_CACHE_HOME/times" | stats)"
}
trace_row
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
