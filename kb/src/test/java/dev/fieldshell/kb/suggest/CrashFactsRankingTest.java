package dev.fieldshell.kb.suggest;

import static dev.fieldshell.kb.suggest.Docs.issue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.crash.CrashKind;
import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.index.KbDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Crash facts beyond frames, through the real crash parser, frame rules and signatures: the task a
 * crash names and its heap-corruption problem decide between reports that share every other word.
 */
class CrashFactsRankingTest {

    static final SuggestSession.Analysis STANDARD = StandardAnalysis.get();

    static List<CrashReport> parse(String text) {
        return STANDARD.parser().apply(text);
    }

    static String canary(String task, String pc) {
        return "Guru Meditation Error: Core  0 panic'ed (Unhandled debug exception)\n"
                + "Debug exception reason: Stack canary watchpoint triggered (" + task + ") \n"
                + "Register dump:\n"
                + "PC      : " + pc + "  PS      : 0x00060236  A0      : 0x800849c1  A1      : 0x3ffbe360  \n"
                + "Backtrace: " + pc + ":0x3ffbe360 0x400849be:0x3ffbe380\n";
    }

    static KbDocument report(String id, String title, String text) {
        return issue(id, title, text, "open", parse(text).toArray(CrashReport[]::new));
    }

    SuggestResult rank(String queryText, List<KbDocument> docs) {
        SuggestQuery q = SuggestQuery.of(parse(queryText), queryText, STANDARD.classifier(), STANDARD.signer());
        return Suggestions.rank(q, docs, TermWeights.uniform(), STANDARD.classifier(), STANDARD.signer(), 5, 0.0);
    }

    @Test
    void theTaskWhoseStackOverflowedDecidesBetweenOtherwiseAlikeReports() {
        KbDocument camTask = report("a/b#1", "Stack canary watchpoint triggered", canary("cam_task", "0x4008a111"));
        KbDocument timerTask = report("a/b#2", "Stack canary watchpoint triggered", canary("Tmr Svc", "0x4008a222"));

        SuggestResult r = rank(canary("Tmr Svc", "0x4008b333"), List.of(camTask, timerTask));

        assertThat(r.suggestions()).extracting(s -> s.documents().get(0).id()).containsExactly("a/b#2", "a/b#1");
        assertThat(r.suggestions().get(0).matchedFacts()).contains("same kind: stack overflow", "task tmr svc");
        assertThat(r.suggestions().get(1).matchedFacts()).doesNotContain("task tmr svc");
        assertThat(r.suggestions().get(0).score()).isGreaterThan(r.suggestions().get(1).score());
    }

    static String twdt(String blocked, String running) {
        return "E (15390) task_wdt: Task watchdog got triggered. The following tasks did not reset the watchdog in time:\n"
                + "E (15390) task_wdt:  - " + blocked + " (CPU 1)\n"
                + "E (15390) task_wdt: Tasks currently running:\n"
                + "E (15390) task_wdt: CPU 0: IDLE0\n"
                + "E (15390) task_wdt: CPU 1: " + running + "\n";
    }

    @Test
    void aReportWhoseCrashNamesOtherTasksDoesNotAgreeOnTheTaskBecauseItsTextMentionsIt() {
        // the watchdog saw IDLE1 starved; this report's watchdog saw async_tcp blocked, with IDLE1 merely running
        KbDocument otherBlocked = report("a/b#1", "Task watchdog got triggered", twdt("async_tcp", "IDLE1"));
        // a report without a parsable crash that describes the task in words
        KbDocument prose = issue("a/b#2", "IDLE1 starved", "The task watchdog fired because IDLE1 never ran: a loop without delay.", "open");

        SuggestResult r = rank(twdt("IDLE1", "loopTask"), List.of(otherBlocked, prose));

        Suggestion other = r.suggestions().stream().filter(s -> s.documents().get(0).id().equals("a/b#1")).findFirst().orElseThrow();
        Suggestion described = r.suggestions().stream().filter(s -> s.documents().get(0).id().equals("a/b#2")).findFirst().orElseThrow();
        assertThat(other.matchedFacts()).contains("same kind: task watchdog").doesNotContain("task idle1");
        assertThat(described.matchedFacts()).contains("task idle1");
    }

