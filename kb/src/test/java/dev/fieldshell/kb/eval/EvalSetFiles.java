package dev.fieldshell.kb.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads an evaluation set ({@code queries.jsonl} plus {@code corpus/}) from the test resources in the
 * shapes PRODUCT.md promises (GitHub REST issue arrays, pipermail/mbox text), asserting well-formedness
 * while it reads. Deliberately independent of the project's importers, so a bug there cannot hide a bug
 * in a set. Shared by the development set's and the held-out set's tests.
 */
final class EvalSetFiles {

    /** Text that marks a query as crash output (panic, assert, watchdog, boot-status, ROM boot messages...). */
    static final Pattern CRASH_MARKER = Pattern.compile(
            "Guru Meditation|Backtrace|abort\\(\\)|assert|CORRUPT HEAP|task_wdt|Last crash|is in |stack overflow"
                    + "|Stack canary|register dump|0x[0-9a-fA-F]{8}|rst:0x[0-9a-f]+ \\(|Brownout detector|flash read err|ESP_ERROR_CHECK failed|CPU halted",
            Pattern.CASE_INSENSITIVE);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GITHUB_REPO =
            Pattern.compile("^https://(?:api\\.github\\.com/repos|github\\.com)/([^/]+/[^/]+)");
    /** Pipermail ("From x at y  Sat May 19 01:51:59 2018") or mbox ("From x@y Sat ...") separators. */
    private static final Pattern MAIL_SEPARATOR = Pattern.compile("^From \\S+( at \\S+)? +\\w{3} \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}$");
    private static final Pattern ARCHIVED_AT = Pattern.compile("\\[archived at (\\S+)]");

    record Query(String id, String text, List<String> relevant, int line) {}

    /** One corpus document: its id per PRODUCT.md, the file it came from, its text and its source URL. */
    record Doc(String id, String file, String text, String url) {}

    record EvalSet(Path dir, List<Query> queries, Map<String, Doc> corpus) {

