package dev.fieldshell.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.shell.repl.XdgDirs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The macro, js and events subcommands through picocli, in process, with test XDG directories. */
class MacroCliTest {

    @TempDir
    Path tmp;

    private CliRun fieldshell(String stdin, String... args) {
        CliEnvironment.use(XdgDirs.from(Map.of(
                "XDG_CONFIG_HOME", tmp.resolve("config").toString(),
                "XDG_STATE_HOME", tmp.resolve("state").toString(),
                "XDG_DATA_HOME", tmp.resolve("data").toString()), tmp.resolve("home")),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return CliRun.of(args);
    }

    @AfterEach
    void reset() {
        CliEnvironment.reset();
    }

    private Path store(String target) {
        return tmp.resolve("state/fieldshell/sim").resolve(target.replace(':', '_')).resolve("store/events");
    }

    private List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    /** exec sim is the module the macro changed, so a user can look at what it wrote. */
    @Test
    void execSeesWhatAMacroWroteOnTheSameSimulator() throws Exception {
        assertThat(fieldshell("", "macro", "heapcheck", "--target", "sim", "--yes").code()).isZero();
        CliRun ls = fieldshell("", "exec", "sim", "vfs cat /store/events/usr.check.heap/00-checkheap");
        assertThat(ls.code()).as(ls.err()).isZero();
        assertThat(ls.out()).isEqualTo("module check alert\n");
        CliRun older = fieldshell("", "exec", "sim:3.3.005", "vfs cat /store/events/usr.check.heap/00-checkheap");
        assertThat(older.out()).as("another simulator, another /store").isEqualTo("Error: VFS file cannot be opened\n");
    }

    /** With nothing in the journal for the module, undo says so in one line before any connection is tried. */
    @Test
    void undoWithAnEmptyJournalFailsAtOnceWithoutConnecting() {
        String port = "serial:" + tmp.resolve("no-such-port");
        CliRun undo = fieldshell("", "undo", port, "--yes");
        assertThat(undo.code()).isEqualTo(1);
        assertThat(undo.out()).isEqualTo(port + ": nothing to undo (no change in the journal " + tmp.resolve("state/fieldshell/undo") + ")\n");
        assertThat(undo.err()).as("no attempt to open the port").isEmpty();
    }

    @Test
    void noAnswerMeansNothingSentAndBadInputIsOneLine() throws Exception {
        CliRun declined = fieldshell("", "macro", "heapcheck", "--target", "sim:3.3.006");
        assertThat(declined.code()).isEqualTo(1);
        assertThat(declined.out()).contains("(no answer on standard input; use --yes to apply without asking)", "nothing sent");
        assertThat(files(store("sim:3.3.006"))).isEmpty();

        CliRun unknownParam = fieldshell("", "macro", "heapcheck", "--dealy", "5000", "--target", "sim");
        assertThat(unknownParam.code()).isEqualTo(2);
        assertThat(unknownParam.err().strip()).isEqualTo("fieldshell: heapcheck: unknown parameter --dealy; did you mean --delay? "
                + "(parameters: --after, --delay, --handler, --name, --periodic, --remove)");

        CliRun badValue = fieldshell("", "macro", "heapcheck", "--delay", "-5", "--target", "sim", "--dry-run");
        assertThat(badValue.code()).isEqualTo(1);
        // Said once, in the result line, with the macro file and line that refused it.
        assertThat(badValue.out().lines().filter(l -> l.contains("--delay must be")).toList())
                .singleElement().asString().startsWith("sim: error (").contains("heapcheck.js:", "not -5");

        Path aFile = Files.writeString(tmp.resolve("a-file"), "x");
        CliRun pullIntoAFile = fieldshell("", "events", "--target", "sim", "pull", aFile.toString());
        assertThat(pullIntoAFile.code()).isEqualTo(2);
        assertThat(pullIntoAFile.err().strip()).isEqualTo("fieldshell: events pull: " + aFile + " is a file, not a directory");

        CliRun unknownMacro = fieldshell("", "macro", "nosuch", "--target", "sim");
        assertThat(unknownMacro.code()).as("an unknown macro is a usage error, like an unknown parameter").isEqualTo(2);
        assertThat(unknownMacro.err().strip()).startsWith("fieldshell: no macro named 'nosuch' (known: ").contains("heapcheck", "'macro list' shows them, read from ")
                .doesNotContain("\n").doesNotContain("\tat ");
        CliRun showUnknown = fieldshell("", "macro", "show", "nosuch");
        assertThat(showUnknown.code()).isEqualTo(2);
        assertThat(showUnknown.err()).startsWith("fieldshell: no macro named 'nosuch' (known: ");

        CliRun noTarget = fieldshell("", "macro", "heapcheck");
        assertThat(noTarget.code()).isEqualTo(2);
        assertThat(noTarget.err()).startsWith("fieldshell: which module? give --target TARGET");
    }

    @Test
    void listAndShow() {
        CliRun list = fieldshell("", "macro", "list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("heapcheck  Install (or --remove) delayed heap checks", "heaptrace  Start heap tracing", "crashinfo  Collect boot status");
        CliRun show = fieldshell("", "macro", "show", "heapcheck");
        assertThat(show.out()).contains("  --delay <int> (default 5000)  milliseconds from the event to the check",
                "  --after <a,b,...> (default server.v2.stopped,server.v3.stopped)");
    }

    @Test
    void fleetOfTargetsGetsOnePlanEachAndASummaryTable() throws Exception {
        CliRun fleet = fieldshell("", "macro", "heapcheck", "--target", "sim:3.3.006,sim:3.3.005", "--yes", "--force");
        assertThat(fleet.code()).as(fleet.out() + fleet.err()).isZero();
        assertThat(fleet.out()).contains("== sim:3.3.006 (3.3.006) heapcheck", "== sim:3.3.005 (3.3.005) heapcheck",
                "TARGET       FIRMWARE  STEPS  RESULT         DETAIL", "2 of 2 modules ok");
        assertThat(fleet.out()).containsPattern("sim:3\\.3\\.005\\s+3\\.3\\.005\\s+3\\s+applied");
        assertThat(files(store("sim:3.3.005"))).hasSize(3);
    }

    @Test
    void jsAndEventsLint() throws Exception {
        CliRun js = fieldshell("", "js", "--target", "sim", "ovms.vfs.echo('hello', '/store/events/usr.x/00-x'); ovms.vfs.cat('/store/events/usr.x/00-x') + ovms.module.firmware");
        assertThat(js.code()).as(js.err()).isZero();
        assertThat(js.out()).isEqualTo("hello\n3.3.006-259-g1aa1daff1/ota_0/edge\n");
        Files.createDirectories(store("sim").resolve("wifi.down"));
        Files.writeString(store("sim").resolve("wifi.down/10-x"), "log level info\n");
        CliRun lint = fieldshell("", "events", "--target", "sim", "lint");
        assertThat(lint.code()).isEqualTo(1);
        assertThat(lint.out()).contains("did you mean network.wifi.down or system.wifi.down?");
    }
}
