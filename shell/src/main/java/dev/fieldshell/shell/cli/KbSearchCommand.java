package dev.fieldshell.shell.cli;

import dev.fieldshell.kb.index.KbHit;
import dev.fieldshell.kb.index.KbQueryException;
import dev.fieldshell.kb.index.KnowledgeBase;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fieldshell kb search "<lucene query>"}. A malformed query is a usage error (exit 2). */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Search with Lucene query syntax. Unqualified terms search title, text, code, frames, cause and fix;",
                "fields: id type title text code frames cause fix signature exception kind top_frame event component tag",
                "version status thread ref quoted_from date. Example: 'frames:mg_send AND status:fixed'."})
final class KbSearchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KbDirOption kbDir;

    @Parameters(index = "0", paramLabel = "QUERY")
    String query;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "At most N results (default 10).")
    int limit = 10;

    @Option(names = "--json", description = "Print results as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (limit < 1) {
            throw new UsageException("--limit must be at least 1");
        }
        List<KbHit> hits;
        try (KnowledgeBase kb = kbDir.open()) {
            hits = kb.search(query, limit);
        } catch (KbQueryException e) {
            throw new UsageException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (KbHit h : hits) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", h.id());
                m.put("score", h.score());
                m.put("type", h.document().type().name().toLowerCase());
                m.put("title", h.document().title());
                m.put("date", h.document().date());
                m.put("url", h.document().url());
                rows.add(m);
            }
            out.println(KbJson.write(rows));
        } else {
            for (KbHit h : hits) {
                String date = h.document().date();
                out.printf("%7.3f  %-5s  %-10s  %s  %s%n", h.score(), h.document().type().name().toLowerCase(),
                        date.length() >= 10 ? date.substring(0, 10) : date, h.id(), h.document().title());
            }
            if (hits.isEmpty()) {
                out.println("no matches");
            }
        }
        out.flush();
        return 0;
    }
}
