#!/usr/bin/env bash
# `./fieldshell macro heapcheck --target sim --dry-run` end to end (JVM, simulator, cold GraalJS,
# plan, exit) through the real launcher, CPU and wall, in three states of the launcher's AOT cache
# (JDK 25+): none; recorded by a first REPL session that did not use :macro; recorded by one that
# ran `:macro heapcheck --dry-run`. Needs tmux and a JDK 25 as the launcher's java.
# usage: shell/src/test/benchmarks/macro-cli.sh [RUNS]
set -uo pipefail
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
cd "$root"
runs=${1:-3}
mvn -q -B -pl shell -am package -DskipTests >/dev/null || exit 1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
use() { export XDG_STATE_HOME="$work/$1" XDG_CONFIG_HOME="$work/$1/config" XDG_CACHE_HOME="$work/$1/cache"; mkdir -p "$XDG_STATE_HOME"; }
record() { # $1 state, $2 line typed in the first REPL session (empty: none)
  use "$1"
  local sock="mcli$$$1"
  tmux -L "$sock" -f /dev/null new-session -d -s r -x 150 -y 40 "./fieldshell"
  until tmux -L "$sock" capture-pane -p -J -t r 2>/dev/null | grep -q "OVMS# "; do sleep 0.2; done
  if [[ -n "$2" ]]; then
    tmux -L "$sock" send-keys -t r "$2" Enter
    until tmux -L "$sock" capture-pane -p -J -S -200 -t r 2>/dev/null | grep -q "dry run"; do sleep 0.3; done
  fi
  tmux -L "$sock" send-keys -t r ":quit" Enter
  while tmux -L "$sock" has-session 2>/dev/null; do sleep 0.2; done
  ./fieldshell -c 'echo x' >/dev/null 2>&1 # assembles the cache in the background
  for _ in $(seq 1 300); do ls "$XDG_STATE_HOME"/fieldshell/class-cache/*/*.aotconf >/dev/null 2>&1 || break; sleep 1; done
}
record plain ""
record macro ":macro heapcheck --dry-run"
echo "# $(date -u +%FT%TZ); uptime: $(uptime)"
for s in none plain macro; do
  use "$s"
  for _ in $(seq 1 "$runs"); do
    /usr/bin/time -f "cache $s: %e s wall, %U s user + %S s sys" ./fieldshell macro heapcheck --target sim --dry-run 2>&1 >/dev/null | tail -1
  done
done
echo "# end: $(uptime)"
