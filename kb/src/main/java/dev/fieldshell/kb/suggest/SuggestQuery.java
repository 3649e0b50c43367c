package dev.fieldshell.kb.suggest;

import dev.fieldshell.kb.crash.CrashKind;
import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.crash.Frame;
import dev.fieldshell.kb.crash.HeapCorruption;
import dev.fieldshell.kb.crash.SourceFormat;
import dev.fieldshell.kb.data.DataFile;
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
 * @param detailTerms words of the details line, heap-corruption line, event, tasks, exception
 * @param crashWords  other telling words of the crash text (assert expressions, file names, log tags),
 *                    without the words every crash prints ({@code boilerplate-words.txt})
 * @param freeTerms   code-like words of the text around the crash
 * @param buildKey    firmware build ({@code 3.3.005-615-gd132bfe0}); empty if unknown
 * @param heap        the heap corruption, if any
 * @param traits      kind, named tasks and heap problems of the primary crash (heap problems of all)
 * @param causeTerms  what a report that diagnosed the primary crash's cause would say: the
 *                    {@code look for} words of the explanation rules that apply to it (a system task's
 *                    stack option, {@code vTaskDelete})
 */
public record SuggestQuery(
        List<QueryFrame> frames,
        List<String> skipped,
        String exception,
        CrashKind kind,
        String signature,
        List<String> detailTerms,
        List<String> crashWords,
        List<String> freeTerms,
        String buildKey,
        Optional<HeapCorruption> heap,
        CrashTraits traits,
        List<String> causeTerms) {

    /** How many relevant frames are compared; deeper frames say little about the cause. */
    public static final int MAX_FRAMES = 12;
    /** How many words of the crash text and of the text around it are searched for. */
    static final int MAX_WORDS = 60;

    public SuggestQuery {
        frames = List.copyOf(frames);
        skipped = List.copyOf(skipped);
        detailTerms = List.copyOf(detailTerms);
        crashWords = List.copyOf(crashWords);
        freeTerms = List.copyOf(freeTerms);
        traits = traits == null ? CrashTraits.NONE : traits;
        causeTerms = List.copyOf(causeTerms);
    }

    /** The cause terms of one word, lower case, as the KB's code words are: they count among the query's words. */
    public List<String> causeWords() {
        List<String> out = new ArrayList<>();
        for (String t : causeTerms) {
            List<String> w = Tokens.of(t);
            if (w.size() == 1) {
                out.add(w.get(0));
            }
        }
        return out;
    }

    /** True when there is nothing to search for. */
    public boolean isEmpty() {
        return frames.isEmpty() && exception.isEmpty() && signature.isEmpty() && detailTerms.isEmpty() && crashWords.isEmpty()
                && freeTerms.isEmpty();
    }

    /**
     * The query for an input that held {@code crashes} (the first is the primary one; the frames of
     * the others are appended once), with {@code text} the whole input for the words around them.
     */
    public static SuggestQuery of(List<CrashReport> crashes, String text, FrameFilter classifier,
            Function<CrashReport, String> signer) {
        return of(crashes, text, classifier, signer, c -> List.of());
    }

    /** As {@link #of(List, String, FrameFilter, Function)}, with {@code lookFor} giving a crash's cause terms. */
    public static SuggestQuery of(List<CrashReport> crashes, String text, FrameFilter classifier,
            Function<CrashReport, String> signer, Function<CrashReport, List<String>> lookFor) {
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
            assertedIn(c.detail()).filter(f -> c.frames().stream().noneMatch(x -> FunctionNames.key(x.function()).equals(FunctionNames.key(f))))
                    .ifPresent(f -> addFrames(List.of(Frame.named(0, f)), classifier, frames, skipped, seen));
            addFrames(c.frames(), classifier, frames, skipped, seen);
            details.addAll(detailWords(c));
        }
        for (String t : Tokens.of(exception)) {
            if (useful(t)) {
                details.add(t);
            }
        }
        Set<String> crashTokens = new HashSet<>();
        Set<String> crashWords = new LinkedHashSet<>();
        Set<String> skippedKeys = skippedKeys(skipped);
        List<String> plumbing = skipped.stream().map(SuggestQuery::shortName).filter(n -> n.length() > 3).distinct().toList();
        for (CrashReport c : ordered) {
            for (String line : c.rawText().split("\n")) {
                // A decoded plumbing frame's line (panic_abort at …/panic.c:423) names files every such crash has.
                boolean plumbingLine = plumbing.stream().anyMatch(line::contains);
                List<String> lineWords = Tokens.words(line);
                crashTokens.addAll(lineWords);
                // a boot status block's labels ("Current task on core 0:", "Event:") are in every such block
                List<String> searched = c.format() == SourceFormat.BOOT_STATUS ? Tokens.words(BootStatusLabels.bundled().valueOf(line)) : lineWords;
                for (String t : searched) {
                    if (!plumbingLine && crashWords.size() < MAX_WORDS && useful(t) && !seen.contains(t) && !details.contains(t)
                            && !skippedKeys.contains(t)) {
                        crashWords.add(t);
                    }
                }
            }
        }
        boolean bootStatus = crashes.stream().anyMatch(c -> c.format() == SourceFormat.BOOT_STATUS);
        List<String> free = freeWords(bootStatus && text != null ? BootStatusLabels.bundled().values(text) : text, crashes, crashTokens);
        CrashTraits traits = CrashTraits.NONE;
        Set<String> causeTerms = new LinkedHashSet<>();
        if (primary != null) {
            CrashTraits p = CrashTraits.of(primary);
            traits = new CrashTraits(p.kinds(), p.tasks(), CrashTraits.union(ordered).heapProblems(), p.overflowTasks());
            for (String t : lookFor.apply(primary)) {
                causeTerms.add(t.strip().replaceAll("\\s+", " "));
            }
        }
        return new SuggestQuery(frames, skipped, exception, kind, signature, new ArrayList<>(details), new ArrayList<>(crashWords),
                free, build, heap, traits, new ArrayList<>(causeTerms));
    }

    /** A heap-trace caller chain (innermost first) as a query: which known cause allocates like this? */
    public static SuggestQuery ofChain(List<Frame> chain, FrameFilter classifier) {
        List<QueryFrame> frames = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        addFrames(chain, classifier, frames, skipped, new HashSet<>());
        return new SuggestQuery(frames, skipped, "", CrashKind.OTHER, "", List.of(), List.of(), List.of(), "", Optional.empty(), CrashTraits.NONE,
                List.of());
    }

    private static final java.util.regex.Pattern[] ASSERT_FUNCTION = {
        // ESP-IDF v5: assert failed: tcp_update_rcv_ann_wnd tcp.c:951 (new_rcv_ann_wnd <= 0xffff)
        java.util.regex.Pattern.compile("assert failed: ([A-Za-z_][\\w:~]*) \\S+:\\d+"),
        // newlib: assertion "head != NULL" failed: file "multi_heap_poisoning.c", line 201, function: multi_heap_free
        java.util.regex.Pattern.compile("function: ([A-Za-z_][\\w:~]*)"),
        // FreeRTOS configASSERT: /…/queue.c:1442 (xQueueGenericReceive)- assert failed!
        java.util.regex.Pattern.compile("\\(([A-Za-z_][\\w:~]*)\\)- assert failed"),
    };

    /** The function an assertion message names: it is where the crash happened, the top frame in effect. */
    static Optional<String> assertedIn(String detail) {
        for (java.util.regex.Pattern p : ASSERT_FUNCTION) {
            java.util.regex.Matcher m = p.matcher(detail);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
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
                String key = Frame.hex(f.address());
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
        // boot status keeps its "Stack overflow in task X" line as the detail: the label is no query word
        String detail = c.format() == SourceFormat.BOOT_STATUS ? BootStatusLabels.bundled().valueOf(c.detail()) : c.detail();
        // the error logged right before a bare abort() is what the crash says of its cause
        for (String t : Tokens.words(detail + "\n" + c.loggedError())) {
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
        for (String t : Tokens.words(text == null ? "" : text)) {
            if (out.size() >= MAX_WORDS) {
                break;
            }
            if (useful(t) && (crashes.isEmpty() || !crashTokens.contains(t))) {
                out.add(t);
            }
        }
        return new ArrayList<>(out);
    }

    private static Set<String> skippedKeys(List<String> skipped) {
        Set<String> out = new HashSet<>();
        for (String f : skipped) {
            out.add(FunctionNames.key(f));
        }
        return out;
    }

    /** Words worth searching: not numbers, raw hex values, register names, tiny words or boilerplate. */
    static boolean useful(String t) {
        if (t.length() < 3 || t.length() > 80) {
            return false;
        }
        if (HEXISH.matcher(t).matches()) {
            return false;
        }
        return !BOILERPLATE.contains(t) && t.chars().anyMatch(Character::isLetter);
    }

    private static final java.util.regex.Pattern HEXISH =
            java.util.regex.Pattern.compile("0x[0-9a-f]+|[0-9a-f]{8}|[0-9.:/_-]+|[ad]\\d{1,2}|[0-9]+[a-z]{0,2}|[0-9a-f]{6,}");

    private static final Set<String> BOILERPLATE = loadBoilerplate();

    private static Set<String> loadBoilerplate() {
        Set<String> out = new HashSet<>();
        for (DataFile.Line line : DataFile.bundled(SuggestQuery.class, "boilerplate-words.txt").lines()) {
            if (line.text().chars().anyMatch(Character::isWhitespace)) {
                throw line.bad("one word a line"); // a query word never holds a space: the entry would never match
            }
            out.add(line.text().toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(out);
    }
}
