package dev.fieldshell.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.shell.link.CommandResult;
import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.ModuleInfo;
import dev.fieldshell.shell.link.ModuleLink;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a line does: pasted crash text is kept, not sent; lines go to the module as typed. */
class LineRunnerTest {

    @TempDir
    Path tmp;

    /** A module that records what it was sent; the one stand-in here, to see exactly what was sent. */
    private static final class Recorder implements ModuleLink {
        final List<String> sent = new ArrayList<>();

        public String target() {
            return "rec";
        }

        public ModuleInfo info() {
            return new ModuleInfo("3.3.006", "", true);
        }

        public CommandResult run(String c) {
            sent.add(c);
            return new CommandResult("rec", c, "ok\n", Duration.ZERO);
        }

        public CommandResult stream(String c, Consumer<String> sink) {
            return run(c);
        }

        public void interrupt() {}

        public void close() {}
    }

    /** A session printing to {@code out}, connected to {@code rec} as target "rec". */
    private Session connected(Recorder rec, StringWriter out) throws LinkException {
        Session s = new Session(t -> rec, new PrintWriter(out), q -> false, false, false, XdgDirs.from(Map.of(), tmp), Clock.systemUTC());
        s.connect("rec", "rec");
        return s;
    }

    @Test
    void aPastedCrashIsRecognizedKeptAndNotSentToTheModule() throws LinkException {
        Recorder rec = new Recorder();
        StringWriter out = new StringWriter();
        Session s = connected(rec, out);
        LineRunner runner = new LineRunner(s, List.of(), CrashSpotter.bundled(), false, false, false, p -> Optional.empty(),
                new Style(false));
        String paste = "Guru Meditation Error: Core  1 panic'ed (LoadProhibited). Exception was unhandled.\n"
                + "Backtrace: 0x4008dd5e:0x3ffb0ab0 0x4008e0a1:0x3ffb0ad0";
        runner.run(paste);
        assertThat(rec.sent).isEmpty();
        assertThat(s.lastCrash()).contains(paste);
        assertThat(out.toString()).startsWith("crash text seen (Backtrace); :kb suggest ranks its likely causes\n");

        runner.run("vfs ls /store\necho two");
        assertThat(rec.sent).containsExactly("vfs ls /store", "echo two");
        runner.run("  config set password module x ");
        assertThat(rec.sent).last().isEqualTo("config set password module x");
    }

    @Test
    void aBadLocalCommandIsOneLineWithItsUsage() throws LinkException {
        Recorder rec = new Recorder();
        StringWriter out = new StringWriter();
        Session s = connected(rec, out);
        LineRunner runner = new LineRunner(s, LocalCommands.all(), CrashSpotter.bundled(), false, false, false, p -> Optional.empty(),
                new Style(false));
        runner.run(":use nosuch");
        runner.run(":use a b");
        // commands shared with the command line: their own name and their usage once, not twice
        runner.run(":js");
        runner.run(":macro");
        runner.run(":heap");
        runner.run(":macro resume rec other"); // the second module was silently ignored
        assertThat(out.toString().lines().toList()).containsExactly(
                ":use: no open target named 'nosuch' (open: rec); usage: :use NAME",
                ":use: expected one NAME; usage: :use NAME",
                ":js: usage: :js EXPRESSION   e.g. :js ovms.vfs.ls('/store/events')",
                ":macro: which macro? (macro list shows them); usage: :macro list | show NAME | resume [MODULE] | NAME [--param value]... "
                        + "[--dry-run] [--yes] [--force] [--target a,b,c | --targets FILE]",
                ":heap: say 'analyze FILE…' or 'compare A B'; usage: :heap analyze FILE... [--symbols F | --elf F | --build V] [--kb DIR] "
                        + "[--clock-mhz N] [--json] [--svg OUT]",
                ":macro: resume [MODULE] [--yes]: one module at a time, not rec other; usage: :macro list | show NAME | resume [MODULE] "
                        + "| NAME [--param value]... [--dry-run] [--yes] [--force] [--target a,b,c | --targets FILE]");

        // the subcommand is checked before a module is needed: no target open, the typo is still what is reported
        StringWriter out2 = new StringWriter();
        Session none = new Session(t -> rec, new PrintWriter(out2), q -> false, false, false, XdgDirs.from(Map.of(), tmp), Clock.systemUTC());
        new LineRunner(none, LocalCommands.all(), CrashSpotter.bundled(), false, false, false, p -> Optional.empty(), new Style(false))
                .run(":events pul");
        assertThat(out2.toString().strip()).isEqualTo(":events: unknown subcommand 'pul' (pull, diff, push, lint); usage: :events pull [DIR] "
                + "| diff [DIR] | push [DIR] [--delete] [--dry-run] [--yes] | lint");
    }

