package dev.fieldshell.kb.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldshell.kb.bench.SyntheticCorpus;
import dev.fieldshell.kb.index.KnowledgeBase;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The development evaluation corpus (real GitHub issue JSON and pipermail archives) and a synthetic
 * archive go through the importers without a rejection, every id a query names exists, and importing
 * everything a second time leaves the index byte-for-byte unchanged: same documents, same content
 * hashes, no new commit, no new segment file.
 */
class CorpusReimportTest {
    @TempDir
    Path tmp;

    @Test
    void evalCorpusImportsCleanlyAndReimportChangesNothing() throws Exception {
        Path corpus = Path.of("src/test/resources/eval/corpus");
        Path synthetic = tmp.resolve("synthetic.txt");
        try (Writer w = Files.newBufferedWriter(synthetic, StandardCharsets.UTF_8)) {
            new SyntheticCorpus(3, 500).mails(w, 0, 500);
        }
        Path kbDir = tmp.resolve("kb");
        List<String> inputs = List.of(corpus.toString(), synthetic.toString());
        long docs;
        Map<String, String> hashes = new TreeMap<>();
        try (KnowledgeBase kb = KnowledgeBase.open(kbDir)) {
            IngestSummary s = new Ingestor(kb, ImportLimits.DEFAULT).ingest(inputs);
            assertThat(s.problems()).isEmpty();
            docs = kb.stats().documents();
            assertThat(docs).isEqualTo(s.added()).isGreaterThan(500);
            for (String id : relevantIds()) {
                assertThat(kb.get(id)).as("relevant document %s", id).isPresent();
                hashes.put(id, kb.contentHash(id).orElseThrow());
            }
            for (int i = 0; i < 500; i += 50) {
                String id = "synthetic-0-" + i + "@bench.fieldshell.invalid";
                hashes.put(id, kb.contentHash(id).orElseThrow());
            }
        }
        Map<String, String> filesBefore = files(kbDir);

        try (KnowledgeBase kb = KnowledgeBase.open(kbDir)) {
            long generation = kb.stats().generation();
            IngestSummary again = new Ingestor(kb, ImportLimits.DEFAULT).ingest(inputs);
            assertThat(again.added() + again.updated()).isZero();
            assertThat(again.unchanged()).isEqualTo(docs);
            assertThat(kb.stats().documents()).isEqualTo(docs);
            assertThat(kb.stats().generation()).as("no new commit point").isEqualTo(generation);
            for (Map.Entry<String, String> e : hashes.entrySet()) {
                assertThat(kb.contentHash(e.getKey())).contains(e.getValue());
            }
        }
        assertThat(files(kbDir)).as("no index file written, changed or removed").isEqualTo(filesBefore);
    }

    private static List<String> relevantIds() throws Exception {
        List<String> ids = new ArrayList<>();
        ObjectMapper m = new ObjectMapper();
        for (String line : Files.readAllLines(Path.of("src/test/resources/eval/queries.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode q = m.readTree(line);
            q.path("relevant").forEach(r -> ids.add(r.asText().replaceAll("^<|>$", "")));
        }
        assertThat(ids).isNotEmpty();
        return ids;
    }

    /** Index files (not the lock) with size and modification time. */
    private static Map<String, String> files(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> !p.getFileName().toString().equals("write.lock")).toList()) {
                out.put(p.getFileName().toString(), Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return out;
    }
}
