package dev.fieldshell.kb.suggest;

import dev.fieldshell.kb.index.DocType;
import dev.fieldshell.kb.index.KbDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups scored documents into causes: one mail thread is one cause; issues that link each other
 * are one cause; a mail that quotes another joins it; a curated note joins the documents whose
 * signature it names. Pure (union-find over the candidates).
 */
public final class CauseGrouping {
    private CauseGrouping() {}

    /** A cause: its documents, best first, and its score (the best document's). */
    public record Cause(List<Ranking.Scored> documents, double score) {
        public Ranking.Scored best() {
            return documents.get(0);
        }
    }

    public static List<Cause> group(List<Ranking.Scored> scored) {
        int n = scored.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        Map<String, Integer> byId = new HashMap<>();
        Map<String, Integer> byThread = new HashMap<>();
        for (int i = 0; i < n; i++) {
            KbDocument d = scored.get(i).view().doc();
            byId.putIfAbsent(bare(d.id()), i);
        }
        for (int i = 0; i < n; i++) {
            KbDocument d = scored.get(i).view().doc();
            if (!d.threadId().isEmpty()) {
                Integer other = byThread.putIfAbsent(bare(d.threadId()), i);
                if (other != null) {
                    union(parent, i, other);
                }
                Integer root = byId.get(bare(d.threadId()));
                if (root != null) {
                    union(parent, i, root);
                }
            }
            for (String ref : d.references()) {
                Integer j = byId.get(bare(ref));
                if (j != null && linksBack(scored.get(j).view().doc(), d)) {
                    union(parent, i, j);
                } else if (j != null && d.type() == DocType.MAIL && scored.get(j).view().doc().type() == DocType.MAIL) {
                    union(parent, i, j); // a reply belongs to what it replies to
                }
            }
            for (String q : d.quotedFrom()) {
                Integer j = byId.get(bare(q));
                if (j != null) {
                    union(parent, i, j);
                }
            }
        }
        // notes join the documents that carry a signature the note names
        for (int i = 0; i < n; i++) {
            DocumentView note = scored.get(i).view();
            if (note.doc().type() != DocType.NOTE || note.signatures().isEmpty()) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                DocumentView other = scored.get(j).view();
                if (i != j && other.doc().type() != DocType.NOTE
                        && other.signatures().stream().anyMatch(s -> Ranking.signatureMatches(s, note.signatures()))) {
                    union(parent, i, j);
                }
            }
        }
        Map<Integer, List<Ranking.Scored>> groups = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(scored.get(i));
        }
        List<Cause> causes = new ArrayList<>();
        for (List<Ranking.Scored> g : groups.values()) {
            g.sort(Comparator.comparingDouble(Ranking.Scored::score).reversed());
            // A few agreeing documents make a cause a little more certain; never more than the best plus 0.03.
            double score = g.get(0).score() + 0.01 * Math.min(3, g.size() - 1);
            causes.add(new Cause(List.copyOf(g), Math.min(1.0, score)));
        }
        causes.sort(Comparator.comparingDouble(Cause::score).reversed());
        return causes;
    }

    /** GitHub issues link each other when either names the other (a single mention is enough for a cross-reference). */
    private static boolean linksBack(KbDocument a, KbDocument b) {
        return a.references().stream().anyMatch(r -> bare(r).equals(bare(b.id())))
                || (a.type() == DocType.ISSUE && b.type() == DocType.ISSUE);
    }

    static String bare(String id) {
        return Suggestion.DocumentRef.bare(id);
    }

    private static int find(int[] p, int i) {
        while (p[i] != i) {
            p[i] = p[p[i]];
            i = p[i];
        }
        return i;
    }

    private static void union(int[] p, int a, int b) {
        int ra = find(p, a);
        int rb = find(p, b);
        if (ra != rb) {
            p[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
