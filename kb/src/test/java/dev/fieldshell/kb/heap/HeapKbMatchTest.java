package dev.fieldshell.kb.heap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.index.KnowledgeBase;
import dev.fieldshell.kb.source.StarterNotes;
import dev.fieldshell.kb.suggest.StandardAnalysis;
import dev.fieldshell.kb.suggest.SuggestSession;
import dev.fieldshell.kb.symbols.TextSymbolMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KB matches per chain: the shipped notes in a real Lucene index on disk, through the real suggester. */
class HeapKbMatchTest {
    @TempDir
    Path dir;

    @Test
    void certBundleNoteIsFoundFromTheEspCrtChain() throws Exception {
        Path kbDir = dir.resolve("kb");
        try (KnowledgeBase kb = KnowledgeBase.open(kbDir)) {
            assertThat(StarterNotes.seed(kb, false)).isTrue(); // the curated notes fieldshell ships
        }
        Seed003Dumps.writeBoth(dir);
        var syms = TextSymbolMap.parse(Files.readString(dir.resolve("symbols.txt")), "symbols.txt");
        HeapAnalyzer an = new HeapAnalyzer(AnalysisOptions.defaults().withResolver(FrameResolver.of(syms.table())));
        for (String f : List.of("window_90s.json", "window_600s.json")) {
            try (var r = Files.newInputStream(dir.resolve(f))) {
                HeapTraceReader.read(r, f, an);
            }
        }
        HeapAnalysis a;
        try (KnowledgeBase kb = KnowledgeBase.open(kbDir)) {
            a = an.finish(new KbChainMatcher(new SuggestSession(kb, StandardAnalysis.get()), 3));
        }
        ChainReport crt = a.chains().get(0);
        assertThat(crt.key()).contains("esp_crt_copy_asn1");
        assertThat(crt.kb()).extracting(KbMatch::id).first().isEqualTo("note:esp-crt-bundle-leak");
        // the HTTP chains are transient: they still get KB matches (the same note says they are not the leak)
        assertThat(HeapTraceFiles.chain(a, "esp_http_client_init").verdict()).isEqualTo(Verdict.TRANSIENT);
    }

}
