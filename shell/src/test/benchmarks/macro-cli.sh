#!/usr/bin/env bash
# The cold `:macro heapcheck` plan through the real launcher (JDK 25+, its AOT caches), CPU and wall:
#   repl: in a REPL (tmux): start to the prompt, then `:macro heapcheck --dry-run` to "OVMS commands:"
#         (the JavaScript engine not used before in that JVM), with the REPL's cache alone, with
#         the GraalJS layer the launcher trains on top of it in the background but without the
#         macros' cached declarations (layer-no-meta: two JavaScript contexts), and with both
#   cli:  `./fieldshell macro heapcheck --target sim --dry-run` (JVM, simulator, engine, plan, exit):
#         a first run (no cache; it records one) and with the `macro` command's own cache
# "busiest thread" is the CPU of the thread that did the most work meanwhile (the command's),
# "cpu" the whole process's (JIT compiler threads, GC, the simulator too). Needs tmux.
# usage: shell/src/test/benchmarks/macro-cli.sh [RUNS] [repl|cli|all]
set -uo pipefail
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
cd "$root"
runs=${1:-3}
what=${2:-all}
mvn -q -B -pl shell -am package -DskipTests >/dev/null || exit 1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
use() { export XDG_STATE_HOME="$work/$1" XDG_CONFIG_HOME="$work/$1/config" XDG_CACHE_HOME="$work/$1/cache"; mkdir -p "$XDG_STATE_HOME"; }
cpu_ms() { # user+system CPU of process $1 and its waited-for children, in ms
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print int(($12 + $13 + $14 + $15) * 1000 / hz) }' "/proc/$1/stat" 2>/dev/null || echo 0
}
threads() { # "tid cpu_ms" for every thread of process $1
  local t
  for t in /proc/"$1"/task/*; do
    awk -v hz="$(getconf CLK_TCK)" -v t="${t##*/}" '{ sub(/^.*\) /, ""); print t, int(($12 + $13) * 1000 / hz) }' "$t/stat" 2>/dev/null
  done
}
wait_caches() { # until no recording waits for assembly and no training runs (max 10 min)
  local d="$XDG_STATE_HOME/fieldshell/class-cache"
  for _ in $(seq 1 600); do
    compgen -G "$d/*/*.aotconf" >/dev/null || compgen -G "$d/*/*.lock" >/dev/null || compgen -G "$d/*/*.jsa.*" >/dev/null || return 0
    sleep 1
  done
}
first_repl() { # a first REPL session (it records the REPL's cache), then a start that assembles it
  local sock="mcli$$-$1"
  tmux -L "$sock" -f /dev/null new-session -d -s r -x 150 -y 40 "./fieldshell"
  until tmux -L "$sock" capture-pane -p -J -t r 2>/dev/null | grep -q "OVMS# "; do sleep 0.2; done
  tmux -L "$sock" send-keys -t r ":quit" Enter
  while tmux -L "$sock" has-session 2>/dev/null; do sleep 0.2; done
  ./fieldshell -c 'echo x' >/dev/null 2>&1 # assembles the cache in the background (then trains the GraalJS layer)
  wait_caches
}
repl_cold() { # $1 label: one REPL start and its first :macro
  local sock="mcli$$-r$RANDOM" pid t0 t1 c1 t2 c2 t3 c3 top
  t0=$(date +%s%N)
  pid=$(tmux -L "$sock" -f /dev/null new-session -d -P -F '#{pane_pid}' -s b -x 150 -y 50 "exec ./fieldshell")
  until tmux -L "$sock" capture-pane -p -J -t b 2>/dev/null | grep -q -- "sim OVMS# "; do sleep 0.005; done
  t1=$(date +%s%N); c1=$(cpu_ms "$pid")
  sleep 3 # let the start's JIT work settle; the engine is not touched meanwhile
  threads "$pid" > "$work/th.a"; c2=$(cpu_ms "$pid"); t2=$(date +%s%N)
  tmux -L "$sock" send-keys -t b ":macro heapcheck --dry-run" Enter
  until tmux -L "$sock" capture-pane -p -J -S -100 -t b 2>/dev/null | grep -q -- "OVMS commands:"; do sleep 0.005; done
  t3=$(date +%s%N); c3=$(cpu_ms "$pid"); threads "$pid" > "$work/th.b"
  top=$(awk 'NR == FNR { a[$1] = $2; next } { d = $2 - a[$1]; if (d > m) m = d } END { print m + 0 }' "$work/th.a" "$work/th.b")
  tmux -L "$sock" kill-server 2>/dev/null
  printf '%-22s start: wall %5d ms, cpu %4d ms | cold :macro: wall %5d ms, cpu %5d ms, busiest thread %5d ms | load %s\n' \
    "$1" $(( (t1 - t0) / 1000000 )) "$c1" $(( (t3 - t2) / 1000000 )) $(( c3 - c2 )) "$top" "$(cut -d' ' -f1 /proc/loadavg)"
}
if [[ $what == repl || $what == all ]]; then
  use repl-layer
  first_repl layer
  cp -a "$work/repl-layer" "$work/repl-only"
  for d in "$work"/repl-only/fieldshell/class-cache/*/; do rm -f "$d"fieldshell-repl-js.jsa; touch "$d"fieldshell-repl-js.failed; done
  cp -a "$work/repl-layer" "$work/layer-no-meta" # the layer, but the macros' declarations read by JavaScript (no cache)
  ls "$work"/repl-layer/fieldshell/class-cache/*/ | sed 's/^/# cache: /'
  echo "# repl, $(date -u +%FT%TZ); uptime: $(uptime)"
  for _ in $(seq 1 "$runs"); do
    for s in repl-only layer-no-meta repl-layer; do
      use "$s"
      [[ $s == layer-no-meta ]] && rm -rf "$XDG_CACHE_HOME/fieldshell/macro-meta"
      repl_cold "$s"
    done
  done
fi
if [[ $what == cli || $what == all ]]; then
  use macro; ./fieldshell macro heapcheck --target sim --dry-run >/dev/null 2>&1; ./fieldshell -c 'echo x' >/dev/null 2>&1; wait_caches
  echo "# cli, $(date -u +%FT%TZ); uptime: $(uptime)"
  for i in $(seq 1 "$runs"); do
    use "first$i" # no cache yet: this run records the macro command's cache (written at exit)
    /usr/bin/time -f "macro heapcheck, first run (records): %e s wall, %U s user + %S s sys" ./fieldshell macro heapcheck --target sim --dry-run 2>&1 >/dev/null | tail -1
    use macro
    /usr/bin/time -f "macro heapcheck, its own cache: %e s wall, %U s user + %S s sys" ./fieldshell macro heapcheck --target sim --dry-run 2>&1 >/dev/null | tail -1
  done
fi
echo "# end: $(uptime)"
