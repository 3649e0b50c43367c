package dev.fieldshell.kb.heap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.symbols.TextSymbolMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Seed003AnalysisTest {
    @TempDir
    Path dir;

    private HeapAnalysis analyzeBoth() throws Exception {
        Seed003Dumps.writeBoth(dir);
        var syms = TextSymbolMap.parse(Files.readString(dir.resolve("symbols.txt")), "symbols.txt");
        assertThat(syms.problems()).isEmpty();
        AnalysisOptions opts = AnalysisOptions.defaults().withResolver(FrameResolver.of(syms.table()));
        return HeapTraceFiles.analyze(opts, List.of(dir.resolve("window_90s.json"), dir.resolve("window_600s.json")));
    }

    @Test
    void certBundleChainIsTheLeakWithItsPerHandshakeFingerprint() throws Exception {
        HeapAnalysis a = analyzeBoth();

        assertThat(a.windows()).extracting(WindowReport::records).containsExactly(26L, 107L);
        assertThat(a.windows()).extracting(WindowReport::durationSeconds).containsExactly(90.0, 600.0);
        ChainReport crt = a.chains().get(0);
        assertThat(crt.key()).isEqualTo("esp_crt_copy_asn1 < esp_crt_ca_cb_callback");
        assertThat(crt.verdict()).isEqualTo(Verdict.LIKELY_LEAK);
        assertThat(crt.fingerprint().sizes()).containsExactly(2L, 3L, 12L, 16L, 24L, 32L, 45L, 81L, 168L);
        assertThat(crt.fingerprint().describe()).isEqualTo("2/3/12/16/24/32/45/81/168 B");
        assertThat(crt.windows()).extracting(ChainWindow::repeats).containsExactly(2L, 9L);
        assertThat(crt.persistence()).isIn(Persistence.PERSISTS, Persistence.GROWS);
        assertThat(crt.windows().get(0).alivePerMinute()).isEqualTo(12.0);
        assertThat(crt.windows().get(1).alivePerMinute()).isEqualTo(8.1);
        assertThat(crt.reason()).contains("live in both windows").contains("2/3/12/16/24/32/45/81/168 B");
        assertThat(crt.falsePositive()).isEmpty();
    }

    @Test
    void httpClientAndPbufChainsAreTransient() throws Exception {
        HeapAnalysis a = analyzeBoth();
        for (String fn : List.of("esp_http_client_init", "esp_http_client_set_url", "http_header_set",
                "mbedtls_ssl_set_hostname", "esp_transport_init", "pbuf_alloc")) {
            ChainReport c = HeapTraceFiles.chain(a, fn);
            assertThat(c.verdict()).as(fn + ": " + c.reason()).isEqualTo(Verdict.TRANSIENT);
        }
        assertThat(HeapTraceFiles.chain(a, "pbuf_alloc").falsePositive()).contains("TCP/IP buffers");
        assertThat(HeapTraceFiles.chain(a, "esp_http_client_init").persistence()).isEqualTo(Persistence.APPEARS);
        assertThat(a.chains(Verdict.LIKELY_LEAK)).hasSize(1);
    }
}
