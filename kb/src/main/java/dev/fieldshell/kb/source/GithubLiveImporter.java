package dev.fieldshell.kb.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches a repository's issues (and PRs, tagged) from the GitHub REST API into the KB: pages through
 * {@code /repos/{owner}/{repo}/issues?state=all&sort=updated&direction=asc&per_page=100[&since=…]}
 * by the {@code link} header, embeds each issue's comments, re-polls with {@code If-None-Match} so an
 * unchanged page costs a 304 and no rate limit, and waits out rate limits ({@code x-ratelimit-reset},
 * {@code retry-after}). The ETags and the last {@code updated_at} are kept next to the index in
 * {@code github-sync.json}, so the next run only asks for what changed.
 */
public final class GithubLiveImporter {
    private static final Pattern REPO = Pattern.compile("^([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)$");
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RETRIES = 5;

    /**
     * How to talk to GitHub.
     *
     * @param baseUrl  API root, {@code https://api.github.com} unless testing
     * @param since    ISO-8601 date or date-time: only issues updated since; empty = since the last run
     * @param tokenEnv name of the environment variable holding a token; empty = none
     * @param env      the environment to read it from
     * @param maxWait  longest rate-limit wait accepted before giving up
     * @param clock    for rate-limit reset times
     * @param sleeper  waits (tests pass a recording one)
     * @param notices  one-line notices for the user (rate-limit waits)
     */
    public record Options(String baseUrl, String since, String tokenEnv, Map<String, String> env, Duration maxWait, Clock clock,
            Sleeper sleeper, Consumer<String> notices) {
        public static Options defaults() {
            return new Options("https://api.github.com", "", "", System.getenv(), Duration.ofHours(1), Clock.systemUTC(),
                    Thread::sleep, s -> { });
        }

        public Options withBaseUrl(String url) {
            return new Options(url, since, tokenEnv, env, maxWait, clock, sleeper, notices);
        }

        public Options withSince(String s) {
            return new Options(baseUrl, s, tokenEnv, env, maxWait, clock, sleeper, notices);
        }

        public Options withToken(String envName, Map<String, String> environment) {
            return new Options(baseUrl, since, envName, environment, maxWait, clock, sleeper, notices);
        }

        public Options withSleeper(Sleeper s) {
            return new Options(baseUrl, since, tokenEnv, env, maxWait, clock, s, notices);
        }

        public Options withNotices(Consumer<String> n) {
            return new Options(baseUrl, since, tokenEnv, env, maxWait, clock, sleeper, n);
        }
    }

    /** Waits; {@link Thread#sleep(long)} in production. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    public GithubLiveImporter(Options options, ImportLimits limits) {
        this.options = options;
    }

    /** Fetches {@code owner/repo} into {@code sink}; state kept in {@code stateDir/github-sync.json}. */
    public void fetch(String repo, Path stateDir, ImportSink sink) throws IOException {
        String display = "github:" + repo;
        if (!REPO.matcher(repo).matches()) {
            sink.problem(ImportProblem.rejected(display, -1, "expected github:OWNER/REPO"));
            return;
        }
        Optional<String> token = Optional.empty();
        if (!options.tokenEnv().isEmpty()) {
            String t = options.env().get(options.tokenEnv());
            if (t == null || t.isBlank()) {
                sink.problem(ImportProblem.rejected(display, -1, "environment variable " + options.tokenEnv() + " is not set"));
                return;
            }
            token = Optional.of(t.strip());
        }
        Path stateFile = stateDir.resolve("github-sync.json");
        ObjectNode state = readState(stateFile);
        ObjectNode repoState = state.has(repo) && state.get(repo).isObject() ? (ObjectNode) state.get(repo) : state.putObject(repo);
        ObjectNode pages = repoState.has("pages") ? (ObjectNode) repoState.get("pages") : repoState.putObject("pages");
        String since = !options.since().isEmpty() ? options.since() : repoState.path("since").asText("");
        String url = options.baseUrl().replaceAll("/+$", "") + "/repos/" + repo
                + "/issues?state=all&sort=updated&direction=asc&per_page=100" + (since.isEmpty() ? "" : "&since=" + since);
        String newest = repoState.path("since").asText("");
        try {
            int guard = 0;
            while (url != null && guard++ < 10_000) {
                JsonNode page = pages.path(url);
                Page p = get(url, page.path("etag").asText(""), token, display, sink);
                if (p == null) {
                    break;
                }
                if (p.notModified()) {
                    url = page.path("next").asText(null);
                    continue;
                }
                ObjectNode pageState = pages.putObject(url);
                if (p.etag() != null) {
                    pageState.put("etag", p.etag());
                }
                if (p.next() != null) {
                    pageState.put("next", p.next());
                }
                JsonNode issues = JSON.readTree(p.body());
                if (!issues.isArray()) {
                    sink.problem(ImportProblem.rejected(display, -1, "GitHub answered " + url + " with something other than an issue array"));
                    break;
                }
                for (JsonNode issue : issues) {
                    if (issue.path("comments").asInt(0) > 0 && issue.hasNonNull("comments_url") && issue instanceof ObjectNode o) {
                        ArrayNode comments = comments(issue.path("comments_url").asText(), token, display, sink);
                        if (comments != null) {
                            o.set("comments", comments);
                        }
                    }
                    try {
                        sink.document(GithubIssueImporter.toDocument(issue, display));
                    } catch (IllegalArgumentException e) {
                        sink.problem(ImportProblem.rejected(display, -1, "issue skipped: " + e.getMessage()));
                    }
                    String updated = issue.path("updated_at").asText("");
                    if (updated.compareTo(newest) > 0) {
                        newest = updated;
                    }
                }
                url = p.next();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + display, e);
        } finally {
            if (!newest.isEmpty()) {
                repoState.put("since", newest);
            }
            writeState(stateFile, state);
        }
    }

