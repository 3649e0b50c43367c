package dev.fieldshell.shell.macro;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.ovms.VfsEntry;
import dev.fieldshell.shell.sim.SimulatedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Undo puts the events tree back as it was: directories the apply created go too, others stay. */
class UndoRemovesCreatedDirsTest extends SimFixtureTest {

    /** A listing as a user compares it: names, directory marks and sizes (times change with every write). */
    private static List<VfsEntry> ls(ModuleLink link, String dir) throws Exception {
        return VfsEntry.parseListing(link.run("vfs ls " + dir).output());
    }

    private static int heapcheck(MacroTool tool, ModuleLink link, SimFixture.RecordingUi ui) throws Exception {
        return tool.macro(HeapcheckSimTest.SEED_ARGS, SimFixture.targets(Map.of("m", link), "m"), ui);
    }

    private static int undo(MacroTool tool, ModuleLink link, SimFixture.RecordingUi ui) throws Exception {
        return tool.undo(List.of(), SimFixture.targets(Map.of("m", link), "m"), ui);
    }

    @Test
    void undoRemovesTheEventDirectoriesTheApplyCreatedAndKeepsOneThatWasThere() throws Exception {
        SimulatedModule m = fx.start("m", SimFixture.FW_3_3_006);
        Path v2 = m.storeDir().resolve("events/server.v2.stopped");
        Files.createDirectories(v2);
        Files.writeString(v2.resolve("10-notify"), "notify raise text info usr 'v2 stopped'\n");
        List<VfsEntry> before = ls(m.link(), "/store/events");
        MacroTool tool = new MacroTool(fx.dirs);
        assertThat(heapcheck(tool, m.link(), new SimFixture.RecordingUi(true))).isZero();
        assertThat(ls(m.link(), "/store/events")).extracting(VfsEntry::name)
                .containsExactly("server.v2.stopped", "server.v3.stopped", "usr.check.heap");

        SimFixture.RecordingUi ui = new SimFixture.RecordingUi(true);
        assertThat(undo(tool, m.link(), ui)).isZero();

        assertThat(ui.lines).contains("  vfs rmdir /store/events/server.v3.stopped", "  vfs rmdir /store/events/usr.check.heap",
                "  - /store/events/usr.check.heap/ (empty directory removed)");
        assertThat(ui.text()).doesNotContain("vfs rmdir /store/events/server.v2.stopped").doesNotContain("vfs rmdir /store/events\n");
        // The rmdir lines come after the files that empty the directories.
        assertThat(ui.lines.indexOf("  vfs rmdir /store/events/usr.check.heap"))
                .isGreaterThan(ui.lines.indexOf("  vfs rm /store/events/usr.check.heap/00-checkheap"));
        assertThat(ui.text()).contains("[verified] /store/events/usr.check.heap/: absent");
        assertThat(ls(m.link(), "/store/events")).isEqualTo(before);
    }

    @Test
    void onAFreshModuleUndoAlsoRemovesTheEventsDirectoryItself() throws Exception {
        SimulatedModule m = fx.start("m", SimFixture.FW_3_3_006);
        List<VfsEntry> before = ls(m.link(), "/store");
        assertThat(before).extracting(VfsEntry::name).doesNotContain("events");
        MacroTool tool = new MacroTool(fx.dirs);
        SimFixture.RecordingUi apply = new SimFixture.RecordingUi(true);
        assertThat(heapcheck(tool, m.link(), apply)).as(apply.text()).isZero();

        SimFixture.RecordingUi ui = new SimFixture.RecordingUi(true);
        assertThat(undo(tool, m.link(), ui)).as(ui.text()).isZero();

        assertThat(ui.lines).contains("  vfs rmdir /store/events");
        assertThat(ls(m.link(), "/store")).isEqualTo(before);
    }

    @Test
    void aCreatedDirectoryThatNowHoldsSomeoneElsesScriptStays() throws Exception {
        SimulatedModule m = fx.start("m", SimFixture.FW_3_3_006);
        MacroTool tool = new MacroTool(fx.dirs);
        assertThat(heapcheck(tool, m.link(), new SimFixture.RecordingUi(true))).isZero();
        m.link().run("vfs echo \"notify raise text info usr v3\" /store/events/server.v3.stopped/50-mine");

        SimFixture.RecordingUi ui = new SimFixture.RecordingUi(true);
        assertThat(undo(tool, m.link(), ui)).isZero();

        assertThat(ui.text()).contains("note: left alone: /store/events/server.v3.stopped/ (created by this change, but it now also holds 50-mine)")
                .doesNotContain("vfs rmdir /store/events/server.v3.stopped").doesNotContain("vfs rmdir /store/events\n");
        assertThat(SimFixture.eventFiles(m)).isEqualTo(Map.of("server.v3.stopped/50-mine", "notify raise text info usr v3\n"));
        assertThat(ls(m.link(), "/store/events")).extracting(VfsEntry::name).containsExactly("server.v3.stopped");
    }

    @Test
    void aJournalWrittenBeforeDirectoriesWereRecordedStillUndoesItsFiles() throws Exception {
        SimulatedModule m = fx.start("m", SimFixture.FW_3_3_006);
        MacroTool tool = new MacroTool(fx.dirs);
        assertThat(heapcheck(tool, m.link(), new SimFixture.RecordingUi(true))).isZero();
        Path file;
        try (var files = Files.list(tool.applier().journal().root().resolve("m"))) {
            file = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode entry = (ObjectNode) json.readTree(file.toFile());
        assertThat(entry.remove("dirsCreated")).as("the journal records created directories").isNotNull();
        json.writeValue(file.toFile(), entry);

        SimFixture.RecordingUi ui = new SimFixture.RecordingUi(true);
        assertThat(undo(tool, m.link(), ui)).isZero();

        assertThat(ui.text()).contains("vfs rm /store/events/usr.check.heap/00-checkheap").doesNotContain("vfs rmdir");
        assertThat(SimFixture.eventFiles(m)).isEmpty();
        assertThat(ls(m.link(), "/store/events")).extracting(VfsEntry::name)
                .containsExactly("server.v2.stopped", "server.v3.stopped", "usr.check.heap");
    }
}
