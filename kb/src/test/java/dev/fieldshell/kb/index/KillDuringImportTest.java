package dev.fieldshell.kb.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.bench.IngestMain;
import dev.fieldshell.kb.bench.SyntheticCorpus;
import dev.fieldshell.kb.source.ImportLimits;
import dev.fieldshell.kb.source.IngestSummary;
import dev.fieldshell.kb.source.Ingestor;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM imports a large archive and is killed with SIGKILL after its first commits; the index it
 * leaves must be consistent, and importing again must end with every message present and nothing lost.
 */
class KillDuringImportTest {
    private static final int MESSAGES = 4_000;

    @TempDir
    Path tmp;

    @Test
    void sigkillMidImportLeavesAConsistentIndexAndReimportCompletesIt() throws Exception {
        Path archive = tmp.resolve("ovmsdev-big.txt");
        try (Writer w = Files.newBufferedWriter(archive, StandardCharsets.UTF_8)) {
            new SyntheticCorpus(42, 2000).mails(w, 0, MESSAGES);
        }
        Path kbDir = tmp.resolve("kb");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                IngestMain.class.getName(), kbDir.toString(), "200", archive.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            // wait for the child's second commit (generation >= 2 beyond the first), then kill it mid-way
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && child.isAlive() && generation(kbDir) < 3) {
                Thread.sleep(20);
            }
            assertThat(child.isAlive()).as("the child must still be importing when killed; log: %s",
                    Files.exists(tmp.resolve("child.log")) ? Files.readString(tmp.resolve("child.log")) : "").isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no IndexWriter.close()
            child.waitFor(30, TimeUnit.SECONDS);
        }

        long survived;
        try (FSDirectory dir = FSDirectory.open(kbDir); CheckIndex check = new CheckIndex(dir)) {
            check.setLevel(CheckIndex.Level.MIN_LEVEL_FOR_INTEGRITY_CHECKS);
            CheckIndex.Status status = check.checkIndex();
            assertThat(status.clean).as("CheckIndex after SIGKILL").isTrue();
            try (DirectoryReader r = DirectoryReader.open(dir)) {
                survived = r.numDocs();
            }
        }
        assertThat(survived).as("committed documents survive").isGreaterThan(0).isLessThan(MESSAGES);

        try (KnowledgeBase kb = KnowledgeBase.open(kbDir)) {
            IngestSummary s = new Ingestor(kb, ImportLimits.DEFAULT).ingest(List.of(archive.toString()));
            assertThat(s.rejected()).isZero();
            assertThat(s.unchanged()).as("what survived is recognized as unchanged").isEqualTo(survived);
            assertThat(s.added()).isEqualTo(MESSAGES - survived);
            assertThat(kb.stats().documents()).isEqualTo(MESSAGES);
            for (int i : new int[] {0, 1, MESSAGES / 2, MESSAGES - 1}) {
                assertThat(kb.get("synthetic-0-" + i + "@bench.fieldshell.invalid")).as("message %d", i).isPresent();
            }
        }
    }

    private static long generation(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Long> gens = new ArrayList<>();
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("segments_"))
                    .forEach(n -> gens.add(SegmentInfos.generationFromSegmentsFileName(n)));
            return gens.stream().mapToLong(Long::longValue).max().orElse(0);
        } catch (Exception e) {
            return 0;
        }
    }
}
