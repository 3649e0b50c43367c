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
 */
public final class SimBenchmark {
    private SimBenchmark() {}

    public static void main(String[] args) throws Exception {
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
}
