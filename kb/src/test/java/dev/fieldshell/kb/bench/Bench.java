package dev.fieldshell.kb.bench;

import dev.fieldshell.kb.index.KbStats;
import dev.fieldshell.kb.index.KnowledgeBase;
import dev.fieldshell.kb.source.ImportLimits;
import dev.fieldshell.kb.source.IngestSummary;
import dev.fieldshell.kb.source.Ingestor;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Import benchmark: {@code Bench DOCUMENTS WORK_DIR}. Generates a synthetic corpus (see
 * {@link SyntheticCorpus}) unless it already exists, imports it into a fresh KB, and prints documents,
 * seconds, documents/s, index bytes per document and the peak heap used. Run with the heap limit
 * under test, e.g. {@code java -Xmx512m -cp … dev.fieldshell.kb.bench.Bench 1000000 /tmp/bench}.
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) throws Exception {
        long documents = Long.parseLong(args[0]);
        Path work = Path.of(args[1]);
        Path corpus = work.resolve("corpus-" + documents);
        SyntheticCorpus.Written w;
        long g0 = System.nanoTime();
        if (!Files.isDirectory(corpus)) {
            w = new SyntheticCorpus(1, 20_000).write(corpus, documents);
            System.out.printf("generated %d documents (%d mails, %d issues, %d crash records), %.1f MB, in %.1f s%n", w.documents(),
                    w.mails(), w.issues(), w.crashes(), w.bytes() / 1e6, (System.nanoTime() - g0) / 1e9);
        }
        Path kbDir = work.resolve("kb-" + documents);
        deleteTree(kbDir);
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        IngestSummary s;
        KbStats stats;
        try (KnowledgeBase kb = KnowledgeBase.open(kbDir)) {
            s = new Ingestor(kb, ImportLimits.DEFAULT).ingest(java.util.List.of(corpus.toString()));
            stats = kb.stats();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpuSecs = (os.getProcessCpuTime() - cpu0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        long docs = s.documents();
        System.out.printf("imported %d documents (%d rejected) in %.1f s wall, %.1f s CPU (all threads): %.0f docs/s wall, "
                + "%.0f docs per CPU-second; index %.1f MB = %.0f bytes/doc; peak heap %.0f MB (max %d MB); %d crash docs; "
                + "load average %.1f on %d CPUs%n", docs, s.rejected(), secs, cpuSecs, docs / secs, docs / cpuSecs, stats.sizeBytes() / 1e6,
                (double) stats.sizeBytes() / Math.max(1, docs), peak / 1e6, Runtime.getRuntime().maxMemory() >> 20, stats.crashes(),
                os.getSystemLoadAverage(), os.getAvailableProcessors());
        s.problems().stream().limit(5).forEach(p -> System.out.println("  " + p));
        System.out.println("CPU by thread group (whole process, JVM start and corpus generation included): " + threadCpu());
    }

    /**
     * CPU seconds per thread group from /proc (Linux only), so GC and JIT threads, which a Java profiler does
     * not sample, show up too. Trailing numbers are dropped from names so that e.g. all GC workers are one group.
     */
    static String threadCpu() {
        sampleThreads();
        if (THREAD_CPU.isEmpty()) {
            return "(no /proc)";
        }
        java.util.Map<String, Double> byGroup = new java.util.TreeMap<>();
        THREAD_CPU.values().forEach(e -> byGroup.merge(e.getKey().replaceAll("[#\\d\\s]+$", ""), e.getValue(), Double::sum));
        StringBuilder sb = new StringBuilder();
        byGroup.entrySet().stream().filter(e -> e.getValue() >= 0.1)
                .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sb.append(String.format("%s %.1f s, ", e.getKey(), e.getValue())));
        return sb.length() == 0 ? "-" : sb.substring(0, sb.length() - 2);
    }

    /** Thread id → (name, CPU seconds) as last seen; sampled every second so that threads that end are not lost. */
    private static final java.util.Map<String, java.util.Map.Entry<String, Double>> THREAD_CPU = new java.util.concurrent.ConcurrentHashMap<>();

    static {
        Thread sampler = new Thread(() -> {
            while (true) {
                sampleThreads();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private static void sampleThreads() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return;
        }
        try (Stream<Path> s = Files.list(tasks)) {
            for (Path t : s.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double secs = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks
                    THREAD_CPU.put(t.getFileName().toString(), java.util.Map.entry(name, secs));
                } catch (Exception e) {
                    // thread ended while we listed
                }
            }
        } catch (Exception e) {
            // no /proc: leave the map empty
        }
    }

    static void deleteTree(Path p) throws Exception {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
