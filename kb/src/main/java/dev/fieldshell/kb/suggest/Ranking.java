package dev.fieldshell.kb.suggest;

import dev.fieldshell.kb.crash.CrashKind;
import dev.fieldshell.kb.explain.TaskStacks;
import dev.fieldshell.kb.signature.Signature;
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
 *     depth (full credit), elsewhere in it (0.85), named in its title (0.85) or only in its text
 *     (0.6); consecutive query frames found in the same order add a bonus. A raw address means the same code only within one
 *     firmware build (ROM addresses excepted): matched in a crash of another build it counts nothing,
 *     of an unknown build half. Raw addresses the KB has never seen are left out; with no frame left,
 *     alignment is the coverage;
 * <li>coverage: the rarity-weighted share of all query words (frames, exception, details, the words
 *     around the crash) the document contains; words no document has are left out, except function
 *     names: a backtrace of functions the KB has never seen is far from everything in it;
 * <li>signature: the document has the crash's signature (a note's patterns may use {@code *}); a
 *     signature sharing most of its words counts half;
 * <li>retrieval: the candidate query's BM25 score relative to the best candidate's, which favours
 *     documents about the crash over documents that merely mention its words (the only relative
 *     part: the best candidate always gets it in full);
 * <li>exception and build agree;
 * <li>crash facts ({@link CrashTraits}) agree: the same kind of crash (in the document's crashes, or
 *     named in the words of a document without one), the task it names (in the document's crashes,
 *     or named in its text), the same heap-corruption problem, the cause the crash's explanations point
 *     to (their {@code look for} words). These count only when the query has them and the sum is
 *     rescaled, so a crash without them keeps its scale.
 * </ul>
 * The weights are data: {@code ranking.properties} ({@link RankingRules}).
 */
public final class Ranking {

    private static final RankingRules RULES = RankingRules.bundled();
    private static final KindWords KIND_WORDS = KindWords.bundled();

    private Ranking() {}

    /** A scored document and why it scored. */
    public record Scored(DocumentView view, double score, double alignment, double coverage, boolean signatureMatch,
            boolean exceptionMatch, List<String> matchedFrames, List<String> matchedFacts, List<String> matchedWords) {}

    /** How many of the rarest shared words a scored document reports as evidence. */
    static final int MATCHED_WORDS = 6;

    static Scored score(SuggestQuery q, DocumentView d, TermWeights w, double retrieval) {
        List<String> matched = new ArrayList<>();
        List<String> words = new ArrayList<>();
        double coverage = coverage(q, d, w, words);
        List<QueryFrame> usable = usableFrames(q, w);
        double all = 0;
        double part = 0;
        for (QueryFrame f : q.frames()) {
            all += depthWeight(f.depth());
        }
        for (QueryFrame f : usable) {
            part += depthWeight(f.depth()) * (f.named() ? 1 : 0.5) * addressWeight(f);
        }
        // Frames that cannot be compared (raw addresses of unknown builds) leave their share to the words.
        double share = all == 0 ? 0 : part / all;
        double alignment = usable.isEmpty() ? coverage
                : share * alignment(usable, q.buildKey(), d, w, matched) + (1 - share) * coverage;
        double sigSim = q.signature().isEmpty() ? 0 : signatureSimilarity(DocumentView.normalizeSignature(q.signature()), d.signatures());
        boolean frameless = Signature.frameless(q.signature());
        if (frameless) {
            // A signature of a head alone (LoadProhibited, abort(), stack overflow (Tmr Svc)) is every crash of that kind.
            sigSim *= RULES.framelessSignature();
        }
        boolean exc = !q.exception().isEmpty() && exceptionMatches(q.exception(), d);
        if (consequenceOfHeapCorruption(q, d)) {
            // The abort or interrupt watchdog after CORRUPT HEAP is its consequence (as for the kind): it agrees
            // with a crash that was a heap corruption too, not with every watchdog or abort.
            exc = false;
            if (frameless) {
                sigSim = 0;
            }
        }
        boolean build = !q.buildKey().isEmpty() && d.builds().contains(q.buildKey());
        double score = RULES.alignment() * alignment + RULES.coverage() * coverage + RULES.retrieval() * retrieval
                + RULES.signature() * sigSim + (exc ? RULES.exception() : 0) + (build ? RULES.build() : 0);
        List<String> facts = new ArrayList<>();
        double applied = 0;
        CrashTraits qt = q.traits();
        boolean otherOverflow = overflowOfAnotherTask(qt, d);
        if (!qt.kinds().isEmpty()) {
            applied += RULES.kind();
            // the same kind, when it is another task's stack that overflowed, is not agreement
            score += otherOverflow ? 0 : RULES.kind() * kindAgreement(qt.kinds(), d, facts);
        }
        if (!qt.tasks().isEmpty()) {
            applied += RULES.task();
            score += RULES.task() * taskAgreement(qt.tasks(), qt.kinds().contains(CrashKind.STACK_OVERFLOW), d, facts);
        }
        if (!qt.heapProblems().isEmpty()) {
            applied += RULES.heap();
            score += RULES.heap() * heapAgreement(qt.heapProblems(), d, facts);
        }
        if (!q.causeTerms().isEmpty()) {
            applied += RULES.cause();
            score += RULES.cause() * causeAgreement(q.causeTerms(), d, facts);
        }
        List<String> evidenceWords = words.stream()
                .filter(t -> matched.stream().noneMatch(m -> m.equalsIgnoreCase(t) || FunctionNames.key(m).equals(t)))
                .limit(MATCHED_WORDS).toList();
        double scale = otherOverflow ? RULES.otherTaskOverflow() : 1;
        return new Scored(d, scale * score / (1 + applied), alignment, coverage, sigSim >= 1, exc, matched, facts, evidenceWords);
    }

