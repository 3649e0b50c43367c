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
 *   <li>{@code fleet}: {@code macro heapcheck --yes} (plan, apply, verify) on one simulator and on
 *       twenty in parallel, without and with a per-command latency like a real link's.</li>
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
                    fleet(fx, 0);
                    fleet(fx, Long.parseLong(args.length > 1 ? args[1] : "20"));
                }
                default -> throw new IllegalArgumentException("plan, plan-after-tab [ms] or fleet [latency ms]");
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

    private static void fleet(SimFixture fx, long latencyMs) throws Exception {
        MacroTool tool = new MacroTool(fx.dirs);
        // Warm the engine and the simulator code first: the comparison is about the fleet, not JIT.
        for (int w = 0; w < 3; w++) {
            runFleet(fx, tool, 1, latencyMs, "warm" + w);
        }
        runFleet(fx, tool, 20, latencyMs, "warm20");
        double[] one = new double[3];
        double[] twenty = new double[3];
        double[] oneCpu = new double[3];
        double[] twentyCpu = new double[3];
        for (int r = 0; r < 3; r++) {
            double[] o = runFleet(fx, tool, 1, latencyMs, "one" + r);
            double[] t = runFleet(fx, tool, 20, latencyMs, "twenty" + r);
            one[r] = o[0];
            oneCpu[r] = o[1];
            twenty[r] = t[0];
            twentyCpu[r] = t[1];
        }
        Arrays.sort(one);
        Arrays.sort(twenty);
        Arrays.sort(oneCpu);
        Arrays.sort(twentyCpu);
        System.out.printf("apply+verify, latency %d ms/command: 1 module %.0f ms wall (%.0f ms process CPU), 20 modules in parallel %.0f ms wall"
                + " (%.0f ms process CPU, %.1f ms per module) (medians of 3), wall ratio %.2f; load average %.2f%n",
                latencyMs, one[1], oneCpu[1], twenty[1], twentyCpu[1], twentyCpu[1] / 20, twenty[1] / one[1], OS.getSystemLoadAverage());
    }

    /** Wall and process CPU milliseconds of one {@code macro heapcheck --yes} over {@code n} fresh simulators. */
    private static double[] runFleet(SimFixture fx, MacroTool tool, int n, long latencyMs, String tag) throws Exception {
        Map<String, ModuleLink> links = new LinkedHashMap<>();
        List<SimulatedModule> modules = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SimulatedModule.Builder b = SimulatedModule.builder().firmware(i % 2 == 0 ? SimFixture.FW_3_3_006 : SimFixture.FW_3_3_005);
            if (latencyMs > 0) {
                b.fault(new Fault.Latency(latencyMs));
            }
            SimulatedModule m = fx.start(b, tag + "-" + latencyMs + "-" + i);
            modules.add(m);
            links.put(tag + "-" + i, m.link());
        }
        List<String> words = new ArrayList<>(List.of("heapcheck", "--yes", "--force", "--target", String.join(",", links.keySet())));
        MacroWorkflow.Ui quiet = new MacroWorkflow.Ui() {
            public void println(String line) {}

            public boolean confirm(String q) {
                return true;
            }
        };
        long p0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        int code = tool.macro(words, SimFixture.targets(links, links.keySet().iterator().next()), quiet);
        long t1 = System.nanoTime();
        long p1 = OS.getProcessCpuTime();
        if (code != 0) {
            throw new IllegalStateException("fleet run failed");
        }
        modules.forEach(SimulatedModule::close);
        return new double[] {(t1 - t0) / 1e6, (p1 - p0) / 1e6};
    }
}
