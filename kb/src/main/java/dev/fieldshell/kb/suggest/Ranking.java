package dev.fieldshell.kb.suggest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scores one KB document against a query. Pure; every number is absolute (0..1), not relative to
 * the other candidates, so a threshold can say "nothing is close".
 *
 * <ul>
 * <li>alignment: the query's relevant frames, innermost weighted most (1, 0.67, 0.5, …) and rare
 *     frames more than common ones, found in one of the document's backtraces at about the same
 *     depth (full credit), elsewhere in it (0.85) or only in its text (0.6); consecutive query frames
 *     found in the same order add a bonus;
 * <li>coverage: the rarity-weighted share of all query words (frames, exception, details, the words
 *     around the crash) the document contains;
 * <li>signature: the document names the crash's signature (a note's patterns may use {@code *});
 * <li>exception and build agree.
 * </ul>
 */
public final class Ranking {

    static final double W_ALIGN = 0.45;
    static final double W_COVERAGE = 0.30;
    static final double W_SIGNATURE = 0.15;
    static final double W_EXCEPTION = 0.06;
    static final double W_BUILD = 0.04;

    private Ranking() {}

    /** A scored document and why it scored. */
    public record Scored(DocumentView view, double score, double alignment, double coverage, boolean signatureMatch,
            boolean exceptionMatch, List<String> matchedFrames) {}

    public static Scored score(SuggestQuery q, DocumentView d, TermWeights w) {
        List<String> matched = new ArrayList<>();
        double coverage = coverage(q, d, w);
        double alignment = q.frames().isEmpty() ? coverage : alignment(q, d, w, matched);
        boolean sig = !q.signature().isEmpty() && signatureMatches(DocumentView.normalizeSignature(q.signature()), d.signatures());
        boolean exc = !q.exception().isEmpty() && (d.exceptions().contains(q.exception().toLowerCase(java.util.Locale.ROOT))
                || d.words().contains(q.exception().toLowerCase(java.util.Locale.ROOT)));
        boolean build = !q.buildKey().isEmpty() && d.builds().contains(q.buildKey());
        double score = W_ALIGN * alignment + W_COVERAGE * coverage + (sig ? W_SIGNATURE : 0) + (exc ? W_EXCEPTION : 0)
                + (build ? W_BUILD : 0);
        return new Scored(d, score, alignment, coverage, sig, exc, matched);
    }

    static double depthWeight(int depth) {
        return 1.0 / (1.0 + 0.5 * depth);
    }

    static double alignment(SuggestQuery q, DocumentView d, TermWeights w, List<String> matchedOut) {
        List<QueryFrame> frames = q.frames();
        double total = 0;
        double[] weight = new double[frames.size()];
        for (int i = 0; i < frames.size(); i++) {
            weight[i] = depthWeight(i) * w.factor(frames.get(i).key());
            total += weight[i];
        }
        // order bonus: at most 0.3 of the pair's weight, for each consecutive pair
        double bonusTotal = 0;
        for (int i = 0; i + 1 < frames.size(); i++) {
            bonusTotal += 0.3 * weight[i + 1];
        }
        double best = 0;
        Set<String> bestMatched = Set.of();
        List<List<String>> candidates = new ArrayList<>(d.crashFrames());
        candidates.add(List.of()); // the text alone
        for (List<String> crash : candidates) {
            double credit = 0;
            double bonus = 0;
            int lastPos = -1;
            Set<String> matched = new LinkedHashSet<>();
            for (int i = 0; i < frames.size(); i++) {
                String key = frames.get(i).key();
                int j = crash.indexOf(key);
                double m;
                if (j >= 0) {
                    m = Math.abs(i - j) <= 2 ? 1.0 : 0.85;
                    if (lastPos >= 0 && j > lastPos && i > 0) {
                        bonus += 0.3 * weight[i];
                    }
                    lastPos = j;
                } else if (d.words().contains(key)) {
                    m = 0.6;
                    lastPos = -1;
                } else {
                    m = 0;
                    lastPos = -1;
                }
                if (m > 0) {
                    matched.add(frames.get(i).named() ? frames.get(i).shortName() : frames.get(i).key());
                }
                credit += m * weight[i];
            }
            double value = (credit + bonus) / (total + bonusTotal);
            if (value > best) {
                best = value;
                bestMatched = matched;
            }
        }
        matchedOut.addAll(bestMatched);
        return best;
    }

    static double coverage(SuggestQuery q, DocumentView d, TermWeights w) {
        Set<String> terms = new LinkedHashSet<>();
        for (QueryFrame f : q.frames()) {
            terms.add(f.key());
        }
        if (!q.exception().isEmpty()) {
            terms.add(q.exception().toLowerCase(java.util.Locale.ROOT));
        }
        terms.addAll(q.detailTerms());
        terms.addAll(q.freeTerms());
        double total = 0;
        double found = 0;
        for (String t : terms) {
            if (!w.known(t)) {
                continue;
            }
            double weight = w.of(t);
            total += weight;
            if (d.words().contains(t)) {
                found += weight;
            }
        }
        return total == 0 ? 0 : found / total;
    }

    static boolean signatureMatches(String querySignature, Set<String> docSignatures) {
        for (String s : docSignatures) {
            if (s.equals(querySignature)) {
                return true;
            }
            if (s.contains("*")) {
                String regex = java.util.Arrays.stream(s.split("\\*", -1)).map(Pattern::quote)
                        .reduce((a, b) -> a + ".*" + b).orElse("");
                if (querySignature.matches(regex)) {
                    return true;
                }
            }
        }
        return false;
    }
}
