package dev.fieldshell.shell.macro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.shell.ovms.JournalEntry;
import dev.fieldshell.shell.sim.Fault;
import dev.fieldshell.shell.sim.SimulatedModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulator's drop-after fault in the middle of an apply: the report says exactly which steps
 * are done, the journal allows resume or undo after the module is back (same /store), nothing is lost.
 */
class DropMidApplyTest extends SimFixtureTest {

    /**
     * Reading three absent files takes 3 commands and finding /store/events absent one more
     * ({@code vfs ls /store}); the 5th and 6th write two files; the 7th is dropped.
     */
    private SimulatedModule droppingModule() throws Exception {
        return fx.start(SimulatedModule.builder().firmware(SimFixture.FW_3_3_006).fault(new Fault.DropAfter(6)), "m");
    }

    private SimulatedModule restarted(SimulatedModule old) throws Exception {
        old.close();
        return fx.start(SimulatedModule.builder().firmware(SimFixture.FW_3_3_006), "m");
    }

    private MacroTool.Targets on(SimulatedModule m) {
        return SimFixture.targets(Map.of("m", m.link()), "m");
    }

    private int interruptedApply(MacroTool tool, SimulatedModule m, SimFixture.RecordingUi ui) throws Exception {
        List<String> words = new ArrayList<>(HeapcheckSimTest.SEED_ARGS);
        words.add("--yes");
        return tool.macro(words, on(m), ui);
    }

    @Test
    void reportsDoneAndNotDoneThenResumes() throws Exception {
        SimulatedModule m = droppingModule();
        MacroTool tool = new MacroTool(fx.dirs);
        SimFixture.RecordingUi ui = new SimFixture.RecordingUi(true);

        assertThat(interruptedApply(tool, m, ui)).isEqualTo(1);

        assertThat(ui.lines).contains(
                "  [done    ] 1. write /store/events/usr.check.heap/00-checkheap (1 line, 19 bytes)",
                "  [done    ] 2. write /store/events/server.v2.stopped/90-checkheap (1 line, 34 bytes)");
        assertThat(ui.lines).anyMatch(l -> l.startsWith("  [PARTIAL ] 3. write /store/events/server.v3.stopped/90-checkheap (1 line, 34 bytes) (0 of 1 commands acknowledged): link lost"));
        assertThat(ui.text()).contains("macro resume", "undo");
        assertThat(SimFixture.eventFiles(m)).containsOnlyKeys("usr.check.heap/00-checkheap", "server.v2.stopped/90-checkheap");

        JournalEntry e = tool.applier().journal().latestUnfinished("m").orElseThrow();
        assertThat(e.state()).isEqualTo(JournalEntry.State.INTERRUPTED);
        assertThat(e.steps()).extracting(JournalEntry.StepRecord::status)
                .containsExactly(JournalEntry.Status.DONE, JournalEntry.Status.DONE, JournalEntry.Status.STARTED);

        SimulatedModule back = restarted(m);
        SimFixture.RecordingUi resume = new SimFixture.RecordingUi(true);
        assertThat(tool.macro(List.of("resume", "--yes"), on(back), resume)).as(resume.text()).isZero();
        assertThat(resume.lines).contains("  [not done] 3. write /store/events/server.v3.stopped/90-checkheap (1 line, 34 bytes)");
        assertThat(resume.text()).contains("applied and verified");
        assertThat(SimFixture.eventFiles(back)).isEqualTo(HeapcheckSimTest.SEED_FILES);
        assertThat(tool.applier().journal().latestUnfinished("m")).isEmpty();
    }

    @Test
    void anInterruptedApplyCanBeUndone() throws Exception {
        SimulatedModule m = droppingModule();
        MacroTool tool = new MacroTool(fx.dirs);
        assertThat(interruptedApply(tool, m, new SimFixture.RecordingUi(true))).isEqualTo(1);
        assertThat(SimFixture.eventFiles(m)).hasSize(2);

        SimulatedModule back = restarted(m);
        SimFixture.RecordingUi undo = new SimFixture.RecordingUi(true);
        assertThat(tool.undo(List.of("--yes"), on(back), undo)).as(undo.text()).isZero();
        assertThat(undo.text()).contains("vfs rm /store/events/usr.check.heap/00-checkheap", "vfs rm /store/events/server.v2.stopped/90-checkheap")
                .doesNotContain("vfs rm /store/events/server.v3.stopped/90-checkheap");
        assertThat(SimFixture.eventFiles(back)).isEmpty();
        assertThat(tool.applier().journal().latestUndoable("m")).isEmpty();
    }
}
