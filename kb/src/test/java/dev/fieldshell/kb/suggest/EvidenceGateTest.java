package dev.fieldshell.kb.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.index.KbDocument;
import dev.fieldshell.kb.index.KnowledgeBase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suggestion needs something to show for it. A raw backtrace of a build the KB has never seen shares
 * nothing but its exception with the reports of that exception: for LoadProhibited, which every bad
 * pointer ends in, that is "nothing is close", not the best-retrieved report; a rare exception such as
 * IntegerDivideByZero is evidence by itself and is shown as the matched word.
 */
class EvidenceGateTest {

    static final SuggestSession.Analysis STANDARD = StandardAnalysis.get();

    static String raw(String exception, String pc) {
        return "Guru Meditation Error: Core  1 panic'ed (" + exception + "). Exception was unhandled.\n"
                + "Core 1 register dump:\n"
                + "PC      : " + pc + "  PS      : 0x00060530  A0      : 0x801695e0  A1      : 0x3ffc3f00  \n"
                + "EXCVADDR: 0x000000a5  LBEG    : 0x400029ac  LEND    : 0x400029cb  LCOUNT  : 0x00000000  \n\n"
                + "Backtrace: " + pc + ":0x3ffc3f00 0x401695dd:0x3ffc3f30 0x4016b665:0x3ffc3f60\n";
    }

    @Test
    void aGenericExceptionAloneIsNothingCloseARareOneIsShownWithItsWord(@TempDir Path dir) throws Exception {
        try (KnowledgeBase kb = KnowledgeBase.open(dir.resolve("kb"))) {
            kb.upsert(Docs.parsedIssue("a/b#1", "Crash in the console poll", "OvmsConsole::Poll crashed with LoadProhibited; fixed by a mutex."));
            kb.upsert(Docs.parsedIssue("a/b#2", "Random reboot", raw("LoadProhibited", "0x400d1111").replace("0x401695dd", "0x400d2222")
                    .replace("0x4016b665", "0x400d3333")));
            kb.upsert(Docs.parsedIssue("c/d#3", "IntegerDivideByZero with TRACE packets", "The path length was 0 and the code divided by it."));
            kb.commit();
            SuggestSession session = new SuggestSession(kb, STANDARD);

            SuggestResult bad = session.suggest(raw("LoadProhibited", "0x401339f2"), SymbolSources.none(), 5).result();
            assertThat(bad.suggestions()).isEmpty();
            assertThat(bad.nothingClose()).isTrue();
            assertThat(bad.message()).contains("share only its exception, LoadProhibited");

            SuggestResult rare = session.suggest(raw("IntegerDivideByZero", "0x401339f2"), SymbolSources.none(), 5).result();
            assertThat(rare.suggestions()).isNotEmpty();
            assertThat(rare.suggestions().get(0).documents().get(0).id()).isEqualTo("c/d#3");
            assertThat(rare.suggestions().get(0).matchedWords()).contains("integerdividebyzero");
            assertThat(SuggestFormat.text(rare)).anyMatch(l -> l.equals("   matched words: " + String.join(", ",
                    rare.suggestions().get(0).matchedWords())));
            assertThat(SuggestFormat.json(rare)).contains("\"matched_words\"");
        }
    }

    @Test
    void anAllocatorAssertIsAHeapCorruptionAndTheAssertLinesOwnWordsAreNoEvidence() {
        String query = "assertion \"head != NULL\" failed: file \"/home/u/esp-idf/components/heap/multi_heap_poisoning.c\", "
                + "line 201, function: multi_heap_free\nabort() was called at PC 0x400d4e4b on core 0\n\n"
                + "Backtrace: 0x40087e8c:0x3ffd8c10 0x40087f8b:0x3ffd8c30 0x400d4e4b:0x3ffd8c50\n";
        KbDocument otherAssert = Docs.parsedIssue("m/b#1", "mbuf_insert assertion",
                "assertion \"a->len <= a->size\" failed: file \"mbuf.c\", line 99, function: mbuf_insert\n"
                        + "abort() was called at PC 0x400d1111 on core 1\n");
        KbDocument heap = Docs.issue("h/c#2", "Heap corruption after shutdowns", "Random heap corruption crashes after Wi-Fi shutdowns.",
                "open", STANDARD.parser().apply("CORRUPT HEAP: Bad tail at 0x3ffc1000. Expected 0xbaad5678 got 0xbaad5600\n"
                        + "abort() was called at PC 0x400d2222 on core 0\n").toArray(CrashReport[]::new));

        SuggestQuery q = SuggestQuery.of(STANDARD.parser().apply(query), query, STANDARD.classifier(), STANDARD.signer());
        assertThat(q.traits().kinds()).containsExactly(dev.fieldshell.kb.crash.CrashKind.HEAP_CORRUPTION);
        SuggestResult r = Suggestions.rank(q, java.util.List.of(otherAssert, heap), TermWeights.uniform(), STANDARD.classifier(),
                STANDARD.signer(), 5, 0.0); // no threshold: only the evidence decides what is shown
        assertThat(r.suggestions()).extracting(s -> s.documents().get(0).id()).containsExactly("h/c#2");
        assertThat(r.suggestions().get(0).matchedFacts()).contains("same kind: heap corruption");
    }
}
