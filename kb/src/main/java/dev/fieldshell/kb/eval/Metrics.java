package dev.fieldshell.kb.eval;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recall@1, @3, @10 and mean reciprocal rank. A query is found at rank r when the r-th suggested
 * cause contains one of its relevant documents; a query found nowhere in the list adds 0 to MRR.
 * Pure.
 */
public record Metrics(int queries, double recallAt1, double recallAt3, double recallAt10, double mrr) {

    /** The suggested causes of one query (each a set of bare document ids) and its relevant ids. */
    public record Answer(String queryId, List<Set<String>> causes, Set<String> relevant) {
        /** 1-based rank of the first cause holding a relevant document; 0 when none does. */
        public int firstHit() {
            for (int i = 0; i < causes.size(); i++) {
                for (String id : causes.get(i)) {
                    if (relevant.contains(EvalQuery.bare(id))) {
                        return i + 1;
                    }
                }
            }
            return 0;
        }
    }

    public static Metrics of(List<Answer> answers) {
        int n = answers.size();
        if (n == 0) {
            return new Metrics(0, 0, 0, 0, 0);
        }
        int r1 = 0;
        int r3 = 0;
        int r10 = 0;
        double rr = 0;
        for (Answer a : answers) {
            int hit = a.firstHit();
            if (hit == 0) {
                continue;
            }
            r1 += hit <= 1 ? 1 : 0;
            r3 += hit <= 3 ? 1 : 0;
            r10 += hit <= 10 ? 1 : 0;
            rr += 1.0 / hit;
        }
        return new Metrics(n, (double) r1 / n, (double) r3 / n, (double) r10 / n, rr / n);
    }

    /** The four lines PRODUCT.md fixes: {@code recall@1: 0.NN} … {@code mrr: 0.NN}. */
    public List<String> lines() {
        return List.of(line("recall@1", recallAt1), line("recall@3", recallAt3), line("recall@10", recallAt10), line("mrr", mrr));
    }

    private static String line(String name, double v) {
        return name + ": " + String.format(Locale.ROOT, "%.2f", v);
    }
}
