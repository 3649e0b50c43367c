package dev.fieldshell.kb.bench;

import dev.fieldshell.kb.index.DocumentCodec;
import dev.fieldshell.kb.index.KbDocument;
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
import java.util.List;
import java.util.stream.Stream;

/**
 * Where import CPU goes, without Lucene: {@code StageBench CORPUS_DIR [ROUNDS]} runs the importers over a
 * corpus written by {@link Bench} into a sink that only serializes and hashes each document, and prints
 * the parsing thread's CPU time per document (round 1 includes JIT warm-up).
 */
public final class StageBench {
    private StageBench() {}

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean codec = args.length <= 2 || !args[2].equals("nocodec");
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.sorted().toList();
        }
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        for (int r = 1; r <= rounds; r++) {
            long[] docs = {0};
            long[] codecNs = {0};
            ImportSink sink = new ImportSink() {
                @Override
                public void document(KbDocument d) {
                    docs[0]++;
                    if (codec) {
                        long c0 = tm.getCurrentThreadCpuTime();
                        DocumentCodec.hashOfJson(DocumentCodec.toJsonString(d));
                        codecNs[0] += tm.getCurrentThreadCpuTime() - c0;
                    }
                }

                @Override
                public void problem(ImportProblem p) {}
            };
            MailImporter mail = new MailImporter(ImportLimits.DEFAULT);
            GithubIssueImporter gh = new GithubIssueImporter(ImportLimits.DEFAULT);
            CrashLogImporter cl = new CrashLogImporter(ImportLimits.DEFAULT);
            long[] per = new long[3];
            long[] perDocs = new long[3];
            long t0 = tm.getCurrentThreadCpuTime();
            for (Path f : files) {
                String n = f.getFileName().toString();
                long c0 = tm.getCurrentThreadCpuTime();
                long d0 = docs[0];
                int k;
                try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
                    if (n.startsWith("ovmsdev")) {
                        k = 0;
                        mail.read(in, n, sink);
                    } else if (n.startsWith("github")) {
                        k = 1;
                        gh.read(in, n, sink);
                    } else {
                        k = 2;
                        cl.read(in, n, n, sink);
                    }
                }
                per[k] += tm.getCurrentThreadCpuTime() - c0;
                perDocs[k] += docs[0] - d0;
            }
            long cpu = tm.getCurrentThreadCpuTime() - t0;
            System.out.printf("round %d: %d docs, %.1f µs CPU/doc (codec %.1f µs/doc); mail %.1f, issue %.1f, crashlog %.1f µs/doc; load %.1f%n",
                    r, docs[0], cpu / 1e3 / docs[0], codecNs[0] / 1e3 / docs[0],
                    per[0] / 1e3 / Math.max(1, perDocs[0]), per[1] / 1e3 / Math.max(1, perDocs[1]), per[2] / 1e3 / Math.max(1, perDocs[2]),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