    /**
     * The crash is a stack overflow of a system task (one whose stack an sdkconfig option sizes,
     * {@code task-stacks.txt}), and the document's crashes are overflows of other tasks only, a document that
     * names neither the crash's task nor that option: it reports a different stack, whose fix does not apply.
     * An application task's overflow is left alone: its name is the application's choice, and the advice (a
     * larger stack depth where the task is created) is the same whatever the task is called.
     */
    static boolean overflowOfAnotherTask(CrashTraits qt, DocumentView d) {
        Set<String> theirs = d.traits().overflowTasks();
        if (qt.overflowTasks().isEmpty() || theirs.isEmpty()) {
            return false;
        }
        for (String t : qt.overflowTasks()) {
            String base = CrashTraits.perCore(t);
            if (TaskStacks.standard().names(t).isEmpty() || theirs.stream().anyMatch(x -> CrashTraits.perCore(x).equals(base))
                    || namesTaskOrItsStack(d, t)) {
                return false;
            }
        }
        return true;
    }

    /** The document names the task, or the sdkconfig option that sizes its stack (which names it as well). */
    private static boolean namesTaskOrItsStack(DocumentView d, String task) {
        return d.says(task) || TaskStacks.standard().names(task).stream().anyMatch(d::says);
    }

    /** The crash is a heap corruption and the document's crashes are not. */
    static boolean consequenceOfHeapCorruption(SuggestQuery q, DocumentView d) {
        return q.traits().kinds().contains(CrashKind.HEAP_CORRUPTION) && !q.traits().heapProblems().isEmpty()
                && !d.traits().kinds().contains(CrashKind.HEAP_CORRUPTION);
    }

    /**
     * 1 when one of the document's crashes is of a kind of the crash's; else, when the document has no
     * crash of a kind of its own, {@code kind.inText} when its words name one ({@code kind-words.txt}).
     */
    static double kindAgreement(Set<CrashKind> kinds, DocumentView d, List<String> facts) {
        for (CrashKind k : kinds) {
            if (d.traits().kinds().contains(k)) {
                facts.add("same kind: " + name(k));
                return 1;
            }
        }
        if (d.traits().kinds().isEmpty()) {
            for (CrashKind k : kinds) {
                if (KIND_WORDS.said(k, d.words(), d.proseWords())) {
                    facts.add("same kind (in text): " + name(k));
                    return RULES.kindInText();
                }
            }
        }
        return 0;
    }

