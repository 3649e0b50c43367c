package dev.fieldshell.kb.suggest;

import static dev.fieldshell.kb.suggest.Docs.issue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.crash.CrashKind;
import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.index.KbDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reports whose crash text is not in the KB (an attachment, a screenshot, a description) still say
 * what happened in their words: the crash's kind in the text, the crashing function in the title.
 * Through the real crash parser, frame rules and signatures.
 */
class ProseEvidenceRankingTest {

    static final SuggestSession.Analysis STANDARD = StandardAnalysis.get();

    static final String TIMER_CANARY = "Guru Meditation Error: Core  0 panic'ed (Unhandled debug exception)\n"
            + "Debug exception reason: Stack canary watchpoint triggered (Tmr Svc) \n"
            + "Register dump:\n"
            + "PC      : 0x4000bff0  PS      : 0x00060236  A0      : 0x800849c1  A1      : 0x3ffbe360  \n";

    static List<CrashReport> parse(String text) {
        return STANDARD.parser().apply(text);
    }

    static SuggestResult rank(String queryText, List<KbDocument> docs) {
        SuggestQuery q = SuggestQuery.of(parse(queryText), queryText, STANDARD.classifier(), STANDARD.signer());
        return Suggestions.rank(q, docs, TermWeights.uniform(), STANDARD.classifier(), STANDARD.signer(), 5, 0.0);
    }

    static Suggestion of(SuggestResult r, String id) {
        return r.suggestions().stream().filter(s -> s.documents().get(0).id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aReportWithoutCrashTextThatNamesTheKindAgreesOnItInPart() {
        KbDocument says = issue("a/b#1", "panic", "It panics after a while, the stack is not very helpful.\n"
                + "Seems to indicate stack overflow, make your stack bigger?", "closed");
        KbDocument silent = issue("a/b#2", "panic", "It panics after a while, the stack is not very helpful.\n"
                + "Did you try another power supply?", "closed");

        SuggestResult r = rank(TIMER_CANARY, List.of(silent, says));

        // the silent one shares only the panic header's word: nothing to show for it (weak-evidence.txt)
        assertThat(r.suggestions()).extracting(s -> s.documents().get(0).id()).containsExactly("a/b#1");
        assertThat(of(r, "a/b#1").matchedFacts()).contains("same kind (in text): stack overflow");
        assertThat(SuggestFormat.text(r)).anyMatch(l -> l.contains("matched facts: same kind (in text): stack overflow"));
    }

    @Test
    void aReportWithACrashOfAnotherKindIsJudgedByThatCrashNotByItsWords() {
        String wdt = "E (20303) task_wdt: Task watchdog got triggered. The following tasks did not reset the watchdog in time:\n"
                + "E (20303) task_wdt:  - IDLE0 (CPU 0)\n"
                + "E (20303) task_wdt: Tasks currently running:\n"
                + "E (20303) task_wdt: CPU 0: loopTask\n"
                + "E (20303) task_wdt: Aborting.\n"
                + "abort() was called at PC 0x400d9b8f on core 0\n";
        List<CrashReport> crashes = parse(wdt);
        assertThat(CrashTraits.union(crashes).kinds()).containsExactly(CrashKind.TASK_WATCHDOG);
        KbDocument other = issue("w/d#1", "Watchdog", "Maybe a stack overflow? No, it is the watchdog:\n" + wdt, "closed",
                crashes.toArray(CrashReport[]::new));

        SuggestQuery q = SuggestQuery.of(parse(TIMER_CANARY), TIMER_CANARY, STANDARD.classifier(), STANDARD.signer());
        Ranking.Scored s = Ranking.score(q, DocumentView.of(other, STANDARD.classifier(), STANDARD.signer()), TermWeights.uniform(), 0);
        assertThat(s.matchedFacts()).noneMatch(f -> f.startsWith("same kind"));
        // with nothing else in common it is not shown at all
        assertThat(rank(TIMER_CANARY, List.of(other)).suggestions()).isEmpty();
    }

    @Test
    void aFunctionNamedInTheTitleCountsMoreThanOneMentionedInPassing() {
        String assertCrash = "assertion \"pbuf_free: p->ref > 0\" failed: file \"/home/u/esp-idf/components/lwip/lwip/src/core/pbuf.c\", "
                + "line 765, function: pbuf_free\n"
                + "abort() was called at PC 0x400dfc0f on core 1\n\n"
                + "Backtrace: 0x4008c88c:0x3ffc9fc0 0x4008cabd:0x3ffc9fe0 0x400dfc0f:0x3ffca000 0x400fa29f:0x3ffca030\n";
        // the same words; only where pbuf_free stands differs
        KbDocument titled = issue("t/t#1", "Crash in pbuf_free", "Same reboots here after updating, reverting fixed it.", "closed");
        KbDocument passing = issue("p/p#2", "Crash", "Same reboots here after updating, reverting fixed it. gdb shows pbuf_free.",
                "closed");

        SuggestResult r = rank(assertCrash, List.of(passing, titled));

        assertThat(r.suggestions()).extracting(s -> s.documents().get(0).id()).containsExactly("t/t#1", "p/p#2");
        assertThat(of(r, "t/t#1").matchedFrames()).contains("pbuf_free");
        assertThat(of(r, "p/p#2").matchedFrames()).contains("pbuf_free");
        assertThat(of(r, "t/t#1").score()).isGreaterThan(of(r, "p/p#2").score());
    }

    @Test
    void kindWordsAreReadAsWholeWordsInOrderAndBadLinesSayWhere() {
        KindWords w = KindWords.parse("# comment\nSTACK_OVERFLOW\tstack overflow\nHEAP_CORRUPTION\tcorrupt heap\n");
        assertThat(said(w, CrashKind.STACK_OVERFLOW, "A Stack  Overflow. in task x")).isTrue();
        assertThat(said(w, CrashKind.STACK_OVERFLOW, "overflow of the stack")).isFalse();
        assertThat(said(w, CrashKind.STACK_OVERFLOW, "stack_overflow_hook")).isFalse();
        assertThat(said(w, CrashKind.HEAP_CORRUPTION, "", "CORRUPT HEAP: Bad head")).isTrue();
        assertThat(said(w, CrashKind.BROWNOUT, "brownout")).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KindWords.parse("STACK_OVERFLOW stack overflow\n"))
                .hasMessageContaining("kind-words.txt:1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KindWords.parse("# x\nSTACK_OVERFLOWS\tstack overflow\n"))
                .hasMessageContaining("kind-words.txt:2");
    }

    /** The phrase look-up as Ranking makes it: each text's words in order, and all of them as a set. */
    static boolean said(KindWords w, CrashKind kind, String... texts) {
        List<List<String>> lists = java.util.Arrays.stream(texts).map(Tokens::of).toList();
        java.util.Set<String> all = new java.util.HashSet<>();
        lists.forEach(all::addAll);
        return w.said(kind, all, lists);
    }

    @Test
    void theBundledKindWordsLoad() {
        assertThat(said(KindWords.bundled(), CrashKind.HEAP_CORRUPTION, "crashes with CORRUPT HEAP exception"))
                .isTrue();
    }
}
