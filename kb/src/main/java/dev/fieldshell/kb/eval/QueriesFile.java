package dev.fieldshell.kb.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code queries.jsonl}: one JSON object per line, {@code {"id": "...", "query": "<crash text>",
 * "relevant": ["<doc id>", ...]}}. Blank lines are skipped; a bad line is reported as
 * {@code file:line: reason} and skipped. Pure.
 */
public final class QueriesFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private QueriesFile() {}

    public record Result(List<EvalQuery> queries, List<String> problems) {
        public Result {
            queries = List.copyOf(queries);
            problems = List.copyOf(problems);
        }
    }

    public static Result parse(String text, String name) {
        List<EvalQuery> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = name + ":" + (i + 1) + ": ";
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (Exception e) {
                problems.add(where + "not a JSON object (" + firstLine(e.getMessage()) + ")");
                continue;
            }
            if (n == null || !n.isObject()) {
                problems.add(where + "not a JSON object");
                continue;
            }
            JsonNode id = n.get("id");
            JsonNode query = n.get("query");
            JsonNode relevant = n.get("relevant");
            if (query == null || !query.isTextual() || query.asText().isBlank()) {
                problems.add(where + "missing \"query\" text");
                continue;
            }
            if (relevant == null || !relevant.isArray() || relevant.isEmpty()) {
                problems.add(where + "missing \"relevant\" ids");
                continue;
            }
            List<String> rel = new ArrayList<>();
            for (JsonNode r : relevant) {
                if (r.isTextual() && !r.asText().isBlank()) {
                    rel.add(r.asText());
                }
            }
            if (rel.isEmpty()) {
                problems.add(where + "\"relevant\" holds no id strings");
                continue;
            }
            String qid = id != null && !id.isNull() ? id.asText() : "line-" + (i + 1);
            if (!ids.add(qid)) {
                problems.add(where + "duplicate id \"" + qid + "\" (kept both)");
            }
            out.add(new EvalQuery(qid, query.asText(), rel));
        }
        return new Result(out, problems);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
