#!/usr/bin/env bash
# The "Macros" figures of BENCHMARKS.md, wall and CPU, with the load average at the time:
#   1. :macro heapcheck to the plan on screen, cold engine (3 fresh JVMs) and warm (30 calls after)
#   2. the same, cold JVM, with the engine warmed by a TAB after ":macro " 2 s before the line is sent
#   3. the same cold call with a JDK AOT cache (JEP 483/515) trained by one run of (1): what a class
#      cache that includes the JavaScript engine would give (JDK 25; skipped on older JDKs)
#   4. plan+apply+verify on 1 simulator vs 20 in parallel, without latency, with 44 ms per command
#      (the earlier figures' latency) and with 100 ms (a module on cellular), fleet plan sharing
#      off ("before") and on ("after") in the same JVM; and over a 115200 baud serial line (the USB
#      console's rate, reference §1.2: the one link figure that is a fact, not an assumption)
# usage: shell/src/test/benchmarks/macro.sh [fleet [LINK...]]   (from anywhere; builds first; "fleet": only 4,
#        with no latency and each LINK given: MS per command or baud=N; default 44 100 baud=115200 serial=115200;
#        serial=N: fieldshell's SerialLink on each simulator's pty paced at N baud)
#        shell/src/test/benchmarks/macro.sh fleet-threads [RUNS]   (a zero-latency fleet module's CPU by thread)
set -euo pipefail
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
cd "$root"
java_bin="${JAVA_BIN:-$(ls -d /usr/lib/jvm/temurin-25*/bin/java 2>/dev/null | head -n1)}"
java_bin="${java_bin:-java}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mvn -q -B -pl shell -am test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
# Jars rather than class directories: an AOT cache accepts only jars on the class path.
"$(dirname "$java_bin")/jar" cf "$work/kb.jar" -C kb/target/classes .
"$(dirname "$java_bin")/jar" cf "$work/shell.jar" -C shell/target/classes .
"$(dirname "$java_bin")/jar" cf "$work/shell-tests.jar" -C shell/target/test-classes .
deps="$(tr ':' '\n' < "$work/cp.txt" | grep '\.jar$' | paste -sd:)"
cp="$deps:$work/kb.jar:$work/shell.jar:$work/shell-tests.jar"
run() { "$java_bin" -Dpolyglot.engine.WarnInterpreterOnly=false --enable-native-access=ALL-UNNAMED \
    --sun-misc-unsafe-memory-access=allow -Dfieldshell.scripts="$root/scripts" "$@"; }
bench() { run "$@" -cp "$cp" dev.fieldshell.shell.macro.MacroBenchmark "${args[@]}"; }
echo "# $(date -u +%FT%TZ); uptime: $(uptime)"
if [[ "${1:-}" == fleet-threads ]]; then
    args=(fleet-threads "${2:-60}"); bench
    echo "# end: $(uptime)"
    exit 0
fi
if [[ "${1:-}" == fleet ]]; then
    shift
    if [[ $# -gt 0 ]]; then args=(fleet "$@"); else args=(fleet 44 100 baud=115200 serial=115200); fi
    bench
    echo "# end: $(uptime)"
    exit 0
fi
args=(plan); for i in 1 2 3; do bench; done
args=(plan-after-tab 2000); bench
if [[ "$("$java_bin" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -c AOTCacheOutput)" -gt 0 ]]; then
    args=(plan); bench -XX:AOTCacheOutput="$work/macro.aot" >/dev/null 2>&1
    echo "# with an AOT cache trained by one run of the same benchmark:"
    for i in 1 2 3; do bench -XX:AOTCache="$work/macro.aot"; done
fi
args=(fleet 44 100 baud=115200 serial=115200); bench
echo "# end: $(uptime)"