        /** Every document text and every raw corpus file, normalised, for hold-out checks. */
        List<String> normalizedCorpusTexts() {
            List<String> texts = new ArrayList<>();
            corpus.values().forEach(d -> texts.add(normalize(d.text())));
            try (Stream<Path> files = Files.list(dir.resolve("corpus"))) {
                for (Path f : files.toList()) {
                    texts.add(normalize(Files.readString(f, StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return texts;
        }

        Set<String> relevantIds() {
            Set<String> relevant = new HashSet<>();
            queries.forEach(q -> relevant.addAll(q.relevant()));
            return relevant;
        }
    }

    private EvalSetFiles() {}

    /** Loads the set whose {@code queries.jsonl} lies in the given test-resource directory (e.g. "/eval"). */
    static EvalSet load(String resourceDir) throws IOException, URISyntaxException {
        Path dir = Path.of(EvalSetFiles.class.getResource(resourceDir + "/queries.jsonl").toURI()).getParent();
        List<Query> queries = readQueries(dir.resolve("queries.jsonl"));
        Map<String, Doc> corpus = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir.resolve("corpus"))) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".json")) {
                    readGithub(f, corpus);
                } else if (name.endsWith(".txt") || name.endsWith(".mbox")) {
                    readMail(f, corpus);
                } else {
                    throw new AssertionError("unexpected corpus file " + f);
                }
            }
        }
        return new EvalSet(dir, queries, corpus);
    }

    private static List<Query> readQueries(Path file) throws IOException {
        List<Query> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            assertThat(n.path("id").isTextual()).as("queries.jsonl:%d id", i + 1).isTrue();
            assertThat(n.path("query").isTextual()).as("queries.jsonl:%d query", i + 1).isTrue();
            assertThat(n.path("relevant").isArray()).as("queries.jsonl:%d relevant", i + 1).isTrue();
            List<String> rel = new ArrayList<>();
            n.path("relevant").forEach(r -> rel.add(stripBrackets(r.asText())));
            out.add(new Query(n.get("id").asText(), n.get("query").asText(), rel, i + 1));
        }
        return out;
    }

    private static void readGithub(Path f, Map<String, Doc> corpus) throws IOException {
        JsonNode arr = JSON.readTree(f.toFile());
        assertThat(arr.isArray()).as("%s is a JSON array", f).isTrue();
        for (JsonNode issue : arr) {
            String where = f.getFileName() + " #" + issue.path("number").asText("?");
            assertThat(issue.path("number").isInt()).as("%s number", where).isTrue();
            assertThat(issue.path("title").asText()).as("%s title", where).isNotBlank();
            assertThat(issue.path("html_url").asText()).as("%s html_url", where).startsWith("https://github.com/");
            assertThat(issue.path("state").asText()).as("%s state", where).isIn("open", "closed");
            assertThat(issue.path("user").path("login").asText()).as("%s user.login", where).isNotBlank();
            if (!issue.path("created_at").isNull()) { // null where the source did not show the date
                assertThat(issue.path("created_at").asText()).as("%s created_at", where).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            }
            Matcher m = GITHUB_REPO.matcher(issue.path("repository_url").asText());
            assertThat(m.find()).as("%s repository_url", where).isTrue();
            assertThat(issue.path("html_url").asText()).as("%s html_url matches repository_url", where)
                    .contains("github.com/" + m.group(1) + "/");
            StringBuilder text = new StringBuilder(issue.path("title").asText()).append('\n')
                    .append(issue.path("body").asText());
            assertThat(issue.path("comments").isArray()).as("%s comments array", where).isTrue();
            for (JsonNode c : issue.path("comments")) {
                assertThat(c.path("user").path("login").asText()).as("%s comment user", where).isNotBlank();
                assertThat(c.path("html_url").asText()).as("%s comment html_url", where).startsWith("https://github.com/");
                text.append('\n').append(c.path("body").asText());
            }
            put(corpus, new Doc(m.group(1) + "#" + issue.get("number").asInt(), f.getFileName().toString(),
                    text.toString(), issue.path("html_url").asText()));
        }
    }

    private static void readMail(Path f, Map<String, Doc> corpus) throws IOException {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        int start = -1;
        for (int i = 0; i <= lines.size(); i++) {
            if (i == lines.size() || MAIL_SEPARATOR.matcher(lines.get(i)).matches()) {
                if (start >= 0) {
                    readMessage(f, lines.subList(start, i), start + 1, corpus);
                } else if (i < lines.size()) {
                    assertThat(i).as("%s starts with a From separator", f).isZero();
                }
                start = i;
            }
        }
        assertThat(start).as("%s holds at least one message", f).isGreaterThanOrEqualTo(0);
    }

    private static void readMessage(Path f, List<String> msg, int firstLine, Map<String, Doc> corpus) {
        Map<String, String> headers = new LinkedHashMap<>();
        int i = 1;
        for (; i < msg.size() && !msg.get(i).isEmpty(); i++) {
            int colon = msg.get(i).indexOf(':');
            assertThat(colon).as("%s:%d header line", f, firstLine + i).isPositive();
            headers.put(msg.get(i).substring(0, colon).toLowerCase(), msg.get(i).substring(colon + 1).trim());
        }
        String where = f.getFileName() + ":" + firstLine;
        for (String h : List.of("from", "date", "subject", "message-id")) {
            assertThat(headers).as("%s header %s", where, h).containsKey(h);
        }
        assertThat(headers.get("message-id")).as("%s Message-ID", where).matches("<[^<>@\\s]+@[^<>\\s]+>");
        String body = String.join("\n", msg.subList(Math.min(i + 1, msg.size()), msg.size()));
        Matcher archived = ARCHIVED_AT.matcher(body);
        put(corpus, new Doc(stripBrackets(headers.get("message-id")), f.getFileName().toString(),
                headers.get("subject") + "\n" + body, archived.find() ? archived.group(1) : ""));
    }

    private static void put(Map<String, Doc> corpus, Doc d) {
        Doc old = corpus.putIfAbsent(d.id(), d);
        assertThat(old).as("document id %s defined twice (%s and %s)", d.id(), d.file(),
                old == null ? "" : old.file()).isNull();
    }

    /** No corpus document names a query's id (a hold-out note that does leaks the id's words). */
    static void assertNoQueryIdIn(EvalSet set) {
        for (Query q : set.queries()) {
            for (Doc d : set.corpus().values()) {
                assertThat(d.text().contains(q.id())).as("document %s (%s) names query id %s", d.id(), d.file(), q.id()).isFalse();
            }
        }
    }

    static String stripBrackets(String id) {
        String s = id.trim();
        return s.startsWith("<") && s.endsWith(">") ? s.substring(1, s.length() - 1) : s;
    }

    /** Whitespace collapsed and mail quote markers removed, so re-wrapping or quoting cannot hide a leak. */
    static String normalize(String s) {
        return s.replaceAll("(?m)^[ \\t]*(>[ \\t]?)+", "").replaceAll("\\s+", " ").trim();
    }
}
