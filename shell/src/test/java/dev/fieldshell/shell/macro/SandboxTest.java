package dev.fieldshell.shell.macro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.shell.sim.SimulatedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * A macro cannot read a host file, open a socket, start a process or a thread, reach Java classes,
 * fill the heap or run forever; each attempt ends with one clear error and nothing reaches the module. Every
 * attempt first records a change, to prove a refused macro applies nothing.
 */
class SandboxTest extends SimFixtureTest {

    SimulatedModule m;
    MacroTool tool;

    @BeforeEach
    void setUp() throws Exception {
        m = fx.start("sb", SimFixture.FW_3_3_006);
        // Generous for the cold start of a loaded machine; the endless loops below use a short one.
        tool = new MacroTool(fx.dirs, Duration.ofSeconds(20));
        Files.writeString(tmp.resolve("secret.txt"), "host secret\n");
    }

    private String runMacro(String body) throws Exception {
        Path dir = MacroCatalog.userScripts(fx.dirs);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("escape.js"), """
                export const meta = { name: 'escape', summary: 'tries to leave the sandbox', params: {} };
                export default function () {
                  ovms.vfs.echo('should never arrive', '/store/events/usr.x/00-x');
                  %s
                }
                """.formatted(body));
        SimFixture.RecordingUi ui = new SimFixture.RecordingUi(true);
        int code = tool.macro(List.of("escape", "--yes"), SimFixture.targets(Map.of("m", m.link()), "m"), ui);
        assertThat(code).as(ui.text()).isEqualTo(1);
        assertThat(SimFixture.eventFiles(m)).as("nothing may reach the module").isEmpty();
        assertThat(tool.applier().journal().entries("m")).isEmpty();
        return ui.text();
    }

    /** A secret set by a macro would sit in the plan shown, the transcript and the undo journal on disk. */
    @Test
    void doesNotSetSecrets() throws Exception {
        String out = runMacro("ovms.config.set('password', 'module', 'hunter2');");
        assertThat(out).contains("escape.js:", "ovms.config.set: config password module holds a secret").doesNotContain("hunter2");
        assertThat(runMacro("ovms.config.set('wifi.ssid', 'Home', 'hunter2');")).contains("config wifi.ssid Home holds a secret");
        // nor by another door: a command line or an event script that carries one
        assertThat(runMacro("ovms.exec('config set password module hunter2');"))
                .contains("ovms.exec: 'config set password module ****' carries a secret").doesNotContain("hunter2");
        assertThat(runMacro("ovms.exec('enable hunter2');")).contains("ovms.exec: 'enable ****' carries a secret").doesNotContain("hunter2");
        assertThat(runMacro("ovms.vfs.write('config set server.v3 password hunter2\\n', '/store/events/usr.x/01-pw');"))
                .contains("ovms.vfs.write: 'config set server.v3 password ****' carries a secret").doesNotContain("hunter2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Java.type('java.io.File')                                  | Java is not defined",
            "Java.type('java.net.Socket')                               | Java is not defined",
            "Java.type('java.lang.ProcessBuilder')                      | Java is not defined",
            "java.lang.System.exit(1)                                   | java is not defined",
            "Packages.java.lang.Runtime.getRuntime().exec('id')         | Packages is not defined",
            "load('SECRET')                                             | load is not defined",
            "require('child_process').execSync('id')                    | require is not defined",
            "Polyglot.eval('python', '1')                               | Polyglot is not defined",
            "Graal.versionJS                                            | Graal is not defined",
            "new Worker('x.js')                                         | Worker is not defined",
            "fetch('http://127.0.0.1:1/')                               | fetch is not defined",
            "globalThis.constructor.constructor('return Java')().type('java.lang.Thread') | Java is not defined",
            "Object.getPrototypeOf(ovms.vfs.echo).constructor('return this')().Java.type('x') | Cannot read property 'type' of undefined",
    })
    void refusesHostAccess(String attempt, String expected) throws Exception {
        String out = runMacro(attempt.replace("SECRET", tmp.resolve("secret.txt").toString()) + ";");
        assertThat(out).contains("escape.js:").contains(expected).doesNotContain("host secret");
    }

    @Test
    void cannotImportAHostFile() throws Exception {
        Path dir = MacroCatalog.userScripts(fx.dirs);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("importer.js"), "import x from '" + tmp.resolve("secret.txt") + "';\n"
                + "export const meta = { name: 'importer', summary: 's', params: {} };\nexport default function () { return x; }\n");
        assertThat(MacroCatalog.standard(fx.dirs, tool.runner()).list())
                .filteredOn(e -> e.name().equals("importer"))
                .singleElement()
                .satisfies(e -> assertThat(e.error()).contains("importer.js").contains("macros cannot import other files").doesNotContain("host secret"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tool.macro(List.of("importer", "--yes"), SimFixture.targets(Map.of("m", m.link()), "m"),
                        new SimFixture.RecordingUi(true)))
                .isInstanceOf(MacroException.class).hasMessageContaining("Operation is not allowed");
        assertThat(SimFixture.eventFiles(m)).isEmpty();
    }

    @Test
    void cannotRunForever() throws Exception {
        tool = new MacroTool(fx.dirs, Duration.ofSeconds(2));
        String out = runMacro("while (true) {}");
        assertThat(out).contains("escape.js: stopped: ran longer than the JavaScript time limit");
    }

    @Test
    void cannotHideALoopBehindTheApi() throws Exception {
        tool = new MacroTool(fx.dirs, Duration.ofSeconds(2));
        String out = runMacro("for (;;) { ovms.module.has('vfs.echo'); }");
        assertThat(out).contains("stopped: ran longer than the JavaScript time limit");
    }

    /** GraalJS community has no heap limit: without the watchdog's this filled the Java heap and took the REPL down. */
    @Test
    void cannotFillTheHeap() throws Exception {
        String out = runMacro("let a = []; for (;;) a.push('x'.repeat(1e6) + a.length);");
        assertThat(out).contains("escape.js: stopped: ran out of memory (held more than ").doesNotContain("Exception", "\tat ");
    }

    @Test
    void aJsLineThatFillsTheHeapLeavesNothingBehind() throws Exception {
        try (JsSession js = tool.jsSession(new MacroWorkflow.Target("m", m.link()), new SimFixture.RecordingUi(true))) {
            js.eval("var kept = 'before'");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> js.eval("var a = []; for (;;) a.push('x'.repeat(1e6) + a.length);"))
                    .isInstanceOf(MacroException.class)
                    .hasMessageStartingWith("stopped: ran out of memory (held more than ")
                    .hasMessageEndingWith("; the session starts afresh");
            // the array went with the context, so later lines have the heap back
            assertThat(js.eval("typeof a + ' ' + typeof kept")).isEqualTo("undefined undefined");
            // garbage is no harm: far more than the allowance allocated, little held
            assertThat(js.eval("let n = 0; for (let i = 0; i < 600; i++) n += ('y'.repeat(1e6) + i).length; n")).isEqualTo("600001690");
        }
    }

    @Test
    void nothingARunLeavesBehindReachesTheNextRun() throws Exception {
        // Every run (the first after the macro is loaded too) starts from the module as written.
        Path dir = MacroCatalog.userScripts(fx.dirs);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("counter.js"), """
                globalThis.loads = (globalThis.loads ?? 0) + 1;
                export const meta = { name: 'counter', summary: 'counts', params: {} };
                export default function () {
                  globalThis.runs = (globalThis.runs ?? 0) + 1;
                  print(`loads ${globalThis.loads} runs ${globalThis.runs}`);
                  ovms.vfs.echo('x', '/store/events/usr.x/00-x');
                }
                """);
        SimFixture.RecordingUi ui = new SimFixture.RecordingUi(true);
        for (int i = 0; i < 3; i++) {
            assertThat(tool.macro(List.of("counter", "--dry-run"), SimFixture.targets(Map.of("m", m.link()), "m"), ui)).as(ui.text()).isZero();
        }
        assertThat(occurrences(ui.text(), "loads 1 runs 1")).as(ui.text()).isEqualTo(3);
    }

    private static int occurrences(String s, String text) {
        int c = 0;
        for (int i = s.indexOf(text); i >= 0; i = s.indexOf(text, i + 1)) {
            c++;
        }
        return c;
    }

    @Test
    void saveWritesOnlyUnderTheOutputDirectory() throws Exception {
        Path dir = MacroCatalog.userScripts(fx.dirs);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("saver.js"), """
                export const meta = { name: 'saver', summary: 's', mode: 'collect', params: {} };
                export default function () { return host.save('../../../../etc/evil', 'x'); }
                """);
        SimFixture.RecordingUi ui = new SimFixture.RecordingUi(true);
        assertThat(tool.macro(List.of("saver", "--yes"), SimFixture.targets(Map.of("m", m.link()), "m"), ui)).as(ui.text()).isZero();
        Path out = fx.dirs.state().resolve("output");
        try (var files = Files.list(out)) {
            List<Path> saved = files.toList();
            assertThat(saved).singleElement().satisfies(f -> assertThat(f.getFileName().toString()).endsWith("-m-_.._.._.._etc_evil"));
        }
    }

    @Test
    void jsSessionErrorsAreOneLineAndTheSessionSurvives() throws Exception {
        tool = new MacroTool(fx.dirs, Duration.ofSeconds(2));
        try (JsSession js = tool.jsSession(new MacroWorkflow.Target("m", m.link()), new SimFixture.RecordingUi(true))) {
            assertThat(js.eval("var n = 41; n + 1")).isEqualTo("42");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> js.eval("Java.type('java.io.File')"))
                    .isInstanceOf(MacroException.class).hasMessageContaining("Java is not defined");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> js.eval("ovms.vfs.echo('a', 'b')"))
                    .isInstanceOf(MacroException.class).hasMessageContaining("'b' is outside /store and /sd");
            assertThat(js.eval("n")).isEqualTo("41");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> js.eval("while(true){}"))
                    .isInstanceOf(MacroException.class).hasMessageContaining("stopped after 2000 ms");
            assertThat(js.eval("typeof n")).isEqualTo("undefined");
            assertThat(js.eval("ovms.vfs.echo('live', '/store/events/usr.js/00-x'); ovms.vfs.cat('/store/events/usr.js/00-x')")).isEqualTo("live\n");
        }
        assertThat(SimFixture.eventFiles(m)).containsExactly(Map.entry("usr.js/00-x", "live\n"));
        assertThat(tool.applier().journal().entries("m")).hasSize(1);
    }
}
