package dev.fieldshell.kb.suggest.bench;

import dev.fieldshell.kb.bench.SyntheticCorpus;
import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.index.KbHit;
import dev.fieldshell.kb.index.KbSchema;
import dev.fieldshell.kb.index.KnowledgeBase;
import dev.fieldshell.kb.source.ImportLimits;
import dev.fieldshell.kb.source.Ingestor;
import dev.fieldshell.kb.suggest.StandardAnalysis;
import dev.fieldshell.kb.suggest.SuggestSession;
import dev.fieldshell.kb.suggest.SymbolSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.search.MatchAllDocsQuery;

/**
 * Suggest latency in a warm process over KBs of the synthetic corpus (kbindex's generator):
 * {@code SuggestBenchmark WORK_DIR SIZE…}. For each size: write the corpus, ingest it, take 300 crash
 * texts from the KB's own documents (each followed by a fresh user sentence), warm up, then time
 * {@code SuggestSession.suggest} (parse, symbolize, rank) for each and print p50/p99. Keeps the KB
 * at {@code WORK_DIR/kb-SIZE} for the one-shot CLI measurement, and reuses one already there (e.g.
 * built by {@code kb.bench.Bench SIZE WORK_DIR}). {@code -Dsuggest.warmups=N}: warm-up rounds (3).
 */
public final class SuggestBenchmark {
    private SuggestBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        for (String size : Arrays.copyOfRange(args, 1, args.length)) {
            long n = Long.parseLong(size);
            Path corpus = work.resolve("corpus-" + n);
            Path kbDir = work.resolve("kb-" + n);
            long t0 = System.nanoTime();
            if (!Files.exists(kbDir)) {
                // the same corpus as kb.bench.Bench (seed 1, 20 000 frame names), so a KB it built is reused
                SyntheticCorpus.Written w = new SyntheticCorpus(1, 20_000).write(corpus, n);
                try (KnowledgeBase kb = KnowledgeBase.open(kbDir)) {
                    new Ingestor(kb, ImportLimits.DEFAULT).ingest(w.files().stream().map(Path::toString).toList());
                }
            }
            long built = System.nanoTime() - t0;
            try (KnowledgeBase kb = KnowledgeBase.open(kbDir)) {
                List<String> queries = new ArrayList<>();
                int i = 0;
                for (KbHit h : kb.search(new MatchAllDocsQuery(), 20_000)) {
                    if (i++ % 37 != 0) {
                        continue;
                    }
                    for (CrashReport c : h.document().crashes()) {
                        if (!c.rawText().isBlank() && queries.size() < 300) {
                            queries.add("My module rebooted again this morning.\n" + c.rawText());
                            break;
                        }
                    }
                }
                SuggestSession session = new SuggestSession(kb, StandardAnalysis.get());
                int warmups = Integer.getInteger("suggest.warmups", 3);
                for (int r = 0; r < warmups; r++) {
                    for (String q : queries) {
                        session.suggest(q, SymbolSources.none(), 5);
                    }
                }
                java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
                long[] times = new long[queries.size()];
                long[] cpu = new long[queries.size()];
                for (int k = 0; k < queries.size(); k++) {
                    long c = mx.getCurrentThreadCpuTime();
                    long s = System.nanoTime();
                    session.suggest(queries.get(k), SymbolSources.none(), 5);
                    times[k] = System.nanoTime() - s;
                    cpu[k] = mx.getCurrentThreadCpuTime() - c;
                }
                Arrays.sort(times);
                Arrays.sort(cpu);
                int p99 = (int) Math.min(times.length - 1, Math.ceil(times.length * 0.99) - 1);
                System.out.printf("%d documents (%d in KB, built in %.0f s): %d queries, wall p50 %.1f ms p99 %.1f ms;"
                        + " thread CPU p50 %.1f ms p99 %.1f ms; load %.1f%n", n,
                        kb.stats().documents(), built / 1e9, times.length, times[times.length / 2] / 1e6, times[p99] / 1e6,
                        cpu[cpu.length / 2] / 1e6, cpu[p99] / 1e6,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                Files.writeString(work.resolve("crash-" + n + ".txt"), queries.get(0));
            }
        }
    }
}
