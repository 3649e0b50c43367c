package dev.fieldshell.kb.suggest;

import dev.fieldshell.kb.crash.CrashKind;
import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.crash.Frame;
import dev.fieldshell.kb.crash.HeapCorruption;
import dev.fieldshell.kb.symbols.BuildKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What is searched for: the relevant frames of a crash (innermost first, plumbing skipped), its
 * exception, signature, details and build, and the words around it. Built from parsed crashes, a
 * heap-corruption alert, or a heap-trace caller chain. Pure.
 *
 * @param frames      relevant frames, innermost first
 * @param skipped     frames skipped as irrelevant (for display)
 * @param exception   e.g. {@code LoadProhibited}; empty if none
 * @param kind        what failed
 * @param signature   the crash signature (e.g. {@code LoadProhibited | mg_send | mg_mgr_poll}); empty if none
 * @param detailTerms words of the details line, heap-corruption line, event, tasks
 * @param freeTerms   code-like words of the text around the crash
 * @param buildKey    firmware build ({@code 3.3.005-615-gd132bfe0}); empty if unknown
 * @param heap        the heap corruption, if any
 */
public record SuggestQuery(
        List<QueryFrame> frames,
        List<String> skipped,
        String exception,
        CrashKind kind,
        String signature,
        List<String> detailTerms,
        List<String> freeTerms,
        String buildKey,
        Optional<HeapCorruption> heap) {

    /** How many relevant frames are compared; deeper frames say little about the cause. */
    public static final int MAX_FRAMES = 12;

    public SuggestQuery {
        frames = List.copyOf(frames);
        skipped = List.copyOf(skipped);
        detailTerms = List.copyOf(detailTerms);
        freeTerms = List.copyOf(freeTerms);
    }

    /** True when there is nothing to search for. */
    public boolean isEmpty() {
        return frames.isEmpty() && exception.isEmpty() && signature.isEmpty() && detailTerms.isEmpty() && freeTerms.isEmpty();
    }

    /**
     * The query for an input that held {@code crashes} (the first is the primary one; the frames of
     * the others are appended once), with {@code text} the whole input for the words around them.
     */
    public static SuggestQuery of(List<CrashReport> crashes, String text, FrameFilter classifier,
            Function<CrashReport, String> signer) {
        List<QueryFrame> frames = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String exception = "";
        CrashKind kind = CrashKind.OTHER;
        String signature = "";
        String build = "";
        Optional<HeapCorruption> heap = Optional.empty();
        Set<String> details = new LinkedHashSet<>();
        CrashReport primary = primary(crashes);
        List<CrashReport> ordered = new ArrayList<>();
        if (primary != null) {
            ordered.add(primary);
            crashes.stream().filter(c -> c != primary).forEach(ordered::add);
            exception = primary.exception();
            kind = primary.kind() == null ? CrashKind.OTHER : primary.kind();
            signature = signer.apply(primary);
        }
        for (CrashReport c : ordered) {
            if (exception.isEmpty()) {
                exception = c.exception();
            }
            if (build.isEmpty()) {
                build = BuildKey.of(c.firmwareVersion());
            }
            if (heap.isEmpty()) {
                heap = c.heapCorruption();
            }
            addFrames(c.frames(), classifier, frames, skipped, seen);
            details.addAll(detailWords(c));
        }
        Set<String> crashTokens = new HashSet<>();
        for (CrashReport c : crashes) {
            crashTokens.addAll(Tokens.of(c.rawText()));
        }
        List<String> free = freeWords(text, crashes, crashTokens);
        return new SuggestQuery(frames, skipped, exception, kind, signature, new ArrayList<>(details), free, build, heap);
    }

    /** A heap-trace caller chain (innermost first) as a query: which known cause allocates like this? */
    public static SuggestQuery ofChain(List<Frame> chain, FrameFilter classifier) {
        List<QueryFrame> frames = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        addFrames(chain, classifier, frames, skipped, new HashSet<>());
        return new SuggestQuery(frames, skipped, "", CrashKind.OTHER, "", List.of(), List.of(), "", Optional.empty());
    }

    /** The crash with the most to say: most frames, then a CPU exception, then the first. */
    private static CrashReport primary(List<CrashReport> crashes) {
        CrashReport best = null;
        int bestScore = -1;
        for (CrashReport c : crashes) {
            int named = (int) c.frames().stream().filter(Frame::hasFunction).count();
            int score = named * 4 + c.frames().size() + (c.exception().isEmpty() ? 0 : 3) + (c.heapCorruption().isPresent() ? 3 : 0);
            if (score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }

    private static void addFrames(List<Frame> in, FrameFilter classifier, List<QueryFrame> out, List<String> skipped, Set<String> seen) {
        for (Frame f : in) {
            if (out.size() >= MAX_FRAMES) {
                return;
            }
            if (f.hasFunction()) {
                if (classifier.irrelevant(f.function())) {
                    skipped.add(f.function());
                    continue;
                }
                String key = FunctionNames.key(f.function());
                if (key.isEmpty() || key.equals("??") || !seen.add(key)) {
                    continue;
                }
                out.add(new QueryFrame(key, shortName(f.function()), f.function(), f.address(), out.size()));
            } else if (f.address() != 0) {
                String key = String.format("0x%08x", f.address());
                if (seen.add(key)) {
                    out.add(new QueryFrame(key, key, "", f.address(), out.size()));
                }
            }
        }
    }

    /** {@code OvmsConsole::Poll(unsigned int, void*)} → {@code OvmsConsole::Poll} (case kept). */
    static String shortName(String function) {
        String key = FunctionNames.key(function);
        // recover the original case of the key's characters
        StringBuilder sb = new StringBuilder();
        int k = 0;
        for (int i = 0; i < function.length() && k < key.length(); i++) {
            char c = function.charAt(i);
            if (Character.toLowerCase(c) == key.charAt(k)) {
                sb.append(c);
                k++;
            }
        }
        return k == key.length() ? sb.toString() : key;
    }

    private static List<String> detailWords(CrashReport c) {
        List<String> out = new ArrayList<>();
        for (String t : Tokens.of(c.detail())) {
            if (useful(t)) {
                out.add(t);
            }
        }
        c.heapCorruption().ifPresent(h -> {
            for (String t : Tokens.of(h.problem())) {
                if (useful(t)) {
                    out.add(t);
                }
            }
        });
        if (!c.event().isEmpty()) {
            out.add(c.event().toLowerCase(Locale.ROOT));
        }
        if (!c.eventHandler().isEmpty()) {
            out.addAll(Tokens.of(c.eventHandler()));
        }
        for (String task : c.tasks()) {
            out.addAll(Tokens.of(task).stream().filter(SuggestQuery::useful).toList());
        }
        return out;
    }

    /** Words of the input outside the crash blocks (a user's description, a mail's prose). */
    private static List<String> freeWords(String text, List<CrashReport> crashes, Set<String> crashTokens) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : Tokens.of(text == null ? "" : text)) {
            if (out.size() >= 40) {
                break;
            }
            if (useful(t) && (crashes.isEmpty() || !crashTokens.contains(t))) {
                out.add(t);
            }
        }
        return new ArrayList<>(out);
    }

    /** Words worth searching: not numbers, register names, raw hex values or tiny words. */
    static boolean useful(String t) {
        if (t.length() < 3 || t.length() > 80) {
            return false;
        }
        if (t.matches("0x[0-9a-f]+|[0-9a-f]{8}|[0-9.:]+|[ad]\\d{1,2}|[0-9]+[a-z]{0,2}")) {
            return false;
        }
        return STOP.contains(t) ? false : t.chars().anyMatch(Character::isLetter);
    }

    private static final Set<String> STOP = Set.copyOf(List.of(
            "the", "and", "for", "with", "this", "that", "was", "are", "not", "but", "have", "has", "had", "from", "you",
            "your", "can", "will", "any", "all", "one", "out", "get", "got", "when", "what", "which", "there", "then",
            "than", "also", "just", "into", "after", "before", "some", "here", "again", "still", "does", "did", "been",
            "being", "like", "more", "only", "other", "such", "them", "they", "their", "these", "those", "would", "could",
            "should", "about", "over", "very", "now", "how", "why", "who", "its", "it's", "i'm", "we", "our", "him", "her",
            "der", "die", "das", "und", "ist", "nicht", "mit", "ein", "eine", "auch", "auf", "sich", "den", "dem", "des",
            "von", "bei", "wenn", "noch", "aber", "oder", "wie", "wir", "ich", "hat", "sind",
            "core", "register", "dump", "backtrace", "guru", "meditation", "error", "panic'ed", "exception", "unhandled",
            "rebooting", "elf", "file", "sha256", "pc", "ps", "sar", "lbeg", "lend", "lcount", "excvaddr", "exccause",
            "https", "http", "www", "com", "github.com", "html", "regards", "thanks", "hello", "hi"));
}
