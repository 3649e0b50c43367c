package dev.fieldshell.shell.macro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.sim.SimulatedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The seed thread's heapcheck on simulators: exact files, the check firing after the delay, idempotence, undo. */
class HeapcheckSimTest extends SimFixtureTest {

    static final List<String> SEED_ARGS = List.of("heapcheck", "--after", "server.v2.stopped,server.v3.stopped", "--delay", "5000");
    static final Map<String, String> SEED_FILES = Map.of(
            "usr.check.heap/00-checkheap", "module check alert\n",
            "server.v2.stopped/90-checkheap", "event raise -d5000 usr.check.heap\n",
            "server.v3.stopped/90-checkheap", "event raise -d5000 usr.check.heap\n");


    private int macro(MacroTool tool, ModuleLink link, SimFixture.RecordingUi ui, String... extra) throws Exception {
        List<String> words = new java.util.ArrayList<>(SEED_ARGS);
        words.addAll(List.of(extra));
        return tool.macro(words, SimFixture.targets(Map.of("m", link), "m"), ui);
    }

    @Test
    void seedSchemeOn3_3_006LeavesExactlyTheThreeFilesAndFiresAfterTheDelay() throws Exception {
        SimulatedModule m = fx.start("m006", SimFixture.FW_3_3_006);
        ModuleLink link = m.link();
        MacroTool tool = new MacroTool(fx.dirs);
        SimFixture.RecordingUi ui = new SimFixture.RecordingUi(true);

        assertThat(macro(tool, link, ui)).isZero();

        assertThat(ui.lines).contains(
                "  vfs echo \"module check alert\" /store/events/usr.check.heap/00-checkheap",
                "  vfs echo \"event raise -d5000 usr.check.heap\" /store/events/server.v2.stopped/90-checkheap",
                "  vfs echo \"event raise -d5000 usr.check.heap\" /store/events/server.v3.stopped/90-checkheap",
                "  +++ /store/events/usr.check.heap/00-checkheap",
                "  +module check alert",
                "? Apply heapcheck to m?");
        assertThat(ui.text()).contains("[verified] /store/events/server.v3.stopped/90-checkheap: md5 ");
        assertThat(SimFixture.eventFiles(m)).isEqualTo(SEED_FILES);

        // Raising server.v3.stopped runs the delayed check: usr.check.heap's script at least 5 s later.
        List<String> log = new CopyOnWriteArrayList<>();
        link.onLog(log::add);
        assertThat(link.run("event raise server.v3.stopped").output()).startsWith("Raising event: server.v3.stopped");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (log.stream().noneMatch(l -> l.contains("Running script /store/events/usr.check.heap/00-checkheap")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long raised = millisOf(log, "Running script /store/events/server.v3.stopped/90-checkheap");
        long checked = millisOf(log, "Running script /store/events/usr.check.heap/00-checkheap");
        assertThat(checked - raised).isGreaterThanOrEqualTo(5000);
        assertThat(log).anyMatch(l -> l.contains("script: ") && l.contains("Heap integrity OK"));
    }

    private static long millisOf(List<String> log, String needle) {
        Pattern p = Pattern.compile("^. \\((\\d+)\\) ");
        for (String l : log) {
            if (l.contains(needle)) {
                Matcher m = p.matcher(l);
                assertThat(m.find()).as(l).isTrue();
                return Long.parseLong(m.group(1));
            }
        }
        throw new AssertionError("no log line with '" + needle + "' in " + log);
    }

    @Test
    void onFirmware3_3_005TheSameContentsArriveThroughMkdirAndAppend() throws Exception {
        SimulatedModule m = fx.start("m005", SimFixture.FW_3_3_005);
        MacroTool tool = new MacroTool(fx.dirs);
        SimFixture.RecordingUi ui = new SimFixture.RecordingUi(true);

        // 3.3.005 has no 'module check alert': lint says so and stops the apply until --force.
        SimFixture.RecordingUi refused = new SimFixture.RecordingUi(true);
        assertThat(macro(tool, m.link(), refused)).isEqualTo(1);
        assertThat(refused.text()).contains("00-checkheap:1: error: 'module check alert' needs firmware 3.3.006 or later; this module runs 3.3.005-615",
                "m: not applied (1 lint error(s); fix them or use --force)");
        assertThat(SimFixture.eventFiles(m)).isEmpty();

        assertThat(macro(tool, m.link(), ui, "--force")).as(ui.text()).isZero();

        assertThat(ui.lines).contains(
                "  vfs mkdir -p /store/events/usr.check.heap",
                "  vfs rm /store/events/usr.check.heap/00-checkheap",
                "  vfs append \"module check alert\" /store/events/usr.check.heap/00-checkheap");
        assertThat(ui.lines).noneMatch(l -> l.contains("vfs echo"));
        assertThat(SimFixture.eventFiles(m)).isEqualTo(SEED_FILES);
    }

    @Test
    void aSecondRunChangesNothingAndUndoRestoresByteForByte() throws Exception {
        SimulatedModule m = fx.start("mu", SimFixture.FW_3_3_006);
        // A module with its own scripts already there: one the macro replaces (no final newline,
        // so only scp can restore it), one it leaves alone.
        Path v2 = m.storeDir().resolve("events/server.v2.stopped");
        Files.createDirectories(v2);
        Files.writeString(v2.resolve("90-checkheap"), "event raise -d2000 usr.old.check");
        Files.writeString(v2.resolve("10-notify"), "notify raise text info usr 'v2 stopped'\n");
        Map<String, String> before = SimFixture.eventFiles(m);
        MacroTool tool = new MacroTool(fx.dirs);

        SimFixture.RecordingUi first = new SimFixture.RecordingUi(true);
        assertThat(macro(tool, m.link(), first)).isZero();
        assertThat(SimFixture.eventFiles(m)).containsAllEntriesOf(SEED_FILES).containsEntry("server.v2.stopped/10-notify", before.get("server.v2.stopped/10-notify"));
        assertThat(first.text()).contains("  -event raise -d2000 usr.old.check", "  +event raise -d5000 usr.check.heap");

        SimFixture.RecordingUi second = new SimFixture.RecordingUi(true);
        assertThat(macro(tool, m.link(), second)).isZero();
        assertThat(second.text()).contains("already in place; nothing sent").doesNotContain("? Apply");
        assertThat(tool.applier().journal().entries("m")).hasSize(1);

        SimFixture.RecordingUi undo = new SimFixture.RecordingUi(true);
        assertThat(tool.undo(List.of(), SimFixture.targets(Map.of("m", m.link()), "m"), undo)).isZero();
        assertThat(undo.text()).contains("# scp upload 32 bytes to /store/events/server.v2.stopped/90-checkheap", "vfs rm /store/events/usr.check.heap/00-checkheap");
        assertThat(SimFixture.eventFiles(m)).isEqualTo(before);

        // Nothing left to undo: the journal says so instead of touching the module.
        SimFixture.RecordingUi again = new SimFixture.RecordingUi(true);
        assertThat(tool.undo(List.of(), SimFixture.targets(Map.of("m", m.link()), "m"), again)).as("nothing to undo is not success").isEqualTo(1);
        assertThat(again.text()).contains("nothing to undo");
        assertThat(SimFixture.eventFiles(m)).isEqualTo(before);
    }

    @Test
    void declinedOrDryRunSendsNothing() throws Exception {
        SimulatedModule m = fx.start("md", SimFixture.FW_3_3_006);
        MacroTool tool = new MacroTool(fx.dirs);
        SimFixture.RecordingUi no = new SimFixture.RecordingUi(false);
        assertThat(macro(tool, m.link(), no)).isEqualTo(1);
        assertThat(no.text()).contains("nothing sent");
        SimFixture.RecordingUi dry = new SimFixture.RecordingUi(true);
        assertThat(macro(tool, m.link(), dry, "--dry-run")).isZero();
        assertThat(dry.text()).doesNotContain("? Apply");
        assertThat(SimFixture.eventFiles(m)).isEmpty();
    }
}
