package dev.fieldshell.kb.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.index.KbDocument;
import dev.fieldshell.kb.index.KnowledgeBase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the crash's own facts point to (the explanation rules' {@code look for} words) is evidence:
 * a report that names that cause explains the crash even when it has no crash text of its own.
 * Through the real parser, explanation rules, frame rules and signatures.
 */
class ExplainedCauseRankingTest {

    static final SuggestSession.Analysis STANDARD = StandardAnalysis.get();

    // IllegalInstruction at a return (RETW) whose return address is not code: a task function that returned
    static final String RETURNED = "Guru Meditation Error: Core  0 panic'ed (IllegalInstruction). Exception was unhandled.\n"
            + "Backtrace: 0x4011949a:0x3ffe9500 0x000000c6:0x3ffe9520 0x40119203:0x3ffe9540\n";

    static SuggestResult rank(String text, boolean withCauses, List<KbDocument> docs) {
        List<CrashReport> crashes = STANDARD.parser().apply(text);
        SuggestQuery q = withCauses
                ? SuggestQuery.of(crashes, text, STANDARD.classifier(), STANDARD.signer(), STANDARD::causeTerms)
                : SuggestQuery.of(crashes, text, STANDARD.classifier(), STANDARD.signer());
        return Suggestions.rank(q, docs, TermWeights.uniform(), STANDARD.classifier(), STANDARD.signer(), 5, 0.0);
    }

    static List<String> order(SuggestResult r) {
        return r.suggestions().stream().map(s -> s.documents().get(0).id()).toList();
    }

    static String illegal(String pc) {
        return "Guru Meditation Error: Core  1 panic'ed (IllegalInstruction). Exception was unhandled.\n"
                + "Backtrace: " + pc + ":0x3ffb1f00 0x400d5678:0x3ffb1f20\n";
    }

    @Test
    void aReportNamingTheCauseTheCrashPointsToOutranksOtherCrashesOfTheSameException(@TempDir Path dir) throws Exception {
        try (KnowledgeBase kb = KnowledgeBase.open(dir.resolve("kb"))) {
            kb.upsert(Docs.parsedIssue("x/y#1", "Guru Meditation IllegalInstruction after OTA", illegal("0x400d1234")));
            kb.upsert(Docs.parsedIssue("x/y#2", "IllegalInstruction in my callback", illegal("0x400d2234") + "\nA bad function pointer."));
            kb.upsert(Docs.parsedIssue("x/y#3", "Random IllegalInstruction", illegal("0x400d3234")));
            kb.upsert(Docs.parsedIssue("x/y#4", "Task crashes when its loop ends",
                    "My task crashed as soon as its work was done. A FreeRTOS task must never return: end it with "
                            + "vTaskDelete(NULL). Fixed."));
            kb.commit();

            SuggestQuery q = SuggestQuery.of(STANDARD.parser().apply(RETURNED), RETURNED, STANDARD.classifier(),
                    STANDARD.signer(), STANDARD::causeTerms);
            assertThat(q.causeTerms()).containsExactly("vTaskDelete");

            SuggestResult with = new SuggestSession(kb, STANDARD).suggest(RETURNED, SymbolSources.none(), 5).result();
            assertThat(order(with)).first().isEqualTo("x/y#4");
            assertThat(with.suggestions().get(0).matchedFacts()).contains("names the cause: vTaskDelete");
            assertThat(SuggestFormat.json(with)).contains("names the cause: vTaskDelete");
            // without the explanation's evidence that report shares nothing with the crash and is not shown
            SuggestResult without = new Suggester(kb, STANDARD.classifier(), STANDARD.signer())
                    .suggest(STANDARD.parser().apply(RETURNED), RETURNED, 5);
            assertThat(order(without)).doesNotContain("x/y#4");
        }
    }

    @Test
    void aSystemTasksStackOptionNamesThatTask() {
        String timerOverflow = "Guru Meditation Error: Core  0 panic'ed (Unhandled debug exception)\n"
                + "Debug exception reason: Stack canary watchpoint triggered (Tmr Svc) \n"
                + "Backtrace: 0x4008a111:0x3ffbe360 0x400849be:0x3ffbe380\n";
        KbDocument option = Docs.parsedIssue("t/s#1", "CONFIG_FREERTOS_TIMER_TASK_STACK_DEPTH is too small",
                "Software timer callbacks that print overflow the 2048 byte default; raise the option.");
        KbDocument unrelated = Docs.parsedIssue("t/s#2", "Timer callbacks are late", "Software timer callbacks run late under load.");

        SuggestResult r = rank(timerOverflow, true, List.of(unrelated, option));
        assertThat(order(r)).first().isEqualTo("t/s#1");
        assertThat(r.suggestions().get(0).matchedFacts())
                .contains("task tmr svc", "names the cause: CONFIG_FREERTOS_TIMER_TASK_STACK_DEPTH");
        // the other shares no frame, fact or word with the crash: not shown
        assertThat(order(r)).containsExactly("t/s#1");
    }
}
