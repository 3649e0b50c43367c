package dev.fieldshell.kb.heap;

import java.io.InputStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;

/**
 * Analysis time and peak heap for one million records (BENCHMARKS.md). Not a test: run with
 * <pre>
 * mvn -B -q -pl kb test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx512m -cp kb/target/classes:kb/target/test-classes:$(cat /tmp/cp.txt) dev.fieldshell.kb.heap.HeapAnalysisBenchmark [runs [format]]
 * </pre>
 * Run 1 of the first format is cold (JIT compilation included); {@code 1 json-window} gives a cold JSON run.
 * Both shapes are generated into temporary files first (not timed), then read back through the same path
 * the CLI uses: an OVMS
 * {@code module trace dump} in HEAP_TRACE_ALL mode (two thirds of the records freed) and a seed-003
 * JSON window. 500 caller chains of depth 4, sizes 8–520 B, CCOUNT at 240 MHz with wraps.
 */
public final class HeapAnalysisBenchmark {
    static final int RECORDS = 1_000_000;
    static final int CHAINS = 500;

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("write")) {
            write(java.nio.file.Path.of(args[1]));
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<String> formats = args.length > 1 ? List.of(args[1]) : List.of("ovms-text", "json-window");
        System.out.printf(Locale.ROOT, "java %s, %d cores, max heap %d MiB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("heapbench");
        for (String format : formats) {
            java.nio.file.Path file = dir.resolve(format + ".txt");
            try (Reader gen = format.equals("ovms-text") ? new TextDump(RECORDS) : new JsonDump(RECORDS);
                    var w = java.nio.file.Files.newBufferedWriter(file)) {
                gen.transferTo(w);
            }
            System.out.printf(Locale.ROOT, "%s: %d MiB on disk%n", format, java.nio.file.Files.size(file) >> 20);
            for (int i = 0; i < runs; i++) {
                System.gc();
                resetPeaks();
                long t0 = System.nanoTime();
                long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                long proc0 = processCpu();
                HeapAnalyzer an = new HeapAnalyzer(AnalysisOptions.defaults());
                try (InputStream in = java.nio.file.Files.newInputStream(file)) {
                    HeapTraceReader.read(in, format, an);
                }
                HeapAnalysis a = an.finish(ChainMatcher.NONE);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                long cpuMs = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1_000_000;
                long procMs = (processCpu() - proc0) / 1_000_000;
                System.out.printf(Locale.ROOT, "%-11s run %d: %d records, %d chains, wall %d ms, CPU %d ms (process incl. JIT"
                                + " and GC threads %d ms), peak heap %d MiB%n",
                        format, i + 1, a.records(), a.chains().size(), ms, cpuMs, procMs, peakHeap() >> 20);
            }
            java.nio.file.Files.delete(file);
        }
        java.nio.file.Files.delete(dir);
    }


    /** Writes both 1M-record dumps into {@code dir} (for timing {@code ./fieldshell heap analyze} on them). */
    private static void write(java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        for (String format : List.of("ovms-text", "json-window")) {
            java.nio.file.Path file = dir.resolve(format.equals("ovms-text") ? "million.txt" : "million.json");
            try (Reader gen = format.equals("ovms-text") ? new TextDump(RECORDS) : new JsonDump(RECORDS);
                    var w = java.nio.file.Files.newBufferedWriter(file)) {
                gen.transferTo(w);
            }
            System.out.printf(Locale.ROOT, "%s: %d MiB%n", file, java.nio.file.Files.size(file) >> 20);
        }
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Streams text produced record by record. */
    private abstract static class Generated extends Reader {
        private final int records;
        private int made;
        private String chunk;
        private int pos;
        long cc = 0x1c70b453L;

        Generated(int records, String head) {
            this.records = records;
            this.chunk = head;
        }

        abstract String record(int i);

        String tail() {
            return "";
        }

        @Override
        public int read(char[] buf, int off, int len) {
            int n = 0;
            while (n < len) {
                if (pos >= chunk.length()) {
                    if (made > records) {
                        break;
                    }
                    chunk = made < records ? record(made) : tail();
                    made++;
                    pos = 0;
                    continue;
                }
                int k = Math.min(len - n, chunk.length() - pos);
                chunk.getChars(pos, pos + k, buf, off + n);
                pos += k;
                n += k;
            }
            return n == 0 ? -1 : n;
        }

        @Override
        public void close() {}

        long step() {
            cc = (cc + 2_400_000 + (cc % 7) * 1000) & 0xffffffffL;
            return cc & ~3L;
        }
    }

    static final class TextDump extends Generated {
        TextDump(int n) {
            super(n, "Heap tracing started/resumed at ccount 0x1c70b453 = logtime 19415\n" + n + " allocations trace (" + n
                    + " entry buffer)\n");
        }

        @Override
        String record(int i) {
            int c = (int) Math.floorMod((long) i * 7919, (long) CHAINS);
            String rec = String.format(Locale.ROOT,
                    "%d bytes (@ 0x3ff%05x) allocated CPU %d task 0x3ffc%04x ccount 0x%08x caller 0x400d%04x:0x400e%04x:0x4010%04x:0x4012%04x%n",
                    8 + (c % 64) * 8, (i * 48) & 0xfffff, i & 1, c * 4, step(), c * 8, (c / 3) * 8, (c / 7) * 8, c % 5);
            return i % 3 == 0 ? rec : rec + String.format(Locale.ROOT, "freed task 0x3ffc%04x by 0x400f%04x:0x400e%04x:0x0:0x0%n", c * 4, c, c);
        }

        @Override
        String tail() {
            return "1000 bytes alive in trace (1/1 allocations)\ntotal allocations 1 total frees 1\n";
        }
    }

    static final class JsonDump extends Generated {
        JsonDump(int n) {
            super(n, "{\"count\": " + n + ", \"capacity\": " + n + ", \"leaks\": [\n");
        }

        @Override
        String record(int i) {
            int c = (int) Math.floorMod((long) i * 7919, (long) CHAINS);
            return String.format(Locale.ROOT,
                    "%s{\"sz\": %d, \"addr\": \"0x3fc%05x\", \"cc\": %d, \"pcs\": [\"0x4037%04x\", \"0x4200%04x\", \"0x420c%04x\", \"0x420d%04x\"]}%n",
                    i == 0 ? "" : ",", 8 + (c % 64) * 8, (i * 48) & 0xfffff, step(), c % 3, c * 8, (c / 3) * 8, (c / 7) * 8);
        }

        @Override
        String tail() {
            return "]}\n";
        }
    }
}
