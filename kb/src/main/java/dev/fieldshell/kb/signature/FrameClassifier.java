package dev.fieldshell.kb.signature;

import java.util.Optional;

/**
 * Classifies function names by the rule lists under {@code src/main/resources/dev/fieldshell/kb/signature/}
 * (see the README there). Heap-trace analysis uses {@link #isAllocator} to skip allocator frames of
 * an allocation's call chain; signatures use {@link #classify}.
 */
public final class FrameClassifier {

    /** A classification and the rule (file and pattern) that made it; rule is empty for {@link FrameClass#NORMAL}. */
    public record Verdict(FrameClass frameClass, String rule) {}

    private static final FrameClassifier STANDARD = new FrameClassifier(
            GlobList.resource("sentinels.txt"), GlobList.resource("irrelevant.txt"), GlobList.resource("prefix-allocator.txt"),
            GlobList.resource("prefix-lock.txt"), GlobList.resource("prefix.txt"));

    private final GlobList sentinels;
    private final GlobList irrelevant;
    private final GlobList allocator;
    private final GlobList lock;
    private final GlobList prefix;

    public FrameClassifier(GlobList sentinels, GlobList irrelevant, GlobList allocator, GlobList lock, GlobList prefix) {
        this.sentinels = sentinels;
        this.irrelevant = irrelevant;
        this.allocator = allocator;
        this.lock = lock;
        this.prefix = prefix;
    }

    /** The classifier with the shipped rule files. */
    public static FrameClassifier standard() {
        return STANDARD;
    }

    /** Classifies a function name; it is normalized first, so raw decoder output is fine. */
    public Verdict classify(String function) {
        if (function == null) {
            return classifyUncached(null);
        }
        // Backtraces repeat a small set of names (Zipf-like): matching every glob list per frame was a
        // tenth of an import's parsing time. Bounded: cleared when full.
        Verdict v = memo.get(function);
        if (v == null) {
            v = classifyUncached(function);
            if (memo.size() >= MEMO_SIZE) {
                memo.clear();
            }
            memo.put(function, v);
        }
        return v;
    }

    private static final int MEMO_SIZE = 32_768;
    private final java.util.Map<String, Verdict> memo = new java.util.concurrent.ConcurrentHashMap<>();

    private Verdict classifyUncached(String function) {
        String f = FrameNormalizer.normalize(function);
        if (f.isEmpty()) {
            return new Verdict(FrameClass.NORMAL, "");
        }
        Optional<String> m;
        if ((m = sentinels.match(f)).isPresent()) {
            return new Verdict(FrameClass.SENTINEL, sentinels.name() + ": " + m.get());
        }
        if ((m = irrelevant.match(f)).isPresent()) {
            return new Verdict(FrameClass.IRRELEVANT, irrelevant.name() + ": " + m.get());
        }
        if ((m = allocator.match(f)).isPresent()) {
            return new Verdict(FrameClass.ALLOCATOR, allocator.name() + ": " + m.get());
        }
        if ((m = lock.match(f)).isPresent()) {
            return new Verdict(FrameClass.LOCK, lock.name() + ": " + m.get());
        }
        if ((m = prefix.match(f)).isPresent()) {
            return new Verdict(FrameClass.PREFIX, prefix.name() + ": " + m.get());
        }
        return new Verdict(FrameClass.NORMAL, "");
    }

    /** An allocator frame ({@code heap_caps_malloc}, {@code multi_heap_*}, {@code malloc}, {@code operator new}…). */
    public boolean isAllocator(String function) {
        return classify(function).frameClass() == FrameClass.ALLOCATOR;
    }

    /** A frame a signature never shows (panic/abort/assert machinery, task wrappers, vectors). */
    public boolean isIrrelevant(String function) {
        return classify(function).frameClass() == FrameClass.IRRELEVANT;
    }

    /** Allocator, lock or helper frames: kept in a signature only as a prefix of the frame that matters. */
    public boolean isPrefix(String function) {
        FrameClass c = classify(function).frameClass();
        return c == FrameClass.ALLOCATOR || c == FrameClass.LOCK || c == FrameClass.PREFIX;
    }

    public boolean isSentinel(String function) {
        return classify(function).frameClass() == FrameClass.SENTINEL;
    }
}
