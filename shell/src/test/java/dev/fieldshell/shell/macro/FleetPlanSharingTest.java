package dev.fieldshell.shell.macro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.sim.SimulatedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A fleet run shares the macro's JavaScript run between modules that answer it alike, and only
 * between those: every module still gets the plan a run of its own would have made.
 */
class FleetPlanSharingTest extends SimFixtureTest {

    MacroTool tool;

    @BeforeEach
    void setUp() {
        tool = new MacroTool(fx.dirs);
    }

    private Map<String, ModuleLink> fleet(Map<String, SimulatedModule> modules, String... firmware) throws Exception {
        Map<String, ModuleLink> links = new LinkedHashMap<>();
        for (int i = 0; i < firmware.length; i++) {
            SimulatedModule m = fx.start("m" + i, firmware[i]);
            modules.put("m" + i, m);
            links.put("m" + i, m.link());
        }
        return links;
    }

    private int run(Map<String, ModuleLink> links, SimFixture.RecordingUi ui, String... words) throws Exception {
        List<String> all = new ArrayList<>(List.of(words));
        all.addAll(List.of("--yes", "--force", "--target", String.join(",", links.keySet())));
        return tool.macro(all, SimFixture.targets(links, links.keySet().iterator().next()), ui);
    }

    @Test
    void alikeModulesShareOneRunPerFirmwareAndEachGetsTheSeedFilesVerified() throws Exception {
        Map<String, SimulatedModule> modules = new LinkedHashMap<>();
        Map<String, ModuleLink> links = fleet(modules, SimFixture.FW_3_3_006, SimFixture.FW_3_3_005, SimFixture.FW_3_3_006,
                SimFixture.FW_3_3_005, SimFixture.FW_3_3_006, SimFixture.FW_3_3_005);
        SimFixture.RecordingUi ui = new SimFixture.RecordingUi(true);
        tool.catalog().find("heapcheck");
        long before = tool.runner().runs();

        List<String> words = new ArrayList<>(HeapcheckSimTest.SEED_ARGS);
        assertThat(run(links, ui, words.toArray(String[]::new))).as(ui.text()).isZero();

        assertThat(tool.runner().runs() - before).as("JavaScript runs for 6 modules of 2 builds").isEqualTo(2);
        for (SimulatedModule m : modules.values()) {
            assertThat(SimFixture.eventFiles(m)).isEqualTo(HeapcheckSimTest.SEED_FILES);
        }
        assertThat(ui.text()).contains("6 of 6 modules ok");
        // Each 3.3.005 module shows the note (printed by the replay as by a run), under its own name.
        assertThat(Pattern.compile("note: this module runs 3\\.3\\.005").matcher(ui.text()).results().count()).isEqualTo(3);
        assertThat(ui.lines).contains("  vfs mkdir -p /store/events/usr.check.heap",
                "  vfs echo \"module check alert\" /store/events/usr.check.heap/00-checkheap");
        for (String name : links.keySet()) {
            assertThat(tool.applier().journal().entries(name)).hasSize(1);
        }
    }

