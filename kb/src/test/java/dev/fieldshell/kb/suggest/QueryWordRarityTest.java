package dev.fieldshell.kb.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.index.KbDocument;
import dev.fieldshell.kb.index.KnowledgeBase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query word is as rare as the forms documents match it in: a log tag names the module whose
 * source file a report names ({@code intr_alloc} ↔ {@code intr_alloc.c}), and FreeRTOS's per-core
 * task is the same task on the other core ({@code ipc0} ↔ {@code ipc1}). Read only literally, such a
 * word looks never seen and drops out of the comparison, and generic stack-overflow reports win.
 */
class QueryWordRarityTest {

    static final SuggestSession.Analysis STANDARD = StandardAnalysis.get();

    static final String QUERY = "V (3556) intr_alloc: esp_intr_alloc_intrstatus (\n"
            + "***ERROR*** A stack overflow in task ipc0 has been detected.\n\n"
            + "Backtrace: 0x403765d2:0x3fcf0ee0 0x40383205:0x3fcf0f00 0x40386eda:0x3fcf0f20 0x40385272:0x3fcf0fa0\n";

    static String overflow(String task, String pc) {
        return "***ERROR*** A stack overflow in task " + task + " has been detected.\n"
                + "abort() was called at PC " + pc + " on core 0\n\n"
                + "Backtrace: " + pc + ":0x3ffb5a30 0x4008e1a3:0x3ffb5a50\n";
    }

    @Test
    void theSameTaskOnTheOtherCoreAndTheModuleOfTheLogTagCount(@TempDir Path dir) throws Exception {
        try (KnowledgeBase kb = KnowledgeBase.open(dir.resolve("kb"))) {
            kb.upsert(Docs.parsedIssue("e/a#1", "Boot crash (Stack canary watchpoint triggered, ipc1): IPC task stack too small",
                    "Guru Meditation Error: Core 1 panic'ed (Unhandled debug exception).\n"
                            + "Debug exception reason: Stack canary watchpoint triggered (ipc1)\n\n"
                            + "The GPIO ISR is installed from the IPC task: esp_intr_alloc in intr_alloc.c allocates on the small ipc stack."));
            kb.upsert(Docs.parsedIssue("o/t#2", "Stack overflow in task hciT", overflow("hciT", "0x4008e0a0")
                    + "\nThe task stack was too small for the task."));
            kb.upsert(Docs.parsedIssue("o/t#3", "A stack overflow in task iot_thread has been detected", overflow("iot_thread", "0x4008e0b0")
                    + "\nraise the task stack"));
            kb.upsert(Docs.parsedIssue("o/t#4", "stack overflow in task main", overflow("main", "0x4008e0c0")));
            kb.commit();

            SuggestQuery q = SuggestQuery.of(STANDARD.parser().apply(QUERY), QUERY, STANDARD.classifier(), STANDARD.signer());
            TermWeights w = Suggester.weights(q, kb.searcher().getIndexReader());
            assertThat(w.known("ipc0")).as("ipc1 is the same task").isTrue();
            assertThat(w.known("intr_alloc")).as("intr_alloc.c is its source file").isTrue();
            assertThat(w.known("esp_intr_alloc_intrstatus")).as("no document names it in any form").isFalse();

            SuggestResult r = new SuggestSession(kb, STANDARD).suggest(QUERY, SymbolSources.none(), 5).result();
            assertThat(r.suggestions()).isNotEmpty();
            assertThat(r.suggestions().get(0).documents().get(0).id()).isEqualTo("e/a#1");
        }
    }
}
