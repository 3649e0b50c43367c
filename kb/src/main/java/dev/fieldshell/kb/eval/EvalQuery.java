package dev.fieldshell.kb.eval;

import java.util.List;

/** One line of {@code queries.jsonl}: a crash text and the ids of the documents that explain it. */
public record EvalQuery(String id, String query, List<String> relevant) {
    public EvalQuery {
        relevant = relevant.stream().map(EvalQuery::bare).toList();
    }

    /** Ids compare without surrounding {@code <>} (mail Message-IDs are written both ways). */
    public static String bare(String id) {
        String s = id.strip();
        return s.startsWith("<") && s.endsWith(">") ? s.substring(1, s.length() - 1).strip() : s;
    }
}