    @Test
    void aModuleThatAnswersDifferentlyGetsItsOwnPlan() throws Exception {
        Map<String, SimulatedModule> modules = new LinkedHashMap<>();
        Map<String, ModuleLink> links = fleet(modules, SimFixture.FW_3_3_006, SimFixture.FW_3_3_006, SimFixture.FW_3_3_006, SimFixture.FW_3_3_006);
        // m2 alone has the checks installed; removing them reads (vfs.exists) what is there.
        SimFixture.RecordingUi install = new SimFixture.RecordingUi(true);
        List<String> words = new ArrayList<>(HeapcheckSimTest.SEED_ARGS);
        words.addAll(List.of("--yes"));
        assertThat(tool.macro(words, SimFixture.targets(Map.of("m2", links.get("m2")), "m2"), install)).as(install.text()).isZero();
        assertThat(SimFixture.eventFiles(modules.get("m2"))).isEqualTo(HeapcheckSimTest.SEED_FILES);
        Files.createDirectories(modules.get("m3").storeDir().resolve("events/server.v2.stopped"));
        Files.writeString(modules.get("m3").storeDir().resolve("events/server.v2.stopped/90-checkheap"), "event raise -d5000 usr.check.heap\n");
        long before = tool.runner().runs();

        SimFixture.RecordingUi ui = new SimFixture.RecordingUi(true);
        assertThat(run(links, ui, "heapcheck", "--remove")).as(ui.text()).isZero();

        // m2 and m3 answered differently from m0 and m1 and from each other: runs of their own.
        assertThat(tool.runner().runs() - before).isBetween(3L, 4L);
        for (SimulatedModule m : modules.values()) {
            assertThat(SimFixture.eventFiles(m)).as(m.toString()).isEmpty();
        }
        assertThat(row(ui, "m0")).contains("unchanged");
        assertThat(row(ui, "m1")).contains("unchanged");
        assertThat(row(ui, "m2")).contains("applied");
        assertThat(row(ui, "m3")).contains("applied");
        assertThat(ui.text()).contains("  vfs rm /store/events/usr.check.heap/00-checkheap", "  vfs rm /store/events/server.v2.stopped/90-checkheap");
    }

    @Test
    void aMacroErrorReachesExactlyTheModulesWhoseAnswersCauseIt() throws Exception {
        Map<String, SimulatedModule> modules = new LinkedHashMap<>();
        Map<String, ModuleLink> links = fleet(modules, SimFixture.FW_3_3_006, SimFixture.FW_3_3_006, SimFixture.FW_3_3_006);
        Files.createDirectories(modules.get("m1").storeDir().resolve("events/usr.once"));
        Files.writeString(modules.get("m1").storeDir().resolve("events/usr.once/00-once"), "x\n");
        userMacro("once", """
                if (ovms.vfs.exists('/store/events/usr.once/00-once')) throw new Error('already installed');
                ovms.vfs.echo('event raise usr.ready', '/store/events/usr.once/00-once');
                """);

        SimFixture.RecordingUi ui = new SimFixture.RecordingUi(true);
        assertThat(run(links, ui, "once")).as(ui.text()).isEqualTo(1);

        assertThat(row(ui, "m0")).contains("applied");
        assertThat(row(ui, "m1")).contains("error").contains("already installed");
        assertThat(row(ui, "m2")).contains("applied");
        assertThat(SimFixture.eventFiles(modules.get("m1"))).containsExactlyEntriesOf(Map.of("usr.once/00-once", "x\n"));
        assertThat(SimFixture.eventFiles(modules.get("m2"))).containsExactlyEntriesOf(Map.of("usr.once/00-once", "event raise usr.ready\n"));
    }

    @Test
    void aModuleWhoseLinkDropsMidApplyIsReportedStepByStepWhileTheOthersApply() throws Exception {
        Map<String, ModuleLink> links = new LinkedHashMap<>();
        Map<String, SimulatedModule> modules = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            SimulatedModule.Builder b = SimulatedModule.builder().firmware(SimFixture.FW_3_3_006);
            if (i == 1) {
                // 4 reads (3 files, the events directory), 2 writes, then the link drops (as in DropMidApplyTest).
                b.fault(new dev.fieldshell.shell.sim.Fault.DropAfter(6));
            }
            SimulatedModule m = fx.start(b, "m" + i);
            modules.put("m" + i, m);
            links.put("m" + i, m.link());
        }
        SimFixture.RecordingUi ui = new SimFixture.RecordingUi(true);
        assertThat(run(links, ui, HeapcheckSimTest.SEED_ARGS.toArray(String[]::new))).as(ui.text()).isEqualTo(1);

