package dev.fieldshell.kb.suggest;

import dev.fieldshell.kb.index.KbDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Candidates in, ranked causes out: score every candidate ({@link Ranking}), group into causes
 * ({@link CauseGrouping}), drop causes below the threshold rather than pad the list, and give each
 * kept cause its diagnosis, status and links ({@link Diagnosis}). Pure.
 */
public final class Suggestions {

    /** Below this score a cause is not shown; calibrated on the development set (ranking.properties). */
    public static final double THRESHOLD = RankingRules.bundled().threshold();

    private Suggestions() {}

    /** A candidate document and its retrieval (BM25) score; 0 for documents added as thread members. */
    public record Candidate(KbDocument doc, double retrieval) {}

    public static SuggestResult rank(SuggestQuery q, List<KbDocument> candidates, TermWeights weights,
            FrameFilter classifier, java.util.function.Function<dev.fieldshell.kb.crash.CrashReport, String> signer, int top,
            double threshold) {
        return rankCandidates(q, candidates.stream().map(d -> new Candidate(d, 0)).toList(), weights, classifier, signer, top,
                threshold);
    }

    public static SuggestResult rankCandidates(SuggestQuery q, List<Candidate> candidates, TermWeights weights,
            FrameFilter classifier, java.util.function.Function<dev.fieldshell.kb.crash.CrashReport, String> signer, int top,
            double threshold) {
        List<String> frameNames = q.frames().stream().map(f -> f.named() ? f.shortName() : f.key()).toList();
        if (q.isEmpty()) {
            return new SuggestResult(List.of(), true, "no crash found: nothing to search for", q.signature(), frameNames,
                    q.skipped(), List.of(), List.of());
        }
        Map<String, Candidate> unique = new LinkedHashMap<>();
        double maxRetrieval = 0;
        for (Candidate c : candidates) {
            Candidate old = unique.get(c.doc().id());
            if (old == null || old.retrieval() < c.retrieval()) {
                unique.put(c.doc().id(), c);
            }
            maxRetrieval = Math.max(maxRetrieval, c.retrieval());
        }
        List<Ranking.Scored> scored = new ArrayList<>();
        for (Candidate c : unique.values()) {
            double retrieval = maxRetrieval > 0 ? c.retrieval() / maxRetrieval : 0;
            scored.add(Ranking.score(q, DocumentView.of(c.doc(), classifier, signer), weights, retrieval));
        }
        List<CauseGrouping.Cause> causes = CauseGrouping.group(scored);
        List<Suggestion> out = new ArrayList<>();
        double bestSeen = causes.isEmpty() ? 0 : causes.get(0).score();
        int withoutEvidence = 0;
        List<String> sharedWithoutEvidence = List.of();
        java.util.Set<String> weak = WeakEvidence.wordsFor(q.exception());
        for (CauseGrouping.Cause c : causes) {
            if (out.size() >= top || c.score() < threshold) {
                break;
            }
            if (!hasEvidence(c.best(), weak)) {
                if (withoutEvidence++ == 0) {
                    sharedWithoutEvidence = c.best().matchedWords();
                }
                continue;
            }
            out.add(suggestion(out.size() + 1, c, q));
        }
        String message = "";
        if (out.isEmpty()) {
            message = unique.isEmpty() ? "nothing in the KB is close to this crash (no candidate documents)"
                    : withoutEvidence > 0 && bestSeen >= threshold
                            ? "nothing in the KB is close to this crash (the best candidates " + sharedOnly(q, sharedWithoutEvidence)
                                    + ": no frame, signature, crash fact or other word)"
                            : String.format(Locale.ROOT, "nothing in the KB is close to this crash (best candidate %.2f, threshold %.2f)",
                                    bestSeen, threshold);
        }
        return new SuggestResult(out, out.isEmpty(), message, q.signature(), frameNames, q.skipped(), List.of(), List.of());
    }

    /** What the best candidates without evidence share: the crash's exception, else the weak words they have in common. */
    private static String sharedOnly(SuggestQuery q, List<String> words) {
        if (!q.exception().isEmpty()) {
            return "share only its exception, " + q.exception();
        }
        return words.isEmpty() ? "share nothing that tells" : "share only words every such crash prints, " + String.join(", ", words);
    }

    /**
     * A cause is shown only with something to show for it: a matched frame, the signature, a crash fact,
     * or a shared word that is evidence on its own ({@code weak}: what {@code weak-evidence.txt} says is
     * not, for this crash). A raw backtrace of an unknown build shares LoadProhibited with every report
     * of a bad pointer; the retrieval rank alone would then lift the best of them above the threshold
     * with nothing to say why.
     */
    static boolean hasEvidence(Ranking.Scored s, java.util.Set<String> weak) {
        if (!s.matchedFrames().isEmpty() || s.signatureMatch() || !s.matchedFacts().isEmpty()) {
            return true;
        }
        return s.matchedWords().stream().anyMatch(w -> !weak.contains(w));
    }

    private static Suggestion suggestion(int rank, CauseGrouping.Cause c, SuggestQuery q) {
        List<KbDocument> docs = c.documents().stream().map(s -> s.view().doc()).toList();
        Diagnosis.Found found = Diagnosis.find(docs, q);
        List<Suggestion.DocumentRef> refs = c.documents().stream()
                .map(s -> new Suggestion.DocumentRef(s.view().doc().id(), s.view().doc().type().name().toLowerCase(Locale.ROOT),
                        s.view().doc().title(), s.view().doc().url(), round(s.score())))
                .toList();
        Ranking.Scored best = c.best();
        String title = docs.stream().filter(d -> d.type() == dev.fieldshell.kb.index.DocType.NOTE).map(KbDocument::title)
                .findFirst().orElse(best.view().doc().title());
        boolean sig = c.documents().stream().anyMatch(Ranking.Scored::signatureMatch);
        List<String> matched = c.documents().stream().map(Ranking.Scored::matchedFrames)
                .max(java.util.Comparator.comparingInt(List::size)).orElse(List.of());
        List<String> facts = c.best().matchedFacts();
        return new Suggestion(rank, round(c.score()), title, refs, matched, sig, found.text(), found.from(), found.fix(),
                Diagnosis.status(docs, found), Diagnosis.links(docs, 6), facts, best.matchedWords());
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
