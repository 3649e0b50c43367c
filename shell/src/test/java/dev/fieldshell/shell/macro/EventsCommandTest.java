package dev.fieldshell.shell.macro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.sim.SimulatedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** events lint | pull | diff | push against a prepared simulator store, and undo of a push. */
class EventsCommandTest extends SimFixtureTest {

    SimulatedModule m;
    MacroTool tool;

    @BeforeEach
    void setUp() throws Exception {
        m = fx.start("car", SimFixture.FW_3_3_006);
        Path ev = m.storeDir().resolve("events");
        Files.createDirectories(ev.resolve("wifi.down"));
        Files.writeString(ev.resolve("wifi.down/10-log"), "log level info\n");
        Files.createDirectories(ev.resolve("server.v2.stopped"));
        Files.writeString(ev.resolve("server.v2.stopped/9-first"), "module check alert\n");
        Files.writeString(ev.resolve("server.v2.stopped/10-second"), "event raise -d5000 usr.check.heap\n");
        Files.createDirectories(ev.resolve("usr.check.heap"));
        Files.writeString(ev.resolve("usr.check.heap/00-check"), "config set module debug.heap yes\n");
        tool = new MacroTool(fx.dirs);
    }

    private SimFixture.RecordingUi events(int expectedExit, String... words) throws Exception {
        SimFixture.RecordingUi ui = new SimFixture.RecordingUi(true);
        assertThat(tool.events(List.of(words), SimFixture.targets(Map.of("car", m.link()), "car"), ui)).as(ui.text()).isEqualTo(expectedExit);
        return ui;
    }

    @Test
    void lintFindsTheThreeSilentMistakesOnTheModule() throws Exception {
        SimFixture.RecordingUi ui = events(1, "lint");
        assertThat(ui.text())
                .contains("/store/events/wifi.down/: error: no firmware signals the event 'wifi.down', so these scripts never run; did you mean network.wifi.down or system.wifi.down?")
                .contains("/store/events/server.v2.stopped/: warning: '10-second' runs before '9-first'")
                .contains("/store/events/usr.check.heap/00-check:1: error: config module debug.heap is accepted but does nothing")
                .contains("car: 4 script(s), 2 error(s), 1 other finding(s)");
    }

    /**
     * A console that is not secure answers every read with an error: lint and plans say why and what
     * to do, instead of finding no scripts and planning over files they could not see.
     */
    @Test
    void onAConsoleThatIsNotSecureLintAndPlansSayToEnable() throws Exception {
        ModuleLink link = m.link();
        assertThat(link.run("disable").output()).isEmpty();
        MacroTool.Targets car = SimFixture.targets(Map.of("car", link), "car");
        String why = "sim: the console is not secure, so the module's files, config and firmware version cannot be read"
                + " ('vfs ls' needs secure mode); type 'enable' on it and run again";
        assertThatThrownBy(() -> tool.events(List.of("lint"), car, new SimFixture.RecordingUi(true)))
                .isInstanceOf(LinkException.class).hasMessage(why);

        Map<String, String> before = SimFixture.eventFiles(m);
        SimFixture.RecordingUi plan = new SimFixture.RecordingUi(true);
        List<String> words = new java.util.ArrayList<>(HeapcheckSimTest.SEED_ARGS);
        words.add("--yes");
        assertThat(tool.macro(words, car, plan)).isEqualTo(1);
        assertThat(plan.text()).contains("sim: the console is not secure, so the module's files, config and firmware version cannot be read"
                + " ('vfs stat' needs secure mode); type 'enable' on it and run again");
        assertThat(SimFixture.eventFiles(m)).isEqualTo(before);
    }

    @Test
    void pullEditDiffPushAndUndo() throws Exception {
        Map<String, String> original = SimFixture.eventFiles(m);
        Path dir = tmp.resolve("local");
        assertThat(events(0, "pull", dir.toString()).text()).contains("pulled 4 event script(s) of 3 event(s) from car into " + dir);
        assertThat(Files.readString(dir.resolve("server.v2.stopped/10-second"))).isEqualTo("event raise -d5000 usr.check.heap\n");

        // Fix the mistakes locally, as a reviewer would.
        Files.writeString(dir.resolve("usr.check.heap/00-check"), "module check alert\n");
        Files.move(dir.resolve("server.v2.stopped/9-first"), dir.resolve("server.v2.stopped/09-first"));
        SimFixture.RecordingUi diff = events(0, "diff", dir.toString(), "--delete");
        assertThat(diff.text()).contains("-config set module debug.heap yes", "+module check alert",
                "--- /dev/null\n+++ /store/events/server.v2.stopped/09-first", "--- /store/events/server.v2.stopped/9-first\n+++ /dev/null");

        SimFixture.RecordingUi push = events(0, "push", dir.toString(), "--delete", "--yes");
        assertThat(push.text()).contains("applied and verified");
        Map<String, String> pushed = SimFixture.eventFiles(m);
        assertThat(pushed).containsEntry("usr.check.heap/00-check", "module check alert\n")
                .containsEntry("server.v2.stopped/09-first", "module check alert\n").doesNotContainKey("server.v2.stopped/9-first");
        assertThat(events(0, "diff", dir.toString(), "--delete").text()).contains("are the same");
        // pushing it again: no macro is involved, so none is said to have planned nothing
        assertThat(events(0, "push", dir.toString(), "--delete", "--yes").text()).contains("  nothing to change\n")
                .doesNotContain("macro");

        SimFixture.RecordingUi undo = new SimFixture.RecordingUi(true);
        assertThat(tool.undo(List.of("--yes"), SimFixture.targets(Map.of("car", m.link()), "car"), undo)).as(undo.text()).isZero();
        assertThat(SimFixture.eventFiles(m)).isEqualTo(original);
    }
}
