package dev.fieldshell.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.shell.link.LinkFactory;
import dev.fieldshell.shell.link.Prompter;
import dev.fieldshell.shell.link.SshSettings;
import dev.fieldshell.shell.repl.XdgDirs;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** fieldshell exec, -c, a script on stdin, --json: output, and exit codes when a link fails. */
class NonInteractiveTest {

    @TempDir
    Path tmp;

    private XdgDirs dirs() {
        return XdgDirs.from(Map.of("XDG_STATE_HOME", tmp.resolve("state").toString(), "XDG_CACHE_HOME",
                tmp.resolve("cache").toString()), tmp);
    }

    /** exec's sim keeps its /store under XDG_STATE_HOME: the test's, not the user's. */
    @org.junit.jupiter.api.BeforeEach
    void testDirs() {
        CliEnvironment.use(dirs(), new ByteArrayInputStream(new byte[0]));
    }

    @org.junit.jupiter.api.AfterEach
    void resetDirs() {
        CliEnvironment.reset();
    }

    private LinkFactory links() throws Exception {
        Path ssh = Files.createDirectories(tmp.resolve("home/.ssh"));
        return new LinkFactory(Prompter.NONE, new SshSettings(ssh, ssh.resolve("known_hosts"), ssh.resolve("config"),
                Optional.empty(), Duration.ofSeconds(5)));
    }

    private record Run(int code, String out) {}

    private Run script(String commands, String stdin, boolean json) throws Exception {
        StringWriter out = new StringWriter();
        int code = ShellLauncher.script(commands, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), json,
                false, dirs(), new PrintWriter(out), links());
        return new Run(code, out.toString());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void dashCRunsLocalAndModuleLines() throws Exception {
        Run r = script(":connect sim; vfs echo \"a;b\" /store/x.txt; vfs cat /store/x.txt; boot status", "", false);
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("connected to sim as sim (firmware 3.3.006");
        assertThat(r.out()).contains("\na;b\n").contains("Last boot was ");
    }