    /** Crash text in a module's log lines is in the transcript as "crash recognized", as it is for command output. */
    @Test
    void aCrashInLogLinesIsRecordedInTheTranscript() throws Exception {
        Session s = new Session(t -> new Recorder(), new PrintWriter(new StringWriter()), q -> false, false, false,
                XdgDirs.from(Map.of(), tmp), Clock.systemUTC());
        java.nio.file.Path log = s.startTranscript(tmp.resolve("t.log"));
        List<String> shown = new ArrayList<>();
        new UnsolicitedOutput(CrashSpotter.bundled(), shown::add, s).accept("car",
                "I (28467) notify: alert/debug.heap.corruption: CORRUPT HEAP: Bad tail at 0x3f8e44f0 owner 0x3ffea9bc. Expected 0xbaad5678 got 0xbaad5600");
        s.stopTranscript();
        assertThat(shown).anySatisfy(l -> assertThat(l).startsWith("crash text seen (CORRUPT HEAP)"));
        assertThat(java.nio.file.Files.readString(log)).contains(" crash recognized CORRUPT HEAP\n");
    }

    /** microrl keeps 799 bytes of a line and drops the rest silently: a longer line is refused here, in one line, unsent. */
    @Test
    void aLineLongerThanTheModuleKeepsIsNotSent() throws LinkException {
        Recorder rec = new Recorder();
        StringWriter out = new StringWriter();
        Session s = connected(rec, out);
        LineRunner runner = new LineRunner(s, List.of(), CrashSpotter.bundled(), false, false, false, p -> Optional.empty(),
                new Style(false));
        String fits = "vfs echo \"" + "x".repeat(799 - 24) + "\" /store/f.txt";
        assertThat(fits).hasSize(799);
        runner.run(fits);
        runner.run("vfs echo \"" + "x".repeat(800 - 24) + "\" /store/f.txt");
        assertThat(rec.sent).containsExactly(fits);
        assertThat(out.toString()).isEqualTo("ok\nnot sent: the line is 800 bytes and the module keeps only the first 799, dropping the rest"
                + " without a word\n");
        assertThat(runner.failures()).isOne();
    }

    /** A bare enable asks here; the password is quoted by the module's tokenizer rules, or refused in one line. */
    @Test
    void bareEnableQuotesTheAskedPasswordOrRefusesItInOneLine() throws LinkException {
        Recorder rec = new Recorder();
        StringWriter out = new StringWriter();
        Session s = connected(rec, out);
        String[] typed = {""};
        LineRunner runner = new LineRunner(s, List.of(), CrashSpotter.bundled(), false, false, false, p -> Optional.of(typed[0]),
                new Style(false));
        typed[0] = "my pass";
        runner.run("enable");
        assertThat(rec.sent).containsExactly("enable \"my pass\"");

        typed[0] = "";
        runner.run("enable");
        assertThat(rec.sent).as("Enter alone: what a module without a password accepts").last().isEqualTo("enable \"\"");

        typed[0] = "it's \"x\"";
        runner.run("enable");
        typed[0] = "caf\u00e9";
        runner.run("enable");
        typed[0] = "?"; // reference §3.2: the module would print the usage instead of checking it
        runner.run("enable");
        assertThat(rec.sent).hasSize(2);
        assertThat(out.toString().lines().filter(l -> l.startsWith("enable:")).toList()).hasSize(3)
                .allSatisfy(l -> assertThat(l).startsWith("enable: this password cannot be sent on the module's command line: ")
                        .doesNotContain("it's", "caf"));
    }
}