    @Test
    void anOverflowOfAnotherTaskDoesNotExplainASystemTasksOverflow() {
        // Three reports of the same canary in application tasks share every word with the query; the one that
        // names the timer task's stack option has no crash text at all.
        KbDocument motor = report("k/m#1", "Debug exception reason: Stack canary watchpoint triggered (Motor)",
                canary("Motor", "0x4008a111").replace("0x400849be", "0x400d1e40") + "\nUnhandled debug exception, panic while the motor task ran.");
        KbDocument ble = report("k/m#2", "Stack canary watchpoint triggered (nimble_host)",
                canary("nimble_host", "0x4008a222").replace("0x400849be", "0x400e2a14") + "\nUnhandled debug exception, panic on connect.");
        KbDocument option = report("k/m#3", "CONFIG_FREERTOS_TIMER_TASK_STACK_DEPTH is too small",
                "Timer callbacks that print overflow the default stack of the timer service task; raise the option.");

        String timer = canary("Tmr Svc", "0x4008b333");
        SuggestQuery q = SuggestQuery.of(parse(timer), timer, STANDARD.classifier(), STANDARD.signer(), STANDARD::causeTerms);
        SuggestResult r = Suggestions.rank(q, List.of(motor, ble, option), TermWeights.uniform(), STANDARD.classifier(),
                STANDARD.signer(), 5, 0.0);

        assertThat(r.suggestions()).extracting(s -> s.documents().get(0).id()).first().isEqualTo("k/m#3");
        // another task's overflow is not "the same kind" of crash for this one
        assertThat(r.suggestions().stream().filter(s -> !s.contains("k/m#3")))
                .allSatisfy(s -> assertThat(s.matchedFacts()).doesNotContain("same kind: stack overflow"));
    }

    @Test
    void applicationTaskOverflowsAreNotComparedByName() {
        // an application's task is named by the application: another app's overflow is the same advice
        KbDocument other = report("k/a#1", "Stack canary watchpoint triggered (sensorTask)", canary("sensorTask", "0x4008a111"));
        SuggestResult r = rank(canary("loopTask", "0x4008b333"), List.of(other));

        assertThat(r.suggestions()).hasSize(1);
        assertThat(r.suggestions().get(0).matchedFacts()).contains("same kind: stack overflow");
    }

    @Test
    void theSameSystemTaskOnTheOtherCoreIsNotAnotherTask() {
        KbDocument ipc1 = report("k/i#1", "Stack canary watchpoint triggered (ipc1)", canary("ipc1", "0x4008a111"));
        SuggestResult r = rank(canary("ipc0", "0x4008b333"), List.of(ipc1));

        assertThat(r.suggestions().get(0).matchedFacts()).contains("same kind: stack overflow");
    }