    @Test
    void connectToASimulatorOfAnOlderFirmware() throws Exception {
        Run r = script(":connect sim:3.3.005; vfs echo x /store/x.txt", "", false);
        assertThat(r.out()).startsWith("connected to sim as sim:3.3.005 (firmware 3.3.005");
        assertThat(r.out()).contains("Unrecognised command"); // 3.3.005 has no vfs echo (reference §10)
        Run bad = script(":connect sim:newest", "", false);
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.out().strip()).contains("not a firmware version in 'sim:newest'").doesNotContain("\tat ");
    }

    @Test
    void heapInAScriptRefusesWhatTheCommandLineRefuses() throws Exception {
        Run both = script(":heap analyze dump.txt --symbols a.txt --elf b.elf", "", false);
        assertThat(both.code()).isEqualTo(1);
        assertThat(both.out()).contains("heap: give --symbols or --elf, not both").doesNotContain("\tat ");
        Run clock = script(":heap analyze dump.txt --clock-mhz -5", "", false);
        assertThat(clock.out()).contains("heap: --clock-mhz must be positive");
    }

    /** The macro said why it stopped; a second line (":macro: :macro did not complete") only repeated that it failed. */
    @Test
    void aMacroThatIsNotAppliedSaysSoOnce() throws Exception {
        Run r = script(":connect sim; :macro heapcheck; echo next", "", false);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("Apply heapcheck to sim? [y/N] no (no terminal; pass --yes to confirm)\nnothing sent\nnext\n")
                .doesNotContain("did not complete");
    }

    @Test
    void aScriptOnStdinRunsOnTheSimulatorByDefault() throws Exception {
        Run r = script(null, "# comment\necho one two\n\nvfs stat /store/none\n", false);
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("one\ntwo\nError: VFS file cannot be opened\n");
    }

    @Test
    void jsonGivesOneObjectPerModuleCommand() throws Exception {
        Run r = script("echo hi; vfs cat /store/missing", "", true);
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).matches("\\{\"target\":\"sim\",\"command\":\"echo hi\",\"output\":\"hi\\\\n\",\"elapsed_ms\":\\d+}");
        assertThat(lines[1]).startsWith("{\"target\":\"sim\",\"command\":\"vfs cat /store/missing\",\"output\":\"Error: VFS file cannot be opened\\n\"");
    }

    @Test
    void afterARefusedConnectModuleLinesDoNotFallBackToTheSimulator() throws Exception {
        Run r = script(":connect bogus://car; echo must-not-run", "", false);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("must-not-run").contains("no target is open");
    }

    @Test
    void jsonMasksPasswordsAsHistoryDoes() throws Exception {
        Run r = script("enable s3cret; config set password module hunter2", "", true);
        assertThat(r.out()).contains("\"command\":\"enable ****\"", "\"command\":\"config set password module ****\"")
                .doesNotContain("s3cret", "hunter2");
    }

    /** What goes in masked must not come back out: config list of a readable param prints its password instance. */
    @Test
    void aListedServerPasswordIsMaskedInJsonAndTheTranscript() throws Exception {
        Path log = tmp.resolve("t.log");
        Run plain = script(":log start " + log + "; config set server.v2 password hunter3; config list server.v2; :log stop", "", false);
        assertThat(plain.out()).as("the screen shows what was asked for").contains("  password: hunter3");
        assertThat(Files.readString(log)).contains("< server.v2 (readable)", "<   password: ****").doesNotContain("hunter3");
        Run json = script("config set server.v2 password hunter3; config list server.v2", "", true);
        assertThat(json.out()).contains("\"output\":\"server.v2 (readable)\\n  password: ****\\n\"").doesNotContain("hunter3");
    }

    @Test
    void aFailingLinkInAScriptIsOneLineAndExitOne() throws Exception {
        int port = closedPort();
        Run r = script(":connect ssh://admin@127.0.0.1:" + port + "; boot status; :targets", "", false);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("cannot connect to 127.0.0.1:" + port + ": connection refused")
                .contains("no target is open").contains("no open targets");
        assertThat(r.out()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void execPrintsEachOutputAndFailsWithOneLineWhenTheLinkFails() throws Exception {
        CommandLine cl = FieldshellCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("exec", "sim", "echo a", "vfs stat /store/nothing")).isZero();
        assertThat(out.toString()).isEqualTo("a\nError: VFS file cannot be opened\n");

        int port = closedPort();
        StringWriter err2 = new StringWriter();
        cl.setErr(new PrintWriter(err2));
        assertThat(cl.execute("exec", "ssh://admin@127.0.0.1:" + port, "boot status")).isEqualTo(1);
        assertThat(err2.toString().strip()).isEqualTo("fieldshell: ssh://admin@127.0.0.1:" + port + ": cannot connect to 127.0.0.1:"
                + port + ": connection refused (is SSH enabled on the module, and the port right?)");
        StringWriter err3 = new StringWriter();
        cl.setErr(new PrintWriter(err3));
        assertThat(cl.execute("exec", "serial:/dev/nonexistent-tty", "boot status")).isEqualTo(1);
        assertThat(err3.toString().strip()).isEqualTo(
                "fieldshell: serial:/dev/nonexistent-tty: no such serial port /dev/nonexistent-tty (is the cable plugged in?)");
        StringWriter err4 = new StringWriter();
        cl.setErr(new PrintWriter(err4));
        assertThat(cl.execute("exec", "serial:" + tmp, "boot status")).isEqualTo(1);
        assertThat(err4.toString().strip()).isEqualTo("fieldshell: serial:" + tmp + ": " + tmp + " is a directory, not a serial port"
                + " (the module's USB console is a device like /dev/ttyUSB0 or /dev/ttyACM0)");
    }

    @Test
    void execJson() throws Exception {
        CommandLine cl = FieldshellCommand.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("exec", "--json", "sim", "echo x")).isZero();
        assertThat(out.toString().strip()).matches("\\{\"target\":\"sim\",\"command\":\"echo x\",\"output\":\"x\\\\n\",\"elapsed_ms\":\\d+}");
    }
}