    private static String name(CrashKind k) {
        return k.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /**
     * The share of the crash's tasks the document names: in one of its crashes (1; the same task on
     * the other core 0.5), or only in its text (0.8: a report that describes the task without a
     * parsable crash). A document whose crashes name their own tasks is judged by them, as for the
     * kind: a watchdog report with async_tcp blocked and IDLE1 running does not agree with a crash
     * that starved IDLE1 because its log mentions IDLE1.
     */
    static double taskAgreement(Set<String> tasks, boolean stackOverflow, DocumentView d, List<String> facts) {
        double sum = 0;
        for (String t : tasks) {
            double m = 0;
            if (d.traits().tasks().contains(t)) {
                m = 1;
            } else if (d.traits().tasks().isEmpty()
                    && (stackOverflow ? namesTaskOrItsStack(d, t) : d.says(t))) {
                // an ESP-IDF task's stack option names that task as well as its name does
                m = 0.8;
            } else if (d.traits().tasks().stream().anyMatch(x -> CrashTraits.perCore(x).equals(CrashTraits.perCore(t)))) {
                m = 0.5;
            }
            if (m > 0) {
                facts.add("task " + t);
            }
            sum += m;
        }
        return sum / tasks.size();
    }

    /** 1 when the document names one of the cause terms (in its title, text, cause or fix). */
    static double causeAgreement(List<String> terms, DocumentView d, List<String> facts) {
        for (String t : terms) {
            if (d.says(t.toLowerCase(java.util.Locale.ROOT))) {
                facts.add("names the cause: " + t);
                return 1;
            }
        }
        return 0;
    }

    static double heapAgreement(Set<String> problems, DocumentView d, List<String> facts) {
        double sum = 0;
        for (String p : problems) {
            double m = d.traits().heapProblems().contains(p) ? 1 : d.says(p) ? 0.8 : 0;
            if (m > 0) {
                facts.add("heap: " + p);
            }
            sum += m;
        }
        return sum / problems.size();
    }


    /**
     * A function no KB document names, in a backtrace whose other functions the KB knows, is most
     * likely the reporter's own code around a known cause: it counts {@code frame.unseen} of its
     * weight. When the KB knows none of the functions, they all count in full: that crash is far
     * from everything.
     */
    static double unseen(String key, List<QueryFrame> frames, TermWeights w) {
        if (w.known(key) || w.df().isEmpty()) {
            return 1;
        }
        boolean anyKnown = frames.stream().anyMatch(f -> f.named() && w.known(f.key()));
        return anyKnown ? RULES.unseenFrame() : 1;
    }

    static double depthWeight(int depth) {
        return 1.0 / (1.0 + 0.5 * depth);
    }

    /** Named frames, ROM addresses, and build addresses the KB has seen. */
    static List<QueryFrame> usableFrames(SuggestQuery q, TermWeights w) {
        List<QueryFrame> out = new ArrayList<>();
        for (QueryFrame f : q.frames()) {
            if (f.named() || romAddress(f.address()) || w.known(f.key()) && !w.df().isEmpty()) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Raw addresses in internal RAM code (ESP32 IRAM 0x4008…–0x400b…, S2/S3/C3 0x4037…–0x403d…) are
     * mostly ESP-IDF and FreeRTOS plumbing (panic, abort, ISRs, the heap) shared by unrelated crashes of
     * one build; application code runs from flash. They count a third.
     */
    static double addressWeight(QueryFrame f) {
        if (f.named()) {
            return 1;
        }
        long a = f.address();
        boolean iram = a >= 0x40070000L && a < 0x400c0000L || a >= 0x40370000L && a < 0x403e0000L;
        return iram ? 1.0 / 3 : 1;
    }

    /** Mask ROM of the ESP32 family: the same code at the same address in every firmware. */
    static boolean romAddress(long a) {
        return a >= 0x40000000L && a < 0x40070000L;
    }

    private static boolean exceptionMatches(String exception, DocumentView d) {
        String lower = exception.toLowerCase(java.util.Locale.ROOT);
        if (d.exceptions().contains(lower)) {
            return true;
        }
        List<String> words = Tokens.of(exception);
        return !words.isEmpty() && d.words().containsAll(words);
    }

    /** 1 for the same signature (or a matching note pattern); half the word overlap when most words agree. */
    static double signatureSimilarity(String querySignature, java.util.Set<String> docSignatures) {
        if (signatureMatches(querySignature, docSignatures)) {
            return 1;
        }
        java.util.Set<String> q = signatureWords(querySignature);
        double best = 0;
        for (String s : docSignatures) {
            java.util.Set<String> d = signatureWords(s);
            java.util.Set<String> union = new java.util.HashSet<>(q);
            union.addAll(d);
            d.retainAll(q);
            double jaccard = union.isEmpty() ? 0 : (double) d.size() / union.size();
            if (jaccard >= 0.5) {
                best = Math.max(best, 0.5 * jaccard);
            }
        }
        return best;
    }

    /** A signature's words; FreeRTOS's per-core idle and IPC tasks (IDLE0, IDLE1, ipc0, ipc1) are one task each. */
    private static java.util.Set<String> signatureWords(String signature) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String t : Tokens.of(signature)) {
            out.add(CrashTraits.perCore(t));
        }
        return out;
    }

    static double alignment(List<QueryFrame> frames, String queryBuild, DocumentView d, TermWeights w, List<String> matchedOut) {
        double total = 0;
        double[] weight = new double[frames.size()];
        for (int i = 0; i < frames.size(); i++) {
            weight[i] = depthWeight(frames.get(i).depth()) * w.factor(frames.get(i).key()) * addressWeight(frames.get(i))
                    * unseen(frames.get(i).key(), frames, w);
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
        List<String> candidateBuilds = new ArrayList<>(d.crashBuilds());
        candidates.add(List.of()); // the text alone
        candidateBuilds.add("");
        for (int c = 0; c < candidates.size(); c++) {
            List<String> crash = candidates.get(c);
            String crashBuild = candidateBuilds.get(c);
            double credit = 0;
            double bonus = 0;
            int lastPos = -1;
            Set<String> matched = new LinkedHashSet<>();
            for (int i = 0; i < frames.size(); i++) {
                String key = frames.get(i).key();
                int j = crash.indexOf(key);
                double m;
                if (j >= 0) {
                    m = Math.abs(frames.get(i).depth() - j) <= 2 ? 1.0 : 0.85;
                    if (lastPos >= 0 && j > lastPos && i > 0) {
                        bonus += 0.3 * weight[i];
                    }
                    lastPos = j;
                } else if (d.titleWords().contains(key)) {
                    m = RULES.frameInTitle();
                    lastPos = -1;
                } else if (d.words().contains(key)) {
                    m = 0.6;
                    lastPos = -1;
                } else {
                    m = 0;
                    lastPos = -1;
                }
                if (m > 0 && !frames.get(i).named() && !romAddress(frames.get(i).address())) {
                    m *= crashBuild.isEmpty() || queryBuild.isEmpty() ? 0.5 : crashBuild.equals(queryBuild) ? 1 : 0;
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

    /**
     * {@code wordsOut} receives the query words the document contains, rarest first (frames' keys
     * included; the caller leaves out those already shown as matched frames).
     */
    static double coverage(SuggestQuery q, DocumentView d, TermWeights w, List<String> wordsOut) {
        List<java.util.Map.Entry<String, Double>> shared = new ArrayList<>();
        Set<String> terms = new LinkedHashSet<>();
        Set<String> functions = new java.util.HashSet<>();
        for (QueryFrame f : q.frames()) {
            terms.add(f.key());
            if (f.named()) {
                functions.add(f.key());
            }
        }
        terms.addAll(q.detailTerms());
        terms.addAll(q.crashWords());
        terms.addAll(q.freeTerms());
        terms.addAll(q.causeWords());
        double total = 0;
        double found = 0;
        for (String t : terms) {
            // A function no document has is evidence of a different crash; an unknown word is just chatter.
            if (!w.known(t) && !functions.contains(t)) {
                continue;
            }
            double weight = w.of(t) * (functions.contains(t) ? unseen(t, q.frames(), w) : 1);
            total += weight;
            if (d.words().contains(t)) {
                found += weight;
                shared.add(java.util.Map.entry(t, w.of(t)));
            } else if (!CrashTraits.perCore(t).equals(t) && (d.words().contains(CrashTraits.perCore(t) + "0")
                    || d.words().contains(CrashTraits.perCore(t) + "1"))) {
                found += weight / 2; // the same FreeRTOS task on the other core
            }
        }
        // Little evidence cannot make a close match: a query that is one exception name and raw
        // addresses of an unknown build shares everything with every crash of that exception.
        double floor = RULES.minEvidence() * w.maxIdf();
        shared.sort(java.util.Map.Entry.<String, Double>comparingByValue().reversed());
        shared.forEach(e -> wordsOut.add(e.getKey()));
        return total == 0 ? 0 : found / Math.max(total, floor);
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
