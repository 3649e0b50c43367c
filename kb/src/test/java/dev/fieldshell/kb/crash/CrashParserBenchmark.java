package dev.fieldshell.kb.crash;

import dev.fieldshell.kb.explain.Explainer;
import dev.fieldshell.kb.signature.SignatureGenerator;
import java.util.List;

/**
 * Throughput of the crash parser, the signature generator and the explainer, for BENCHMARKS.md.
 * Not a test. Run: {@code mvn -q -pl kb test-compile} then
 * {@code java -cp kb/target/classes:kb/target/test-classes:$(cat /tmp/kb.cp) dev.fieldshell.kb.crash.CrashParserBenchmark}
 * (class path of kb's dependencies from {@code mvn -q -pl kb dependency:build-classpath -Dmdep.outputFile=/tmp/kb.cp}).
 */
public final class CrashParserBenchmark {
    private CrashParserBenchmark() {}

    public static void main(String[] args) {
        StringBuilder corpus = new StringBuilder();
        for (String f : NoisyVariantsTest.FIXTURES) {
            String clean = Fixtures.read(f);
            corpus.append(clean).append('\n');
            for (Noise.Variant v : Noise.variants()) {
                corpus.append(v.apply().apply(clean)).append('\n');
            }
        }
        String unit = corpus.toString();
        String text = unit.repeat(Math.max(1, (8 << 20) / unit.length()));
        String prose = "Hi all, the module rebooted again while charging; nothing unusual in the log.\n".repeat(100_000);
        System.out.printf("corpus: %.1f MB crash text (%d fixtures x %d noise variants), %.1f MB prose%n",
                text.length() / 1e6, NoisyVariantsTest.FIXTURES.size(), Noise.variants().size() + 1, prose.length() / 1e6);
        for (int i = 0; i < 3; i++) { // warm-up
            CrashParser.parse(text);
        }
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        int rounds = 5;
        int crashes = 0;
        for (int i = 0; i < rounds; i++) {
            crashes = CrashParser.parse(text).size();
        }
        double s = (System.nanoTime() - t0) / 1e9 / rounds;
        double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9 / rounds;
        System.out.printf("parse crash text: %.1f MB/s wall, %.1f MB/s per CPU second, %.0f crashes/s wall (%d crashes per pass)%n",
                text.length() / 1e6 / s, text.length() / 1e6 / cpu, crashes / s, crashes);
        c0 = mx.getCurrentThreadCpuTime();
        t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            CrashParser.parse(prose);
        }
        s = (System.nanoTime() - t0) / 1e9 / rounds;
        cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9 / rounds;
        System.out.printf("parse prose (no crash): %.1f MB/s wall, %.1f MB/s per CPU second%n", prose.length() / 1e6 / s,
                prose.length() / 1e6 / cpu);
        List<CrashReport> reports = CrashParser.parse(text);
        t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            for (CrashReport r : reports) {
                SignatureGenerator.standard().generate(r);
            }
        }
        s = (System.nanoTime() - t0) / 1e9 / rounds;
        System.out.printf("signatures: %.0f crashes/s%n", reports.size() / s);
        t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            for (CrashReport r : reports) {
                Explainer.standard().explain(r);
            }
        }
        s = (System.nanoTime() - t0) / 1e9 / rounds;
        System.out.printf("explanations: %.0f crashes/s%n", reports.size() / s);
    }
}