    private ArrayNode comments(String url, Optional<String> token, String display, ImportSink sink) throws IOException, InterruptedException {
        ArrayNode all = JSON.createArrayNode();
        String next = url + (url.contains("?") ? "&" : "?") + "per_page=100";
        int guard = 0;
        while (next != null && guard++ < 1000) {
            Page p = get(next, "", token, display, sink);
            if (p == null) {
                return null;
            }
            JsonNode arr = JSON.readTree(p.body());
            if (arr.isArray()) {
                arr.forEach(all::add);
            }
            next = p.next();
        }
        return all;
    }

    private record Page(boolean notModified, String body, String etag, String next) {}

    /** GETs a URL, waiting out rate limits; null after reporting a problem. */
    private Page get(String url, String etag, Optional<String> token, String display, ImportSink sink)
            throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", "2022-11-28")
                    .header("User-Agent", "fieldshell");
            token.ifPresent(t -> rb.header("Authorization", "Bearer " + t));
            if (!etag.isEmpty()) {
                rb.header("If-None-Match", etag);
            }
            HttpResponse<String> r = http.send(rb.GET().build(), HttpResponse.BodyHandlers.ofString());
            int code = r.statusCode();
            if (code == 304) {
                return new Page(true, "", etag, null);
            }
            if (code == 200) {
                return new Page(false, r.body(), r.headers().firstValue("etag").orElse(null), next(r));
            }
            Optional<Long> waitMs = rateLimitWait(r);
            if (waitMs.isPresent() && attempt < MAX_RETRIES) {
                long ms = waitMs.get();
                if (ms > options.maxWait().toMillis()) {
                    sink.problem(ImportProblem.rejected(display, -1, "GitHub rate limit: the reset is " + (ms / 1000)
                            + " s away, more than the " + options.maxWait().toSeconds() + " s allowed; stopped (try again later or use --token-env)"));
                    return null;
                }
                options.notices().accept("GitHub rate limit reached; waiting " + Math.max(1, (ms + 999) / 1000) + " s");
                options.sleeper().sleep(ms);
                continue;
            }
            String why = switch (code) {
                case 401 -> "GitHub refused the credentials (HTTP 401)";
                case 404 -> "no such repository, or it is private (HTTP 404)";
                default -> "HTTP " + code + " from " + url;
            };
            sink.problem(ImportProblem.rejected(display, -1, why));
            return null;
        }
    }

    /** How long to wait on a rate-limited response, if it is one. */
    Optional<Long> rateLimitWait(HttpResponse<?> r) {
        int code = r.statusCode();
        if (code != 403 && code != 429) {
            return Optional.empty();
        }
        Optional<String> retryAfter = r.headers().firstValue("retry-after");
        if (retryAfter.isPresent()) {
            try {
                return Optional.of(Math.max(0, Long.parseLong(retryAfter.get().strip())) * 1000);
            } catch (NumberFormatException e) {
                return Optional.of(60_000L);
            }
        }
        if (r.headers().firstValue("x-ratelimit-remaining").map(String::strip).orElse("").equals("0")) {
            long reset = r.headers().firstValue("x-ratelimit-reset").map(String::strip).map(s -> {
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException e) {
                    return 0L;
                }
            }).orElse(0L);
            long now = options.clock().millis();
            return Optional.of(Math.max(1000, reset * 1000 - now + 1000));
        }
        return code == 429 ? Optional.of(60_000L) : Optional.empty();
    }

    private static String next(HttpResponse<?> r) {
        for (String link : r.headers().allValues("link")) {
            Matcher m = NEXT.matcher(link);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static ObjectNode readState(Path f) {
        try {
            if (Files.isRegularFile(f)) {
                JsonNode n = JSON.readTree(f.toFile());
                if (n instanceof ObjectNode o) {
                    return o;
                }
            }
        } catch (IOException e) {
            // a damaged state file only costs a full re-fetch
        }
        return JSON.createObjectNode();
    }

    private static void writeState(Path f, ObjectNode state) throws IOException {
        Files.createDirectories(f.getParent());
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), state);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
