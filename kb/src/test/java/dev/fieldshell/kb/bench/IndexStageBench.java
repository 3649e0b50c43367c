package dev.fieldshell.kb.bench;

import dev.fieldshell.kb.index.KbDocument;
import dev.fieldshell.kb.index.KnowledgeBase;
import dev.fieldshell.kb.index.PreparedDocument;
import dev.fieldshell.kb.source.CrashLogImporter;
import dev.fieldshell.kb.source.GithubIssueImporter;
import dev.fieldshell.kb.source.ImportLimits;
import dev.fieldshell.kb.source.ImportProblem;
import dev.fieldshell.kb.source.ImportSink;
import dev.fieldshell.kb.source.MailImporter;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the indexing side's CPU goes, without parsing: {@code IndexStageBench CORPUS_DIR MAX_DOCS [ROUNDS]} parses up to
 * MAX_DOCS documents of a corpus written by {@link Bench} once, keeps them in memory, then per round prepares them
 * (canonical JSON, hash, Lucene fields) and writes them into a fresh KB, printing the CPU per document of each step
 * (this thread) and of the whole process (Lucene's merge threads, GC and JIT included). Round 1 includes JIT warm-up.
 */
public final class IndexStageBench {
    private IndexStageBench() {}

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        int max = Integer.parseInt(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<KbDocument> docs = read(corpus, max);
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Path dir = Files.createTempDirectory("index-stage");
        for (int r = 1; r <= rounds; r++) {
            Path kbDir = dir.resolve("kb-" + r);
            long p0 = os.getProcessCpuTime();
            long prepNs = 0;
            long indexNs = 0;
            try (KnowledgeBase kb = KnowledgeBase.open(kbDir)) {
                for (KbDocument d : docs) {
                    long c0 = tm.getCurrentThreadCpuTime();
                    PreparedDocument p = PreparedDocument.of(d);
                    long c1 = tm.getCurrentThreadCpuTime();
                    kb.upsert(p);
                    indexNs += tm.getCurrentThreadCpuTime() - c1;
                    prepNs += c1 - c0;
                }
                long c1 = tm.getCurrentThreadCpuTime();
                kb.commit();
                indexNs += tm.getCurrentThreadCpuTime() - c1;
            }
            double n = docs.size();
            System.out.printf("round %d: %d docs; prepare %.1f µs/doc, index+commit %.1f µs/doc (this thread); process %.1f µs/doc; "
                    + "index %.0f bytes/doc; load %.1f%n", r, docs.size(), prepNs / 1e3 / n, indexNs / 1e3 / n,
                    (os.getProcessCpuTime() - p0) / 1e3 / n, size(kbDir) / n, os.getSystemLoadAverage());
            Bench.deleteTree(kbDir);
        }
        Bench.deleteTree(dir);
    }

    static List<KbDocument> read(Path corpus, int max) throws Exception {
        List<KbDocument> out = new ArrayList<>();
        ImportSink sink = new ImportSink() {
            @Override
            public void document(KbDocument d) {
                if (out.size() < max) {
                    out.add(d);
                }
            }

            @Override
            public void problem(ImportProblem p) {}
        };
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.sorted().toList();
        }
        // the corpus files in name order, until max documents are read
        for (Path f : files) {
            if (out.size() >= max) {
                break;
            }
            String n = f.getFileName().toString();
            try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
                if (n.startsWith("ovmsdev")) {
                    new MailImporter(ImportLimits.DEFAULT).read(in, n, sink);
                } else if (n.startsWith("github")) {
                    new GithubIssueImporter(ImportLimits.DEFAULT).read(in, n, sink);
                } else {
                    new CrashLogImporter(ImportLimits.DEFAULT).read(in, n, n, sink);
                }
            }
        }
        return out;
    }

    private static long size(Path p) throws Exception {
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

}
