package dev.fieldshell.kb.heap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.index.DocType;
import dev.fieldshell.kb.index.KbDocument;
import dev.fieldshell.kb.index.KnowledgeBase;
import dev.fieldshell.kb.suggest.StandardAnalysis;
import dev.fieldshell.kb.suggest.SuggestSession;
import dev.fieldshell.kb.symbols.TextSymbolMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KB matches per chain, through the real suggester on a real Lucene index on disk. */
class HeapKbMatchTest {
    @TempDir
    Path dir;

    @Test
    void certBundleNoteIsFoundFromTheEspCrtChain() throws Exception {
        Path kbDir = dir.resolve("kb");
        try (KnowledgeBase kb = KnowledgeBase.open(kbDir)) {
            kb.upsert(note("note:esp-crt-bundle-leak", "mbedTLS certificate bundle leaks X.509 fragments on every TLS handshake",
                    "Heap traces show a chain through esp_crt_copy_asn1 and esp_crt_ca_cb_callback from"
                            + " x509_crt_verify_chain that leaves 2/3/12/16/24/32/45/81/168 B blocks per reconnect.",
                    List.of("esp_crt_bundle", "mbedtls")));
            kb.upsert(note("note:mongoose-mg-send", "Mongoose mg_send crash on a freed connection",
                    "LoadProhibited in mg_send from mg_mgr_poll when the netmanager task races the server task.",
                    List.of("mongoose")));
            kb.commit();
        }
        Seed003Dumps.writeBoth(dir);
        var syms = TextSymbolMap.parse(Files.readString(dir.resolve("symbols.txt")), "symbols.txt");
        HeapAnalyzer an = new HeapAnalyzer(AnalysisOptions.defaults().withResolver(FrameResolver.of(syms.table())));
        for (String f : List.of("window_90s.json", "window_600s.json")) {
            try (var r = Files.newBufferedReader(dir.resolve(f))) {
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
        assertThat(HeapTraceFiles.chain(a, "esp_http_client_init").kb()).extracting(KbMatch::id)
                .doesNotContain("note:esp-crt-bundle-leak");
    }

    private static KbDocument note(String id, String title, String text, List<String> components) {
        return new KbDocument(id, DocType.NOTE, title, "", "2026-05-04", "", text, List.of(), List.of(), id, List.of(),
                List.of(), components, "open", "", text, "", List.of());
    }
}
