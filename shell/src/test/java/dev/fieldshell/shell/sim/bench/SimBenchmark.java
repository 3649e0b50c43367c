package dev.fieldshell.shell.sim.bench;

import dev.fieldshell.shell.link.SimLink;
import dev.fieldshell.shell.sim.SimulatedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Simulator costs: start-up, in-process command round trip, and a fleet of twenty SSH
 * simulators in one JVM. Run: {@code mvn -q -pl shell -am test-compile} then
 * {@code java -cp "shell/target/test-classes:shell/target/classes:$(ls shell/target/lib/*.jar | tr '\n' :)" dev.fieldshell.shell.sim.bench.SimBenchmark}.
 * With the argument {@code heapcheck-commands [rounds]}: the simulator's thread CPU for the nine
 * commands heapcheck sends a 3.3.006 module (3 reads, 3 writes, 3 verifies), each round on a fresh store.
 */
public final class SimBenchmark {
    private SimBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("heapcheck-commands")) {
            heapcheckCommands(args.length > 1 ? Integer.parseInt(args[1]) : 1000);
            return;
        }
        java.util.logging.Logger.getLogger("org.apache.sshd").setLevel(java.util.logging.Level.WARNING);
        Path tmp = Files.createTempDirectory("simbench");
        Path key = tmp.resolve("hostkey");
        try (SimulatedModule warm = SimulatedModule.builder().sshPort(0).hostKeyFile(key).build().start()) {
            warm.hostKeyFingerprint(); // key generated once, shared below
        }

        long t0 = System.nanoTime();
        try (SimLink link = SimLink.openDefault()) {
            long started = System.nanoTime();
            int n = 20000;
            for (int i = 0; i < 2000; i++) {
                link.run("echo warm");
            }
            long s = System.nanoTime();
            for (int i = 0; i < n; i++) {
                link.run("vfs echo 'line " + i + "' /store/bench/x");
            }
            long e = System.nanoTime();
            for (int i = 0; i < n; i++) {
                link.run("echo " + i);
            }
            long e2 = System.nanoTime();
            System.out.printf("SimLink round trip (echo): %.1f us/command over %d commands%n", (e2 - e) / 1e3 / n, n);
            System.out.printf("in-process simulator start: %.1f ms%n", (started - t0) / 1e6);
            System.out.printf("SimLink round trip (vfs echo to a file): %.1f us/command over %d commands%n", (e - s) / 1e3 / n, n);
        }

        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long f0 = System.nanoTime();
        List<SimulatedModule> fleet = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fleet.add(SimulatedModule.builder().name("m" + i).sshPort(0).hostKeyFile(key).build().start());
        }
        for (SimulatedModule m : fleet) {
            m.hostKeyFingerprint();
        }
        long f1 = System.nanoTime();
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        System.out.printf("20 SSH simulators started in %.0f ms, heap +%.1f MiB, live threads %d%n",
                (f1 - f0) / 1e6, (after - before) / 1048576.0, Thread.activeCount());
        for (SimulatedModule m : fleet) {
            m.close();
        }
    }

    private static void heapcheckCommands(int rounds) throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        String[] files = {"/store/events/usr.check.heap/00-checkheap", "/store/events/server.v2.stopped/90-checkheap",
            "/store/events/server.v3.stopped/90-checkheap"};
        String[] texts = {"module check alert", "event raise -d5000 usr.check.heap", "event raise -d5000 usr.check.heap"};
        List<String> commands = new ArrayList<>();
        for (String f : files) {
            commands.add("vfs stat " + f);
        }
        for (int i = 0; i < files.length; i++) {
            commands.add("vfs echo \"" + texts[i] + "\" " + files[i]);
        }
        for (String f : files) {
            commands.add("vfs stat " + f);
        }
        for (int pass = 0; pass < 3; pass++) { // the last pass counts; the first two warm up the JIT
            long[] per = new long[commands.size()];
            for (int r = 0; r < rounds; r++) {
                Path store = Files.createTempDirectory("simbench-store");
                try (SimulatedModule m = SimulatedModule.builder().store(store).build().start(); SimLink link = m.link()) {
                    for (int i = 0; i < per.length; i++) {
                        long c = threads.getCurrentThreadCpuTime();
                        link.run(commands.get(i));
                        per[i] += threads.getCurrentThreadCpuTime() - c;
                    }
                }
                try (var walk = Files.walk(store)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            if (pass == 2) {
                System.out.printf("heapcheck's 9 commands on a fresh 3.3.006 store: %.0f us of thread CPU (%d rounds; load %.2f)%n",
                        java.util.Arrays.stream(per).sum() / 1e3 / rounds, rounds,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                for (int i = 0; i < per.length; i++) {
                    System.out.printf("  %6.1f us  %s%n", per[i] / 1e3 / rounds, commands.get(i));
                }
            }
        }
    }
}
