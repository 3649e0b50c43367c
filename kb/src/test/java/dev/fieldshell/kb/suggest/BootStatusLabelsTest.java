package dev.fieldshell.kb.suggest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldshell.kb.crash.Fixtures;
import dev.fieldshell.kb.data.DataFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A boot status block's labels are no query words; its values (tasks, event, version) are. */
class BootStatusLabelsTest {

    final BootStatusLabels labels = BootStatusLabels.bundled();

    @Test
    void aLineKeepsItsValueOnly() {
        assertThat(labels.valueOf("  Current task on core 1: OVMS Events, 4544 stack bytes free")).isEqualTo("OVMS Events, 4544 stack bytes free");
        assertThat(labels.valueOf("  WDT tasks: IDLE1|OVMS DukTape")).isEqualTo("IDLE1|OVMS DukTape");
        assertThat(labels.valueOf("  Event: ticker.1@ovms-server-v2 0 secs")).isEqualTo("ticker.1@ovms-server-v2 0 secs");
        assertThat(labels.valueOf("  Stack overflow in task OVMS Events")).isEqualTo("OVMS Events");
        assertThat(labels.valueOf("  This is reset #3 since last power cycle")).isEqualTo("since last power cycle");
        assertThat(labels.valueOf("OVMS# boot status")).isEmpty();
        // not a label: a word that merely starts like one, and lines of other output
        assertThat(labels.valueOf("Events: 3 queued")).isEqualTo("Events: 3 queued");
        assertThat(labels.valueOf("OVMS# bootstrap")).isEqualTo("OVMS# bootstrap");
        assertThat(labels.valueOf("0x401339f2 0x401695dd")).isEqualTo("0x401339f2 0x401695dd");
    }

    @Test
    void aFlattenedBlockLosesItsLabelsInsideTheLine() {
        String flat = Fixtures.read("bootstatus-flattened-2023.txt").strip();
        String v = labels.valueOf(flat);
        assertThat(v).doesNotContain("Current task on core", "Event:", "Last crash:", "Version:")
                .contains("IDLE0, 404 stack bytes free", "OVMS NetMan", "network.mgr.init@netmanager", "3.3.003-132-g2a83fb3d");
    }

    @Test
    void theQueryOfABootStatusSearchesItsValuesNotItsLabels() {
        String text = Fixtures.read("bootstatus-2024.txt");
        SuggestSession.Analysis a = StandardAnalysis.get();
        SuggestQuery q = SuggestQuery.of(a.parser().apply(text), text, a.classifier(), a.signer());
        List<String> words = new ArrayList<>(q.crashWords());
        words.addAll(q.freeTerms());
        words.addAll(q.detailTerms());
        // 'status' and 'ovms' came from the "OVMS# boot status" line, 'task' from "Current task on core N:", 'event' from "Event:"
        assertThat(words).doesNotContain("status", "task", "event", "hardware", "current", "registers");
        assertThat(words).contains("idle0", "events", "ticker.1", "sim7600");
    }

    @Test
    void theOverflowingTaskOfABootStatusIsSearchedWithoutTheLabelWords() {
        String text = """
                Last crash: abort() was called on core 1
                  Stack overflow in task tiT
                  Current task on core 1: tiT, 0 stack bytes free
                  Backtrace:
                  0x4008ddd2 0x4008e06d 0x40117a46
                """;
        SuggestSession.Analysis a = StandardAnalysis.get();
        SuggestQuery q = SuggestQuery.of(a.parser().apply(text), text, a.classifier(), a.signer());
        assertThat(q.detailTerms()).contains("tit").doesNotContain("task", "overflow");
        assertThat(q.crashWords()).doesNotContain("task", "overflow", "current");
    }

    @Test
    void aBadLabelSaysWhere() {
        assertThatThrownBy(() -> BootStatusLabels.of(DataFile.of("boot-status-labels.txt", "# x\n<n> tasks\n")))
                .hasMessageStartingWith("boot-status-labels.txt:2: expected a label as printed");
    }
}
