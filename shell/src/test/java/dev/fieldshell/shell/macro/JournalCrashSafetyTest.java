package dev.fieldshell.shell.macro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.shell.link.CommandResult;
import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.ModuleInfo;
import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.ovms.Action;
import dev.fieldshell.shell.ovms.ApplyReport;
import dev.fieldshell.shell.ovms.JournalEntry;
import dev.fieldshell.shell.ovms.Plan;
import dev.fieldshell.shell.ovms.PlanApplier;
import dev.fieldshell.shell.ovms.PlanRenderer;
import dev.fieldshell.shell.ovms.Preparation;
import dev.fieldshell.shell.ovms.Step;
import dev.fieldshell.shell.ovms.UndoJournal;
import dev.fieldshell.shell.sim.SimulatedModule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What a kill at any moment of an apply would leave: before every command reaches the module, the
 * journal on disk must already mark its step as started and every earlier step as done, so resume
 * and undo after a crash know every step that may have been sent. The journal is written once per
 * step; this checks that saving fewer times lost none of that.
 */
class JournalCrashSafetyTest extends SimFixtureTest {

    /** A command as it reached the module, with the step statuses the journal file held at that instant. */
    private record Sent(String line, List<JournalEntry.Status> onDisk) {}

    @Test
    void everyCommandIsCoveredByTheJournalOnDiskWhenItIsSent() throws Exception {
        SimulatedModule m = fx.start("m", SimFixture.FW_3_3_006);
        UndoJournal journal = new UndoJournal(tmp.resolve("undo"));
        PlanApplier applier = new PlanApplier(journal);
        Plan plan = new Plan.Builder("crash safety")
                .add(new Step.WriteFile("/store/events/usr.a/00-a", "event raise usr.b\n"))
                .add(new Step.RaiseEvent("usr.never.handled", 0))
                .add(new Step.WriteFile("/store/events/usr.b/00-b", "module check alert\n"))
                .add(new Step.AppendLine("/store/events/usr.a/00-a", "module check alert"))
                .build();
        Preparation prep = applier.prepare("m", m.link(), plan);
        List<List<String>> perStep = ((PlanRenderer.Rendering.Ok) prep.rendering()).steps().stream()
                .map(s -> s.actions().stream().map(a -> ((Action.Send) a).line()).toList())
                .toList();

        List<Sent> sent = new ArrayList<>();
        ModuleLink watched = new Watching(m.link(), line -> sent.add(new Sent(line, journal.entries("m").stream()
                .flatMap(e -> e.steps().stream().map(JournalEntry.StepRecord::status)).toList())));
        ApplyReport report = applier.apply(watched, prep);

        assertThat(report.outcome()).as(report.message()).isEqualTo(ApplyReport.Outcome.APPLIED);
        int k = 0;
        for (int step = 0; step < perStep.size(); step++) {
            for (String line : perStep.get(step)) {
                Sent s = sent.get(k++);
                assertThat(s.line()).isEqualTo(line);
                for (int j = 0; j < perStep.size(); j++) {
                    JournalEntry.Status want = j < step ? JournalEntry.Status.DONE : j == step ? JournalEntry.Status.STARTED : JournalEntry.Status.PENDING;
                    assertThat(s.onDisk()).as("step %d on disk while sending '%s'", j + 1, line).hasSize(perStep.size()).element(j).isEqualTo(want);
                }
            }
        }
        // Reading back: the last step is an append, which sending twice would double: it is done on
        // disk before the first read, like every other step.
        assertThat(sent.subList(k, sent.size())).isNotEmpty()
                .allSatisfy(s -> assertThat(s.onDisk()).containsOnly(JournalEntry.Status.DONE));
        JournalEntry after = journal.entries("m").get(0);
        assertThat(after.state()).isEqualTo(JournalEntry.State.APPLIED);
        assertThat(after.steps()).extracting(JournalEntry.StepRecord::status).containsOnly(JournalEntry.Status.DONE);
    }

    /** Passes everything to the real link and tells {@code onRun} about each command first. */
    private record Watching(ModuleLink link, Consumer<String> onRun) implements ModuleLink {
        public String target() {
            return link.target();
        }

        public ModuleInfo info() {
            return link.info();
        }

        public CommandResult run(String commandLine) throws LinkException {
            onRun.accept(commandLine);
            return link.run(commandLine);
        }

        public CommandResult stream(String commandLine, Consumer<String> sink) throws LinkException {
            onRun.accept(commandLine);
            return link.stream(commandLine, sink);
        }

        public void interrupt() {
            link.interrupt();
        }

        public void close() {}
    }
}
