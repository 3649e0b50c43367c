package dev.fieldshell.kb.suggest;

import java.util.Map;

/**
 * How rare each query word is in the KB (BM25's inverse document frequency), so a frame every
 * crash has counts less than one only this cause has. Words the KB has never seen cannot tell
 * documents apart: coverage leaves them out, so a chatty query is not judged further from
 * everything than a terse one.
 *
 * @param df document frequency of each query word
 * @param n  documents in the KB
 */
public record TermWeights(Map<String, Long> df, long n) {
    public TermWeights {
        df = Map.copyOf(df);
        n = Math.max(1, n);
    }

    public double of(String term) {
        return idf(df.getOrDefault(term, 0L), n);
    }

    /** True when at least one document has the word (always true without statistics). */
    public boolean known(String term) {
        return df.isEmpty() || df.getOrDefault(term, 0L) > 0;
    }

    public double maxIdf() {
        return idf(0, n);
    }

    /** 1 for the rarest words, down to 0.25 for words found everywhere. */
    public double factor(String term) {
        double max = maxIdf();
        return max <= 0 ? 1 : 0.25 + 0.75 * Math.min(1, of(term) / max);
    }

    /** Every word weighs the same (no KB statistics). */
    public static TermWeights uniform() {
        return new TermWeights(Map.of(), 1);
    }

    /** BM25's idf for a word found in {@code df} of {@code n} documents. */
    public static double idf(long df, long n) {
        return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }
}
