package dev.fieldshell.shell.macro;

import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.sim.Fault;
import dev.fieldshell.shell.sim.SimulatedModule;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmarks for BENCHMARKS.md (a plain program, not a test):
 * <ol>
 *   <li>{@code plan}: time from {@code :macro heapcheck} to the plan on screen (the "OVMS commands:"
 *       line), the first call in a fresh JVM (cold GraalJS) and then warm calls.</li>
 *   <li>{@code fleet [ms…]}: {@code macro heapcheck --yes} (plan, apply, verify) on one simulator and on
 *       twenty in parallel, without latency and with each per-command latency given, plan sharing
 *       off and on; CPU split into the simulator's (in this JVM here, remote in a real fleet) and the rest.</li>
 * </ol>
 * Run: see BENCHMARKS.md "Macros" ({@code shell/src/test/benchmarks/macro.sh}).
 */
public final class MacroBenchmark {

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("fieldshell-bench");
        try (SimFixture fx = new SimFixture(tmp)) {
            switch (args.length == 0 ? "plan" : args[0]) {
                case "plan" -> plan(fx, 0);
                case "plan-after-tab" -> plan(fx, Long.parseLong(args.length > 1 ? args[1] : "2000"));
                case "fleet" -> {
                    // No latency, then each link given: a latency (ms per command) or a line rate (baud=N).
                    fleet(fx, null, false);
                    for (int i = 1; i < args.length; i++) {
                        if (args[i].startsWith("serial=")) {
                            // The real client: SerialLink (with its sentinel per command) on each module's paced pty.
                            fleet(fx, Fault.parse("baud=" + args[i].substring("serial=".length())), true);
                        } else {
                            fleet(fx, args[i].startsWith("baud=") ? Fault.parse(args[i]) : new Fault.Latency(Long.parseLong(args[i])), false);
                        }
                    }
                }
                case "fleet-loop" -> {
                    // For a profiler (JFR): many 20-module runs without latency (args: runs, share true|false).
                    MacroTool tool = new MacroTool(fx.dirs);
                    tool.sharePlans(args.length <= 2 || Boolean.parseBoolean(args[2]));
                    int n = Integer.parseInt(args.length > 1 ? args[1] : "30");
                    for (int i = 0; i < n; i++) {
                        runFleet(fx, tool, 20, null, false, "loop" + i, "mixed");
                    }
                }
                case "fleet-threads" -> fleetThreads(fx, Integer.parseInt(args.length > 1 ? args[1] : "60"));
                default -> throw new IllegalArgumentException("plan, plan-after-tab [ms], fleet [latency ms|baud=N...], fleet-loop or fleet-threads [runs]");
            }
        }
    }

    /**
     * {@code typingMs} > 0: the REPL's TAB after {@code :macro} (which starts the engine in the
     * background) happened that long before the line was sent, as when a person types the rest.
     */
    private static void plan(SimFixture fx, long typingMs) throws Exception {
        SimulatedModule m = fx.start("bench", SimFixture.FW_3_3_006);
        ModuleLink link = m.link();
        MacroTool tool = new MacroTool(fx.dirs);
        if (typingMs > 0) {
            tool.warmUp();
            Thread.sleep(typingMs);
        }
        List<Double> times = new ArrayList<>();
        List<Double> threadCpu = new ArrayList<>();
        List<Double> processCpu = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            long[] shown = {0};
            long[] cpuShown = {0, 0};
            long c0 = THREADS.getCurrentThreadCpuTime();
            long p0 = OS.getProcessCpuTime();
            long t0 = System.nanoTime();
            MacroWorkflow.Ui ui = new MacroWorkflow.Ui() {
                public void println(String line) {
                    if (shown[0] == 0 && line.equals("OVMS commands:")) {
                        shown[0] = System.nanoTime();
                        cpuShown[0] = THREADS.getCurrentThreadCpuTime();
                        cpuShown[1] = OS.getProcessCpuTime();
                    }
                }

                public boolean confirm(String q) {
                    return false;
                }
            };
            tool.macro(List.of("heapcheck", "--after", "server.v2.stopped,server.v3.stopped", "--delay", "5000", "--dry-run"),
                    SimFixture.targets(Map.of("bench", link), "bench"), ui);
            times.add((shown[0] - t0) / 1e6);
            threadCpu.add((cpuShown[0] - c0) / 1e6);
            processCpu.add((cpuShown[1] - p0) / 1e6);
        }
        double[] warm = sortedWarm(times);
        double[] warmThread = sortedWarm(threadCpu);
        double warmProcess = processCpu.subList(1, processCpu.size()).stream().mapToDouble(Double::doubleValue).average().orElse(0);
        System.out.printf("plan on screen, cold engine%s: wall %.0f ms, CPU %.0f ms in the calling thread, %.0f ms in the whole process%n",
                typingMs > 0 ? " (warm-up started by TAB " + typingMs + " ms before)" : "", times.get(0), threadCpu.get(0), processCpu.get(0));
        System.out.printf("plan on screen, warm engine (%d runs): wall median %.1f ms, p90 %.1f ms; calling-thread CPU median %.1f ms, p90 %.1f ms;"
                + " process CPU mean %.1f ms%n", warm.length, warm[warm.length / 2], warm[(int) (warm.length * 0.9)],
                warmThread[warmThread.length / 2], warmThread[(int) (warmThread.length * 0.9)], warmProcess);
        System.out.printf("load average at the end: %.2f%n", OS.getSystemLoadAverage());
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static double[] sortedWarm(List<Double> all) {
        return all.subList(1, all.size()).stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    /**
     * Plan+apply+verify on one module (3.3.006, as before; and 3.3.005, which needs 15 commands
     * instead of 9) and on 20 in parallel (half of each), with the fleet's plan sharing off
     * ("before") and on ("after"), interleaved in the same JVM. Medians of 5.
     */
    private static void fleet(SimFixture fx, Fault link, boolean pty) throws Exception {
        String label = switch (link) {
            case null -> "latency   0 ms/command";
            case Fault.Latency l -> String.format("latency %3d ms/command", l.millis());
            case Fault.LineRate r -> (pty ? "SerialLink, pty at " : "serial line ") + r.baud() + " baud";
            default -> throw new IllegalArgumentException(String.valueOf(link));
        };
        MacroTool tool = new MacroTool(fx.dirs);
        // Warm the engine and the simulator code first: the comparison is about the fleet, not JIT.
        for (boolean share : new boolean[] {false, true}) {
            tool.sharePlans(share);
            for (int w = 0; w < 3; w++) {
                runFleet(fx, tool, 1, link, pty, "warm" + share + w, "mixed");
            }
            runFleet(fx, tool, 20, link, pty, "warm20" + share, "mixed");
        }
        int reps = 5;
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int r = 0; r < reps; r++) {
            for (boolean share : new boolean[] {false, true}) {
                tool.sharePlans(share);
                String k = share ? "after" : "before";
                results.computeIfAbsent(k + " one006", x -> new ArrayList<>()).add(runFleet(fx, tool, 1, link, pty, k + "one" + r, "mixed"));
                results.computeIfAbsent(k + " one005", x -> new ArrayList<>()).add(runFleet(fx, tool, 1, link, pty, k + "old" + r, "005"));
                results.computeIfAbsent(k + " twenty", x -> new ArrayList<>()).add(runFleet(fx, tool, 20, link, pty, k + "twenty" + r, "mixed"));
                if (share) {
                    // Like for like: twenty modules of the firmware the single one runs.
                    results.computeIfAbsent(k + " twenty006", x -> new ArrayList<>()).add(runFleet(fx, tool, 20, link, pty, k + "t006-" + r, "006"));
                }
            }
        }
        for (String k : List.of("before", "after")) {
            double one = median(results.get(k + " one006"), 0);
            double old = median(results.get(k + " one005"), 0);
            double twenty = median(results.get(k + " twenty"), 0);
            double cpu = median(results.get(k + " twenty"), 1);
            double sim = median(results.get(k + " twenty"), 2);
            double js = median(results.get(k + " twenty"), 3);
            System.out.printf("%-6s %s: 1 module (3.3.006) %.0f ms, (3.3.005) %.0f ms; 20 in parallel %.0f ms; ratio %.2f"
                    + " (%.2f against 3.3.005); 20 modules' process CPU %.0f ms = %.1f ms per module, of which simulator %.1f ms, the rest %.1f ms;"
                    + " macro runs in JavaScript %.0f of 20; one module's process CPU %.0f ms (medians of %d; load average %.2f)%n",
                    k, label, one, old, twenty, twenty / one, twenty / old, cpu, cpu / 20, sim / 20, (cpu - sim) / 20, js,
                    median(results.get(k + " one006"), 1), reps, OS.getSystemLoadAverage());
            if (results.containsKey(k + " twenty006")) {
                double t006 = median(results.get(k + " twenty006"), 0);
                System.out.printf("       20 modules all on 3.3.006 in parallel: %.0f ms; ratio %.2f against one 3.3.006 module;"
                        + " process CPU %.1f ms per module%n", t006, t006 / one, median(results.get(k + " twenty006"), 1) / 20);
            }
            if (link instanceof Fault.LineRate r && !pty) {
                for (String which : List.of("one006", "one005")) {
                    double[] any = results.get(k + " " + which).get(0);
                    System.out.printf("       %s on the wire: %.0f bytes in, %.0f out; their wire time one way after the other %.1f ms%n",
                            which.equals("one006") ? "a 3.3.006 module" : "a 3.3.005 module", any[4], any[5],
                            dev.fieldshell.shell.sim.serial.SerialLine.wireNanos((long) (any[4] + any[5]), r.baud()) / 1e6);
                }
            }
        }
        tool.sharePlans(true);
    }

    /**
     * Where a zero-latency fleet module's process CPU goes, by thread (Linux: {@code /proc/self/task},
     * so the JIT compiler and GC threads count too): {@code runs} 20-module runs after as many to
     * warm up, CPU per module by thread name with digits folded.
     */
    private static void fleetThreads(SimFixture fx, int runs) throws Exception {
        MacroTool tool = new MacroTool(fx.dirs);
        for (int i = 0; i < runs; i++) {
            runFleet(fx, tool, 20, null, false, "warm" + i, "mixed");
        }
        Map<String, Long> before = threadTicks();
        long p0 = OS.getProcessCpuTime();
        double simMs = 0;
        double windowMs = 0;
        for (int i = 0; i < runs; i++) {
            double[] r = runFleet(fx, tool, 20, null, false, "count" + i, "mixed");
            windowMs += r[1];
            simMs += r[2];
        }
        long p1 = OS.getProcessCpuTime();
        Map<String, Long> after = threadTicks();
        Map<String, Long> byGroup = new java.util.TreeMap<>();
        after.forEach((k, v) -> byGroup.merge(k.substring(k.indexOf(' ') + 1).replaceAll("\\d+", "#"), v - before.getOrDefault(k, 0L), Long::sum));
        long hz = 100; // USER_HZ on Linux
        double modules = runs * 20.0;
        long live = byGroup.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("process CPU per fleet module %.2f ms while the fleet runs, %.2f ms with the benchmark's own start and close"
                + " of 20 simulators per run (%d runs of 20, no latency, sharing on; load %.2f); the latter by thread:%n",
                windowMs / modules, (p1 - p0) / 1e6 / modules, runs, OS.getSystemLoadAverage());
        System.out.printf("  %-40s %6.2f ms per module (the simulators' share of them: %.2f ms)%n",
                "threads that ended (fleet workers, events)", (p1 - p0) / 1e6 / modules - live * 1000.0 / 100 / modules, simMs / modules);
        byGroup.entrySet().stream().filter(e -> e.getValue() > 0).sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> System.out.printf("  %-40s %6.2f ms per module%n", e.getKey().equals("java") ? "main (workflow; simulators' start, close)"
                        : e.getKey(), e.getValue() * 1000.0 / hz / modules));
    }

    /** utime+stime ticks per live thread, keyed "tid name". */
    private static Map<String, Long> threadTicks() throws java.io.IOException {
        Map<String, Long> out = new java.util.HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.put(t.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return out;
    }

    private static double median(List<double[]> runs, int column) {
        double[] v = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v[v.length / 2];
    }

    /**
     * Wall ms, process CPU ms, simulator CPU ms (thread CPU inside the links' calls), JavaScript
     * runs, and bytes into and out of the modules on a serial line, of one {@code macro heapcheck --yes} over {@code n} fresh simulators, alternately 3.3.006
     * and 3.3.005 ({@code firmwares} "mixed"; "005" or "006": all of that version).
     */
    private static double[] runFleet(SimFixture fx, MacroTool tool, int n, Fault link, boolean pty, String tag, String firmwares) throws Exception {
        Map<String, ModuleLink> links = new LinkedHashMap<>();
        List<SimulatedModule> modules = new ArrayList<>();
        List<dev.fieldshell.shell.link.SimLink> simLinks = new ArrayList<>();
        List<ModuleLink> serialLinks = new ArrayList<>();
        java.util.concurrent.atomic.AtomicLong simNanos = new java.util.concurrent.atomic.AtomicLong();
        for (int i = 0; i < n; i++) {
            SimulatedModule.Builder b = SimulatedModule.builder().firmware(
                    firmwares.equals("006") || (firmwares.equals("mixed") && i % 2 == 0) ? SimFixture.FW_3_3_006 : SimFixture.FW_3_3_005);
            if (link != null) {
                b.fault(link);
            }
            if (pty) {
                b.serial(true);
            }
            // A store of its own per run, link and transport: a used one would need nothing sent.
            SimulatedModule m = fx.start(b, tag + "-" + (link == null ? "0" : link.toString().replaceAll("\\W", "")) + (pty ? "-pty" : "") + "-" + i);
            modules.add(m);
            ModuleLink ml;
            if (pty) {
                ml = dev.fieldshell.shell.link.SerialLink.open((dev.fieldshell.shell.link.TargetSpec.Serial)
                        dev.fieldshell.shell.link.Targets.parse("serial:" + m.serialPath().orElseThrow()));
                serialLinks.add(ml);
            } else {
                dev.fieldshell.shell.link.SimLink sl = m.link();
                simLinks.add(sl);
                ml = sl;
            }
            links.put(tag + "-" + i, new CpuCountingLink(ml, simNanos));
        }
        List<String> words = new ArrayList<>(List.of("heapcheck", "--yes", "--force", "--target", String.join(",", links.keySet())));
        StringBuffer said = new StringBuffer();
        MacroWorkflow.Ui quiet = new MacroWorkflow.Ui() {
            public void println(String line) {
                said.append(line).append('\n');
            }

            public boolean confirm(String q) {
                return true;
            }
        };
        long js0 = tool.runner().runs();
        long p0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        int code = tool.macro(words, SimFixture.targets(links, links.keySet().iterator().next()), quiet);
        long t1 = System.nanoTime();
        long p1 = OS.getProcessCpuTime();
        // Every module must really have been changed and verified: a store left from an earlier run would send nothing.
        long applied = said.toString().lines().filter(l -> l.matches("\\S+(:| +\\S+ +\\d+) +applied.*")).count();
        if (code != 0 || applied != n) {
            throw new IllegalStateException("fleet run did not apply everywhere (" + applied + " of " + n + "):\n" + said);
        }
        serialLinks.forEach(ModuleLink::close);
        modules.forEach(SimulatedModule::close);
        long in = 0;
        long out = 0;
        for (dev.fieldshell.shell.link.SimLink sl : simLinks) {
            in += sl.serialLine().map(l -> l.bytesIn()).orElse(0L);
            out += sl.serialLine().map(l -> l.bytesOut()).orElse(0L);
        }
        return new double[] {(t1 - t0) / 1e6, (p1 - p0) / 1e6, simNanos.get() / 1e6, tool.runner().runs() - js0, in, out};
    }

    /** A link that adds the calling thread's CPU spent inside the simulator (run, upload) to a counter. */
    private record CpuCountingLink(ModuleLink link, java.util.concurrent.atomic.AtomicLong nanos) implements ModuleLink {
        public String target() { return link.target(); }
        public dev.fieldshell.shell.link.ModuleInfo info() { return link.info(); }
        public dev.fieldshell.shell.link.CommandResult run(String line) throws dev.fieldshell.shell.link.LinkException {
            long c = THREADS.getCurrentThreadCpuTime();
            try {
                return link.run(line);
            } finally {
                nanos.addAndGet(THREADS.getCurrentThreadCpuTime() - c);
            }
        }
        public dev.fieldshell.shell.link.CommandResult stream(String line, java.util.function.Consumer<String> sink) throws dev.fieldshell.shell.link.LinkException {
            return link.stream(line, sink);
        }
        public void interrupt() { link.interrupt(); }
        public boolean canUpload() { return link.canUpload(); }
        public void upload(String path, byte[] content) throws dev.fieldshell.shell.link.LinkException {
            long c = THREADS.getCurrentThreadCpuTime();
            try {
                link.upload(path, content);
            } finally {
                nanos.addAndGet(THREADS.getCurrentThreadCpuTime() - c);
            }
        }
        public void close() { link.close(); }
    }
}
