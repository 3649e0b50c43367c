#!/usr/bin/env bash
# One-shot `./fieldshell kb suggest --kb KB < CRASH` as a user runs it: wall time and CPU time
# (user + system, all threads) per run, after two warm-up runs that let the launcher record and
# assemble the kb suggest class cache (JDK 25+: an AOT cache; JDK 21-24: a CDS archive), and the
# load average at the end. On a loaded machine the CPU column is the stable figure.
# usage: shell/src/test/benchmarks/suggest-oneshot.sh KB CRASH_FILE [RUNS]   (needs a built jar)
set -uo pipefail
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
cd "$root"
kb="$1" crash="$2" runs=${3:-5}
export XDG_STATE_HOME="$(mktemp -d)"
s="$XDG_STATE_HOME/fieldshell/class-cache"   # one directory per checkout and JDK below it
./fieldshell kb suggest --kb "$kb" < "$crash" >/dev/null   # records the class list
./fieldshell kb suggest --kb "$kb" < "$crash" >/dev/null   # assembles the cache in the background
for _ in $(seq 1 600); do compgen -G "$s/*/fieldshell-kb-suggest.aotconf" >/dev/null || break; sleep 0.2; done
ls "$s"/* | grep -E '\.(jsa|aot)$' | sed 's/^/archive: /'
for i in $(seq 1 "$runs"); do
  /usr/bin/time -f "run $i: %e s wall, %U s user + %S s system CPU" ./fieldshell kb suggest --kb "$kb" < "$crash" 2>&1 >/dev/null | tail -n1
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$XDG_STATE_HOME"
