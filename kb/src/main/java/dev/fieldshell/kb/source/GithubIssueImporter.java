package dev.fieldshell.kb.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.index.DocType;
import dev.fieldshell.kb.index.KbDocument;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports GitHub issues as the REST API returns them: a JSON array of issue objects (or one object),
 * streamed element by element. {@code comments} is either the API's count or an embedded array of
 * comment objects; the repository comes from {@code repository_url}, {@code html_url} or a plain
 * {@code repository} string. Id {@code owner/repo#N}; pull requests tagged {@code pull-request};
 * status from {@code state}, {@code state_reason}, labels and merge state.
 */
public final class GithubIssueImporter {
    private static final Pattern API_REPO = Pattern.compile("/repos/([^/\\s]+)/([^/\\s?#]+)");
    private static final Pattern HTML_REPO = Pattern.compile("github\\.com/([^/\\s]+)/([^/\\s]+)/(?:issues|pull)/\\d+");
    private static final Pattern PLAIN_REPO = Pattern.compile("^([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)$");
    private static final Pattern FIXED_LABEL = Pattern.compile("(?i)(resolution:\\s*(done|fixed)|status:\\s*done|\\bfixed\\b)");

    private final ImportLimits limits;
    private final ObjectMapper mapper;

    public GithubIssueImporter(ImportLimits limits) {
        this.limits = limits;
        JsonFactory f = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxJsonDepth())
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, limits.maxJsonElementBytes()))
                        .maxNumberLength(100)
                        .build())
                .build();
        this.mapper = new ObjectMapper(f);
    }

    public void read(InputStream in, String file, ImportSink sink) throws IOException {
        BudgetInputStream budget = new BudgetInputStream(in, limits.maxJsonElementBytes());
        try (JsonParser p = mapper.getFactory().createParser(budget)) {
            JsonToken first;
            try {
                first = p.nextToken();
            } catch (JsonProcessingException e) {
                sink.problem(ImportProblem.rejected(file, offset(p, e), "not JSON: " + firstLine(e)));
                return;
            }
            if (first == JsonToken.START_OBJECT) {
                element(p, budget, file, sink);
                return;
            }
            if (first != JsonToken.START_ARRAY) {
                sink.problem(ImportProblem.rejected(file, offset(p, null), "expected a JSON array of GitHub issues"));
                return;
            }
            while (true) {
                budget.renew();
                JsonToken t;
                try {
                    t = p.nextToken();
                } catch (JsonProcessingException | LimitExceededException e) {
                    sink.problem(ImportProblem.rejected(file, offset(p, e), "invalid JSON, rest of file skipped: " + firstLine(e)));
                    return;
                }
                if (t == null || t == JsonToken.END_ARRAY) {
                    return;
                }
                if (t != JsonToken.START_OBJECT) {
                    long at = p.currentTokenLocation().getByteOffset();
                    try {
                        p.skipChildren();
                    } catch (JsonProcessingException | LimitExceededException e) {
                        sink.problem(ImportProblem.rejected(file, offset(p, e), "invalid JSON, rest of file skipped: " + firstLine(e)));
                        return;
                    }
                    sink.problem(ImportProblem.rejected(file, at, "array element is not an issue object; skipped"));
                    continue;
                }
                if (!element(p, budget, file, sink)) {
                    return;
                }
            }
        }
    }

    /** Reads one issue object at the current START_OBJECT; false when the rest of the stream is unusable. */
    private boolean element(JsonParser p, BudgetInputStream budget, String file, ImportSink sink) throws IOException {
        long at = p.currentTokenLocation().getByteOffset();
        JsonNode node;
        try {
            node = mapper.readTree(p);
        } catch (JsonProcessingException | LimitExceededException e) {
            sink.problem(ImportProblem.rejected(file, e instanceof LimitExceededException ? at : offset(p, e),
                    "issue skipped and rest of file abandoned: " + firstLine(e)));
            return false;
        }
        try {
            sink.document(toDocument(node, file));
        } catch (IllegalArgumentException e) {
            sink.problem(ImportProblem.rejected(file, at, "issue skipped: " + e.getMessage()));
        }
        return true;
    }

    /** The KB document for one issue object; IllegalArgumentException when it lacks a number or repository. */
    public static KbDocument toDocument(JsonNode issue, String file) {
        if (!issue.path("number").canConvertToLong()) {
            throw new IllegalArgumentException("no issue \"number\"");
        }
        long number = issue.path("number").asLong();
        String repo = repository(issue);
        if (repo.isEmpty()) {
            throw new IllegalArgumentException("issue " + number + " names no repository (repository_url, html_url or repository)");
        }
        String id = repo + "#" + number;
        boolean pr = issue.hasNonNull("pull_request") || issue.path("html_url").asText().contains("/pull/");
        List<String> tags = new ArrayList<>();
        if (pr) {
            tags.add("pull-request");
        }
        for (JsonNode l : issue.path("labels")) {
            String name = l.isTextual() ? l.asText() : l.path("name").asText();
            if (!name.isBlank()) {
                tags.add(name);
            }
        }

        StringBuilder text = new StringBuilder(issue.path("body").asText(""));
        List<CrashReport> crashes = new ArrayList<>(CrashExtraction.crashes(issue.path("body").asText("")));
        JsonNode comments = issue.path("comments");
        UnseenQuote thread = null;
        if (comments.isArray()) {
            for (JsonNode c : comments) {
                String body = c.path("body").asText("");
                MailBody split = QuoteSplitter.split(body);
                List<CrashReport> own = CrashExtraction.crashes(split.own());
                // A quote of the thread itself says nothing new. A quote the thread lacks that holds a crash no
                // comment reported (a mail answered by e-mail) is the only copy of that report: it is kept, with
                // its words, marked as a quote.
                String kept = "";
                List<CrashReport> quotedCrashes = List.of();
                if (!split.quoted().isBlank()) {
                    if (thread == null) {
                        thread = new UnseenQuote(issue.path("title").asText("") + "\n" + text);
                    }
                    String unseen = thread.unseen(split.quoted());
                    if (!unseen.isEmpty()) {
                        quotedCrashes = unreported(unseen, crashes, own);
                        kept = quotedCrashes.isEmpty() ? "" : unseen;
                    }
                }
                if (split.own().isBlank() && kept.isEmpty()) {
                    continue;
                }
                String added = kept.isEmpty() ? split.own() : QuoteSplitter.requote(split.own(), kept);
                text.append("\n\n---\n").append(c.path("user").path("login").asText("")).append(' ')
                        .append(c.path("created_at").asText("")).append(":\n").append(added);
                if (thread != null) {
                    thread.add(added);
                }
                crashes.addAll(own);
                crashes.addAll(quotedCrashes);
            }
        }
        String all = text.toString();
        String status = status(issue, tags, pr);
        Set<String> links = new LinkedHashSet<>(IssueLinks.urls(all));
        String title = issue.path("title").asText("");
        StringBuilder componentText = new StringBuilder(title).append('\n').append(all);
        crashes.forEach(c -> c.frames().forEach(f -> componentText.append('\n').append(f.function())));
        return new KbDocument(id, DocType.ISSUE, title, htmlUrl(issue, repo, number, pr), date(issue),
                issue.path("user").path("login").asText(""), all, crashes, List.of(), id, IssueLinks.issueIds(all, repo, id),
                CrashExtraction.signatures(crashes), ComponentTagger.components(componentText.toString()), status, "", "", "",
                List.copyOf(links), tags);
    }

    /**
     * The crashes in {@code unseen} (a quote the thread lacks) that neither the thread so far ({@code reported})
     * nor the comment's own text ({@code own}) reported, each once; a crash without a fingerprint always counts.
     */
    private static List<CrashReport> unreported(String unseen, List<CrashReport> reported, List<CrashReport> own) {
        Set<String> inThread = new HashSet<>();
        reported.forEach(k -> inThread.add(CrashExtraction.fingerprint(k)));
        Set<String> seen = new HashSet<>();
        own.forEach(k -> seen.add(CrashExtraction.fingerprint(k)));
        List<CrashReport> out = new ArrayList<>();
        for (CrashReport q : CrashExtraction.crashes(unseen)) {
            String fp = CrashExtraction.fingerprint(q);
            if (fp.isEmpty() || !inThread.contains(fp) && seen.add(fp)) {
                out.add(q);
            }
        }
        return out;
    }

    static String repository(JsonNode issue) {
        Matcher m = API_REPO.matcher(issue.path("repository_url").asText(""));
        if (m.find()) {
            return m.group(1) + "/" + m.group(2);
        }
        m = HTML_REPO.matcher(issue.path("html_url").asText(""));
        if (m.find()) {
            return m.group(1) + "/" + m.group(2);
        }
        JsonNode r = issue.path("repository");
        String plain = r.isTextual() ? r.asText() : r.path("full_name").asText("");
        m = PLAIN_REPO.matcher(plain.strip());
        if (m.matches()) {
            return m.group(1) + "/" + m.group(2);
        }
        m = API_REPO.matcher(issue.path("url").asText(""));
        if (m.find()) {
            return m.group(1) + "/" + m.group(2);
        }
        return "";
    }

    static String status(JsonNode issue, List<String> tags, boolean pr) {
        String state = issue.path("state").asText("").toLowerCase(Locale.ROOT);
        if (state.equals("open")) {
            return "open";
        }
        if (!state.equals("closed")) {
            return state;
        }
        if (pr) {
            boolean merged = issue.path("pull_request").hasNonNull("merged_at") || issue.path("merged").asBoolean(false);
            return merged ? "fixed" : "closed";
        }
        if (issue.path("state_reason").asText("").equals("not_planned")) {
            return "closed";
        }
        for (String t : tags) {
            if (FIXED_LABEL.matcher(t).find()) {
                return "fixed";
            }
        }
        return "closed";
    }

    private static String htmlUrl(JsonNode issue, String repo, long number, boolean pr) {
        String html = issue.path("html_url").asText("");
        return html.startsWith("http") ? html : "https://github.com/" + repo + (pr ? "/pull/" : "/issues/") + number;
    }

    private static String date(JsonNode issue) {
        String created = issue.path("created_at").asText("");
        return created;
    }

    private static long offset(JsonParser p, Exception e) {
        if (e instanceof LimitExceededException l) {
            return l.offset;
        }
        if (e instanceof JsonProcessingException j && j.getLocation() != null && j.getLocation().getByteOffset() >= 0) {
            return j.getLocation().getByteOffset();
        }
        return p.currentLocation().getByteOffset();
    }

    private static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        // Jackson's limit messages end in ", from `StreamReadConstraints.…()`": a setting's name, not the user's business
        return m == null ? e.getClass().getSimpleName()
                : m.lines().findFirst().orElse("").replaceAll("\\s+", " ").replaceAll(", from `[^`]*`", "");
    }
}
