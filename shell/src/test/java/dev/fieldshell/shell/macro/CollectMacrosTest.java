package dev.fieldshell.shell.macro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.shell.sim.SimulatedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** heaptrace and crashinfo against simulators: what they run, what they save, where, and how they fail. */
class CollectMacrosTest extends SimFixtureTest {

    MacroTool tool;

    @BeforeEach
    void setUp() {
        tool = new MacroTool(fx.dirs);
    }

    private SimFixture.RecordingUi run(SimulatedModule m, int expectedExit, String... words) throws Exception {
        SimFixture.RecordingUi ui = new SimFixture.RecordingUi(true);
        assertThat(tool.macro(List.of(words), SimFixture.targets(Map.of("car", m.link()), "car"), ui)).as(ui.text()).isEqualTo(expectedExit);
        return ui;
    }

    @Test
    void heaptraceSavesTheDumpUnderTheOutputDirectory() throws Exception {
        SimulatedModule m = fx.start(SimulatedModule.builder().firmware(SimFixture.FW_3_3_006).tracing(true), "car");
        SimFixture.RecordingUi ui = run(m, 0, "heaptrace", "--records", "200", "--trigger", "server v2 stop", "--wait", "300", "--yes");

        assertThat(ui.lines).contains("  module trace start 200", "  server v2 stop", "  module trace dump", "  module trace stop");
        Path out = fx.dirs.state().resolve("output");
        List<Path> saved;
        try (var s = Files.list(out)) {
            saved = s.toList();
        }
        assertThat(saved).singleElement().satisfies(f -> {
            assertThat(f.getFileName().toString()).matches("\\d{8}-\\d{6}-car-heaptrace\\.txt");
            assertThat(Files.readString(f)).startsWith("Heap tracing started/resumed at ccount 0x").contains("allocations trace (");
        });
        assertThat(ui.lines).contains("saved " + saved.get(0));
        assertThat(m.link().run("module trace status").output()).startsWith("Heap tracing not started");
    }

    @Test
    void heaptraceExplainsWhyItCannotRun() throws Exception {
        SimulatedModule noTracing = fx.start("car", SimFixture.FW_3_3_006);
        assertThat(run(noTracing, 1, "heaptrace", "--wait", "0", "--yes").text())
                .contains("module trace start: the module answered 'ERROR: Heap tracing not available (needs CONFIG_HEAP_TRACING=Y)'");
        fx.close();
        fx = new SimFixture(tmp.resolve("old"));
        SimulatedModule old = fx.start("car", SimFixture.FW_3_3_005);
        assertThat(run(old, 1, "heaptrace", "--yes").text()).contains("heap tracing needs firmware 3.3.006 or later; car runs 3.3.005");
        assertThat(Files.exists(fx.dirs.state().resolve("output"))).isFalse();
    }

    @Test
    void crashinfoCollectsOneReport() throws Exception {
        SimulatedModule m = fx.start("car", SimFixture.FW_3_3_006);
        Files.createDirectories(m.storeDir().resolve("logs"));
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 300; i++) {
            log.append("2026-05-20 10:").append(i).append(" I (").append(i * 1000).append(") ovms: line ").append(i).append('\n');
        }
        Files.writeString(m.storeDir().resolve("logs/log"), log);
        assertThat(m.link().run("config set log file.path /store/logs/log").output()).startsWith("Parameter has been set.");

        SimFixture.RecordingUi ui = run(m, 0, "crashinfo", "--lines", "20", "--yes");

        String savedLine = ui.lines.stream().filter(l -> l.startsWith("saved ")).findFirst().orElseThrow();
        String report = Files.readString(Path.of(savedLine.substring(6)));
        assertThat(report).contains("===== boot status =====\nLast boot was", "===== module tasks =====\nNumber of Tasks =",
                "===== module memory =====\nFree 8-bit", "===== log /store/logs/log (last 20 lines) =====")
                .contains("line 300\n").doesNotContain("line 280\n");
    }
}
