package dev.fieldshell.kb.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fieldshell.kb.index.KbDocument;
import dev.fieldshell.kb.index.KnowledgeBase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live GitHub importer against recorded REST responses served by a local HTTP server: pagination
 * by the link header, comments fetched and embedded, ETag re-polls answered 304, rate-limit waits
 * (x-ratelimit-reset, retry-after), the token sent but never stored.
 */
class GithubLiveImporterTest {
    @TempDir
    Path tmp;
    HttpServer server;
    String base;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> authHeaders = new CopyOnWriteArrayList<>();
    final AtomicInteger rateLimitedFirst = new AtomicInteger();
    final AtomicInteger retryAfterFirst = new AtomicInteger();

    static final String PAGE1 = """
            [{"number": 1322, "title": "Mongoose: API level lock", "state": "closed",
              "html_url": "https://github.com/openvehicles/Open-Vehicle-Monitoring-System-3/pull/1322",
              "repository_url": "%s/repos/openvehicles/Open-Vehicle-Monitoring-System-3",
              "pull_request": {"merged_at": "2026-01-25T10:00:00Z"}, "comments": 1,
              "comments_url": "%s/repos/openvehicles/Open-Vehicle-Monitoring-System-3/issues/1322/comments",
              "updated_at": "2026-01-25T10:00:00Z", "created_at": "2026-01-22T10:00:00Z",
              "body": "Wraps mg_* calls in a mutex, see #120.", "user": {"login": "dexterbg"}}]
            """;
    static final String PAGE2 = """
            [{"number": 120, "title": "Crash in mongoose mbuf_insert()", "state": "closed", "state_reason": "completed",
              "html_url": "https://github.com/openvehicles/Open-Vehicle-Monitoring-System-3/issues/120",
              "repository_url": "%s/repos/openvehicles/Open-Vehicle-Monitoring-System-3", "comments": 0,
              "updated_at": "2026-01-26T10:00:00Z", "created_at": "2018-05-20T10:00:00Z",
              "body": "assertion \\"a->len <= a->size\\" failed", "user": {"login": "markwj"}}]
            """;
    static final String COMMENTS = """
            [{"user": {"login": "markwj"}, "created_at": "2026-01-23T00:00:00Z", "body": "Running it here, no crash since."}]
            """;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String uri = ex.getRequestURI().toString();
        requests.add(uri + " inm=" + ex.getRequestHeaders().getFirst("If-None-Match"));
        authHeaders.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
        String repo = "/repos/openvehicles/Open-Vehicle-Monitoring-System-3";
        if (uri.startsWith(repo + "/issues?") && !uri.contains("page=2")) {
            if (rateLimitedFirst.getAndDecrement() > 0) {
                ex.getResponseHeaders().add("x-ratelimit-remaining", "0");
                ex.getResponseHeaders().add("x-ratelimit-reset", String.valueOf(System.currentTimeMillis() / 1000 + 1));
                send(ex, 403, "{\"message\": \"API rate limit exceeded\"}", null);
                return;
            }
            if ("\"p1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                send(ex, 304, null, "\"p1\"");
                return;
            }
            ex.getResponseHeaders().add("link", "<" + base + repo + "/issues?state=all&page=2>; rel=\"next\", <" + base + repo
                    + "/issues?state=all&page=2>; rel=\"last\"");
            send(ex, 200, PAGE1.formatted(base, base), "\"p1\"");
        } else if (uri.startsWith(repo + "/issues?") && uri.contains("page=2")) {
            if ("\"p2\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                send(ex, 304, null, "\"p2\"");
                return;
            }
            send(ex, 200, PAGE2.formatted(base), "\"p2\"");
        } else if (uri.startsWith(repo + "/issues/1322/comments")) {
            if (retryAfterFirst.getAndDecrement() > 0) {
                ex.getResponseHeaders().add("retry-after", "1");
                send(ex, 429, "{}", null);
                return;
            }
            send(ex, 200, COMMENTS, null);
        } else {
            send(ex, 404, "{\"message\": \"Not Found\"}", null);
        }
    }

    private static void send(HttpExchange ex, int code, String body, String etag) throws IOException {
        if (etag != null) {
            ex.getResponseHeaders().add("ETag", etag);
        }
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(code, body == null ? -1 : b.length);
        if (body != null) {
            ex.getResponseBody().write(b);
        }
        ex.close();
    }

    private IngestSummary fetch(KnowledgeBase kb, List<Long> waits, List<String> notices) throws IOException {
        GithubLiveImporter.Options o = GithubLiveImporter.Options.defaults().withBaseUrl(base)
                .withToken("GH_TOKEN_FOR_TEST", Map.of("GH_TOKEN_FOR_TEST", "s3cret-token"))
                .withSleeper(ms -> {
                    waits.add(ms);
                    Thread.sleep(Math.min(ms, 2500));
                })
                .withNotices(notices::add);
        return new Ingestor(kb, ImportLimits.DEFAULT).githubOptions(o)
                .ingest(List.of("github:openvehicles/Open-Vehicle-Monitoring-System-3"));
    }

    @Test
    void pagesCommentsEtagsAndRateLimits() throws Exception {
        rateLimitedFirst.set(1);
        retryAfterFirst.set(1);
        List<Long> waits = new CopyOnWriteArrayList<>();
        List<String> notices = new CopyOnWriteArrayList<>();
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            IngestSummary s = fetch(kb, waits, notices);
            assertThat(s.added()).isEqualTo(2);
            assertThat(s.rejected()).isZero();
            assertThat(waits).as("one wait for x-ratelimit-reset, one for retry-after").hasSize(2)
                    .allSatisfy(ms -> assertThat(ms).isBetween(1L, 3000L));
            assertThat(notices).allMatch(n -> n.startsWith("GitHub rate limit reached; waiting"));

            KbDocument pr = kb.get("openvehicles/Open-Vehicle-Monitoring-System-3#1322").orElseThrow();
            assertThat(pr.tags()).contains("pull-request");
            assertThat(pr.status()).isEqualTo("fixed");
            assertThat(pr.text()).contains("Running it here, no crash since.");
            assertThat(pr.references()).containsExactly("openvehicles/Open-Vehicle-Monitoring-System-3#120");
            assertThat(kb.get("openvehicles/Open-Vehicle-Monitoring-System-3#120")).isPresent();
        }
        assertThat(authHeaders).allMatch(h -> h.equals("Bearer s3cret-token"));
        String state = Files.readString(tmp.resolve("kb").resolve("github-sync.json"));
        assertThat(state).doesNotContain("s3cret").contains("\\\"p1\\\"").contains("\"since\" : \"2026-01-26T10:00:00Z\"");

        // re-poll: the recorded ETags come back as If-None-Match, GitHub answers 304, nothing changes
        requests.clear();
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            GithubLiveImporter.Options o = GithubLiveImporter.Options.defaults().withBaseUrl(base).withSince("2026-01-01T00:00:00Z");
            IngestSummary first = new Ingestor(kb, ImportLimits.DEFAULT).githubOptions(o)
                    .ingest(List.of("github:openvehicles/Open-Vehicle-Monitoring-System-3"));
            assertThat(first.added() + first.updated()).isZero();
            requests.clear();
            IngestSummary again = new Ingestor(kb, ImportLimits.DEFAULT).githubOptions(o)
                    .ingest(List.of("github:openvehicles/Open-Vehicle-Monitoring-System-3"));
            assertThat(again.added() + again.updated() + again.unchanged()).as("304: no documents re-read").isZero();
            assertThat(requests).hasSize(2).allMatch(r -> r.contains("inm=\"p"));
        }
    }

    @Test
    void unknownRepositoryAndMissingTokenAreOneLineProblems() throws Exception {
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            GithubLiveImporter.Options o = GithubLiveImporter.Options.defaults().withBaseUrl(base);
            IngestSummary s = new Ingestor(kb, ImportLimits.DEFAULT).githubOptions(o).ingest(List.of("github:nobody/nothing"));
            assertThat(s.problems()).containsExactly("github:nobody/nothing: no such repository, or it is private (HTTP 404)");
            GithubLiveImporter.Options noToken = o.withToken("NOT_SET_VAR", Map.of());
            IngestSummary t = new Ingestor(kb, ImportLimits.DEFAULT).githubOptions(noToken).ingest(List.of("github:a/b"));
            assertThat(t.problems()).containsExactly("github:a/b: environment variable NOT_SET_VAR is not set");
        }
    }
}
