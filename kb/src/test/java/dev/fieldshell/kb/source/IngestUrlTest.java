package dev.fieldshell.kb.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.fieldshell.kb.index.KbDocument;
import dev.fieldshell.kb.index.KnowledgeBase;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kb ingest URL}: a pipermail month fetched over HTTP from a local server, as from the list archive. */
class IngestUrlTest {
    @TempDir
    Path tmp;

    private HttpServer server;
    private final List<String> requested = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws Exception {
        byte[] month;
        try (InputStream in = IngestUrlTest.class.getResourceAsStream("pipermail-2026-January.txt")) {
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(gz)) {
                in.transferTo(out);
            }
            month = gz.toByteArray();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            requested.add(ex.getRequestURI().getPath());
            if (ex.getRequestURI().getPath().equals("/pipermail/ovmsdev/2026-January.txt.gz")) {
                ex.getResponseHeaders().add("Content-Type", "application/x-gzip");
                ex.sendResponseHeaders(200, month.length);
                ex.getResponseBody().write(month);
            } else if (ex.getRequestURI().getPath().equals("/old/2026-January.txt.gz")) {
                ex.getResponseHeaders().add("Location", "/pipermail/ovmsdev/2026-January.txt.gz");
                ex.sendResponseHeaders(301, -1);
            } else {
                ex.sendResponseHeaders(404, -1);
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void aGzippedPipermailMonthIsImportedFromItsUrl() throws Exception {
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            IngestSummary s = new Ingestor(kb, ImportLimits.DEFAULT).ingest(List.of(url("/pipermail/ovmsdev/2026-January.txt.gz")));
            assertThat(s.inputs()).isEqualTo(1);
            assertThat(s.added()).isEqualTo(3);
            assertThat(s.rejected()).isZero();
            KbDocument first = kb.get("crash-0002@expeedo.de").orElseThrow();
            assertThat(first.title()).isEqualTo("Heap corruption alerts & heap tracing");
            assertThat(first.crashes()).isNotEmpty();

            // the same URL again: nothing changes
            IngestSummary again = new Ingestor(kb, ImportLimits.DEFAULT).ingest(List.of(url("/pipermail/ovmsdev/2026-January.txt.gz")));
            assertThat(again.added()).isZero();
            assertThat(again.unchanged()).isEqualTo(3);
        }
    }

    @Test
    void redirectsAreFollowedAndAMissingPageIsOneRejectionLine() throws Exception {
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            String missing = url("/pipermail/ovmsdev/2099-January.txt.gz");
            IngestSummary s = new Ingestor(kb, ImportLimits.DEFAULT).ingest(List.of(missing, url("/old/2026-January.txt.gz")));
            assertThat(s.inputs()).isEqualTo(2);
            assertThat(s.added()).isEqualTo(3);
            assertThat(s.rejected()).isEqualTo(1);
            assertThat(s.problems()).singleElement().asString().contains(missing).contains("HTTP 404");
            assertThat(requested).contains("/old/2026-January.txt.gz", "/pipermail/ovmsdev/2026-January.txt.gz");
        }
    }
}
