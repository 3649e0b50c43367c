package dev.fieldshell.shell.macro;

import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.sim.Fault;
import dev.fieldshell.shell.sim.SimulatedModule;
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
 * Run: {@code mvn -q -pl shell -am test-compile && java -cp "$(cat cp.txt):shell/target/classes:shell/target/test-classes" dev.fieldshell.shell.macro.MacroBenchmark plan|fleet}
 */
public final class MacroBenchmark {

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("fieldshell-bench");
        try (SimFixture fx = new SimFixture(tmp)) {
            switch (args.length == 0 ? "plan" : args[0]) {
                case "plan" -> plan(fx);
                case "fleet" -> {
                    fleet(fx, 0);
                    fleet(fx, Long.parseLong(args.length > 1 ? args[1] : "20"));
                }
                default -> throw new IllegalArgumentException("plan or fleet");
            }
        }
    }

    private static void plan(SimFixture fx) throws Exception {
        SimulatedModule m = fx.start("bench", SimFixture.FW_3_3_006);
        ModuleLink link = m.link();
        MacroTool tool = new MacroTool(fx.dirs);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            long[] shown = {0};
            long t0 = System.nanoTime();
            MacroWorkflow.Ui ui = new MacroWorkflow.Ui() {
                public void println(String line) {
                    if (shown[0] == 0 && line.equals("OVMS commands:")) {
                        shown[0] = System.nanoTime();
                    }
                }

                public boolean confirm(String q) {
                    return false;
                }
            };
            tool.macro(List.of("heapcheck", "--after", "server.v2.stopped,server.v3.stopped", "--delay", "5000", "--dry-run"),
                    SimFixture.targets(Map.of("bench", link), "bench"), ui);
            times.add((shown[0] - t0) / 1e6);
        }
        double[] warm = times.subList(1, times.size()).stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("plan on screen: cold %.0f ms; warm median %.1f ms, p90 %.1f ms (%d runs)%n",
                times.get(0), warm[warm.length / 2], warm[(int) (warm.length * 0.9)], warm.length);
    }

    private static void fleet(SimFixture fx, long latencyMs) throws Exception {
        MacroTool tool = new MacroTool(fx.dirs);
        // Warm the engine and the simulator code first: the comparison is about the fleet, not JIT.
        runFleet(fx, tool, 1, latencyMs, "warm");
        double[] one = new double[3];
        double[] twenty = new double[3];
        for (int r = 0; r < 3; r++) {
            one[r] = runFleet(fx, tool, 1, latencyMs, "one" + r);
            twenty[r] = runFleet(fx, tool, 20, latencyMs, "twenty" + r);
        }
        Arrays.sort(one);
        Arrays.sort(twenty);
        System.out.printf("apply+verify, latency %d ms/command: 1 module %.0f ms, 20 modules in parallel %.0f ms (median of 3), ratio %.2f%n",
                latencyMs, one[1], twenty[1], twenty[1] / one[1]);
    }

    private static double runFleet(SimFixture fx, MacroTool tool, int n, long latencyMs, String tag) throws Exception {
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
        long t0 = System.nanoTime();
        int code = tool.macro(words, SimFixture.targets(links, links.keySet().iterator().next()), quiet);
        long t1 = System.nanoTime();
        if (code != 0) {
            throw new IllegalStateException("fleet run failed");
        }
        modules.forEach(SimulatedModule::close);
        return (t1 - t0) / 1e6;
    }
}