        assertThat(row(ui, "m1")).contains("interrupted");
        assertThat(tool.applier().journal().latestUnfinished("m1").orElseThrow().steps()).extracting(dev.fieldshell.shell.ovms.JournalEntry.StepRecord::status)
                .containsExactly(dev.fieldshell.shell.ovms.JournalEntry.Status.DONE, dev.fieldshell.shell.ovms.JournalEntry.Status.DONE,
                        dev.fieldshell.shell.ovms.JournalEntry.Status.STARTED);
        assertThat(SimFixture.eventFiles(modules.get("m1"))).containsOnlyKeys("usr.check.heap/00-checkheap", "server.v2.stopped/90-checkheap");
        for (String ok : List.of("m0", "m2")) {
            assertThat(row(ui, ok)).contains("applied");
            assertThat(SimFixture.eventFiles(modules.get(ok))).isEqualTo(HeapcheckSimTest.SEED_FILES);
        }
    }

    private static String row(SimFixture.RecordingUi ui, String target) {
        return ui.lines.stream().filter(l -> l.startsWith(target + "  ")).findFirst().orElseThrow(() -> new AssertionError(ui.text()));
    }

    /** The clock and random numbers are not inputs a module answers: a macro that uses them runs for every module. */
    @ParameterizedTest
    @ValueSource(strings = {"Math.random()", "Date.now()", "new Date().getTime()", "Date()",
            "new (new Date(0).constructor)().getTime()"})
    void aMacroThatReadsTheClockOrTheDiceRunsForEveryModule(String expression) throws Exception {
        Map<String, SimulatedModule> modules = new LinkedHashMap<>();
        Map<String, ModuleLink> links = fleet(modules, SimFixture.FW_3_3_006, SimFixture.FW_3_3_006, SimFixture.FW_3_3_006);
        userMacro("token", "ovms.vfs.echo('token ' + String(" + expression + "), '/store/events/usr.token/00-token');");
        long before = tool.runner().runs();

        SimFixture.RecordingUi ui = new SimFixture.RecordingUi(true);
        assertThat(run(links, ui, "token")).as(ui.text()).isZero();

        assertThat(tool.runner().runs() - before).isEqualTo(3);
        if (expression.startsWith("Math.random")) {
            assertThat(modules.values().stream().map(m -> SimFixture.eventFiles(m).get("usr.token/00-token")).distinct()).hasSize(3);
        }
    }

    @Test
    void datesAndNumbersThatDoNotDependOnTheClockAreStillShared() throws Exception {
        Map<String, SimulatedModule> modules = new LinkedHashMap<>();
        Map<String, ModuleLink> links = fleet(modules, SimFixture.FW_3_3_006, SimFixture.FW_3_3_006, SimFixture.FW_3_3_006);
        // The wrapped Date still behaves as Date: subclasses, instanceof, statics, formatting a given date.
        userMacro("fixed", """
                class Stamp extends Date {}
                const s = new Stamp(Date.UTC(2026, 11, 2));
                const ok = s instanceof Stamp && s instanceof Date && Date.name === 'Date' && typeof Math.random === 'function'
                    && new Date(0).toISOString() === '1970-01-01T00:00:00.000Z' && Date.parse('1970-01-02T00:00:00Z') === 86400000
                    && typeof Intl === 'undefined';
                ovms.vfs.echo(ok + ' ' + s.toISOString(), '/store/events/usr.fixed/00-fixed');
                """);
        long before = tool.runner().runs();

        SimFixture.RecordingUi ui = new SimFixture.RecordingUi(true);
        assertThat(run(links, ui, "fixed")).as(ui.text()).isZero();

        assertThat(tool.runner().runs() - before).isEqualTo(1);
        for (SimulatedModule m : modules.values()) {
            assertThat(SimFixture.eventFiles(m)).containsExactlyEntriesOf(Map.of("usr.fixed/00-fixed", "true 2026-12-02T00:00:00.000Z\n"));
        }
    }

    private void userMacro(String name, String body) throws Exception {
        Path dir = MacroCatalog.userScripts(fx.dirs);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".js"), """
                export const meta = { name: '%s', summary: 'test', params: {} };
                export default function () {
                  %s
                }
                """.formatted(name, body));
    }
}
