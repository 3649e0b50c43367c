#!/usr/bin/env bash
# `./fieldshell kb ingest --kb NEW_DIR CORPUS` as a user runs it, a fresh process and a fresh KB each
# time: wall time and CPU time (user + system, all threads, JVM start included) per run, after two
# warm-up imports that let the launcher record and assemble the kb ingest class cache (JDK 25+: an
# AOT cache with method profiles). On a loaded machine the CPU column is the stable figure.
# usage: shell/src/test/benchmarks/ingest-oneshot.sh CORPUS_DIR [RUNS]   (needs a built jar; a corpus
# from dev.fieldshell.kb.bench.Bench, e.g. /tmp/kb-bench/corpus-10000)
set -uo pipefail
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
cd "$root"
corpus="$1" runs=${2:-5}
export XDG_STATE_HOME="$(mktemp -d)"
kbs="$(mktemp -d)"
s="$XDG_STATE_HOME/fieldshell/class-cache"   # one directory per checkout and JDK below it
./fieldshell kb ingest --kb "$kbs/warm1" "$corpus" >/dev/null   # records the class list and profiles
./fieldshell kb ingest --kb "$kbs/warm2" "$corpus" >/dev/null   # assembles the cache in the background
for _ in $(seq 1 900); do compgen -G "$s/*/fieldshell-kb-ingest.aotconf" >/dev/null || break; sleep 0.2; done
ls "$s"/* | grep -E '\.(jsa|aot)$' | sed 's/^/archive: /'
for i in $(seq 1 "$runs"); do
  /usr/bin/time -f "run $i: %e s wall, %U s user + %S s system CPU" ./fieldshell kb ingest --kb "$kbs/run$i" "$corpus" 2>&1 >/dev/null | tail -n1
  rm -rf "$kbs/run$i"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$XDG_STATE_HOME" "$kbs"