    @Test
    void aCorruptHeapLineMakesTheCrashAHeapCorruptionAndItsProblemMustAgree() {
        String interruptWdt = "Guru Meditation Error: Core  1 panic'ed (Interrupt wdt timeout on CPU1)\n"
                + "Core 1 register dump:\nPC      : 0x4008a54a  PS      : 0x00060735  A0      : 0x800897a2  A1      : 0x3ffbed0c\n"
                + "Backtrace: 0x4008a54a:0x3ffbed0c 0x4008979f:0x3ffbed30\n";
        String query = "CORRUPT HEAP: Bad head at 0x3ffb8c24. Expected 0xabba1234 got 0xfefefefe\n"
                + "assert failed: multi_heap_free multi_heap_poisoning.c:253 (head != NULL)\n" + interruptWdt;
        KbDocument badTail = report("h/t#1", "Heap corruption",
                "CORRUPT HEAP: Bad tail at 0x3ffc1000. Expected 0xbaad5678 got 0xbaad5600\n"
                        + "E (208095) heap: Assert failed in multi_heap_free\n"
                        + "Backtrace: 0x40081111:0x3ffbed0c 0x40082222:0x3ffbed30\n");
        KbDocument badHead = report("h/h#2", "Heap corruption",
                "CORRUPT HEAP: Bad head at 0x3ffc2000. Expected 0xabba1234 got 0x00000000\n"
                        + "assert failed: multi_heap_free multi_heap_poisoning.c:253 (head != NULL)\n"
                        + "Backtrace: 0x40083333:0x3ffbed0c 0x40084444:0x3ffbed30\n");
        KbDocument wdtOnly = report("w/d#3", "Interrupt watchdog", interruptWdt.replace("0x4008a54a", "0x4008c000"));

        SuggestQuery q = SuggestQuery.of(parse(query), query, STANDARD.classifier(), STANDARD.signer());
        // the interrupt watchdog that follows the corruption is its consequence, not a second kind
        assertThat(q.traits().kinds()).containsExactly(CrashKind.HEAP_CORRUPTION);
        assertThat(q.traits().heapProblems()).containsExactly("bad head");

        SuggestResult r = rank(query, List.of(wdtOnly, badTail, badHead));
        assertThat(r.suggestions().get(0).documents().get(0).id()).isEqualTo("h/h#2");
        assertThat(r.suggestions().get(0).matchedFacts()).contains("heap: bad head");
        assertThat(SuggestFormat.text(r)).anyMatch(l -> l.contains("matched facts: ") && l.contains("heap: bad head"));
        assertThat(SuggestFormat.json(r)).contains("\"matched_facts\"").contains("heap: bad head");
        Suggestion wdt = r.suggestions().stream().filter(s -> s.documents().get(0).id().equals("w/d#3")).findFirst().orElseThrow();
        assertThat(wdt.matchedFacts()).noneMatch(f -> f.startsWith("same kind"));
    }

    @Test
    void theWatchdogAfterACorruptHeapAgreesWithHeapCorruptionsNotWithEveryWatchdog() {
        String interruptWdt = "Guru Meditation Error: Core  1 panic'ed (Interrupt wdt timeout on CPU1)\n"
                + "Core 1 register dump:\nPC      : 0x4008a54a  PS      : 0x00060735  A0      : 0x800897a2  A1      : 0x3ffbed0c\n"
                + "Backtrace: 0x4008a54a:0x3ffbed0c 0x4008979f:0x3ffbed30\n";
        String query = "CORRUPT HEAP: Bad head at 0x3ffb8c24. Expected 0xabba1234 got 0xfefefefe\n"
                + "assert failed: multi_heap_free multi_heap_poisoning.c:253 (head != NULL)\n" + interruptWdt;
        KbDocument wdtOnly = report("w/d#1", "Crash", interruptWdt);
        KbDocument otherCorruption = report("h/t#2", "Crash",
                "CORRUPT HEAP: Bad tail at 0x3ffc1000. Expected 0xbaad5678 got 0xbaad5600\n"
                        + "E (208095) heap: Assert failed in multi_heap_free\n"
                        + "abort() was called at PC 0x40081111 on core 1\n"
                        + "Backtrace: 0x40081111:0x3ffbed0c 0x40082222:0x3ffbed30\n");

        SuggestResult r = rank(query, List.of(wdtOnly, otherCorruption));

        assertThat(r.suggestions()).extracting(s -> s.documents().get(0).id()).containsExactly("h/t#2", "w/d#1");
        assertThat(r.suggestions().get(0).matchedFacts()).contains("same kind: heap corruption");
    }

    @Test
    void filesOfDecodedPlumbingFramesAreNotSearchedFor() {
        String text = "***ERROR*** A stack overflow in task ipc0 has been detected.\n\n"
                + "Backtrace: 0x403765d2:0x3fcf0ee0 0x40383205:0x3fcf0f00 0x40385272:0x3fcf0fa0\n"
                + "0x403765d2: panic_abort at /home/u/esp-idf/components/esp_system/panic.c:423\n"
                + "0x40383205: esp_system_abort at /home/u/esp-idf/components/esp_system/esp_system.c:153\n"
                + "0x40385272: my_isr_setup at /home/u/project/main/board_io.c:88\n";
        SuggestQuery q = SuggestQuery.of(parse(text), text, STANDARD.classifier(), STANDARD.signer());

        assertThat(q.skipped()).contains("panic_abort", "esp_system_abort");
        assertThat(q.crashWords()).doesNotContain("panic.c", "esp_system.c").contains("board_io.c");
        assertThat(q.traits().tasks()).containsExactly("ipc0");
    }
}
