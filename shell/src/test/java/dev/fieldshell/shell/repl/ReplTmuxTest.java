package dev.fieldshell.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.shell.sim.SimulatedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REPL in a real terminal (tmux): the prompt on the built-in simulator, pass-through, TAB
 * completion from the module's own tree and of /store/events/ paths, history and transcript
 * without secrets, crash text recognized, and Ctrl-C during {@code vfs tail} over SSH.
 */
class ReplTmuxTest {

    @TempDir
    Path tmp;

    private String command() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path home = Files.createDirectories(tmp.resolve("home"));
        String env = "env NO_COLOR=1 TERM=xterm-256color HOME=" + home
                + " XDG_STATE_HOME=" + tmp.resolve("state") + " XDG_CACHE_HOME=" + tmp.resolve("cache")
                + " XDG_CONFIG_HOME=" + tmp.resolve("config") + " XDG_DATA_HOME=" + tmp.resolve("data");
        return env + " " + java + " -Duser.home=" + home + " -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED -cp '"
                + System.getProperty("java.class.path") + "' dev.fieldshell.shell.cli.Main";
    }

    @Test
    void aSessionOnTheSimulator() throws Exception {
        // A first start keeps the terminal's capabilities as JLine resolved them; the session
        // below runs on a terminal given those (the way every later start goes).
        try (Tmux t = Tmux.start(command())) {
            t.awaitText("sim OVMS# ");
            t.await("the status line", s -> s.contains(" sim · sim · "));
            t.type(":quit");
            t.keys("Enter");
            assertThat(t.awaitExit()).as("exit status after :quit").isZero();
            assertThat(t.screen()).as("the screen after :quit").contains("sim OVMS# :quit").doesNotContain(" sim · sim · ");
        }
        assertThat(tmp.resolve("cache/fieldshell/terminal-caps/xterm-256color")).isNotEmptyFile();

        Path transcript = tmp.resolve("t.log");
        try (Tmux t = Tmux.start(command())) {
            t.awaitText("sim OVMS# ");
            t.type(":log start " + transcript);
            t.keys("Enter");
            t.awaitText("transcript: " + transcript);

            // Pass-through: the line goes to the module as typed, its output comes back.
            t.type("echo hello world");
            t.keys("Enter");
            t.awaitText("hello\nworld\nsim OVMS# ");

            // TAB lists the vfs subcommands the module itself reports with `vfs ?`.
            t.type("vfs ");
            t.keys("Tab");
            String listing = t.await("vfs subcommands", s -> s.contains("append") && s.contains("stat") && s.contains("tail"));
            assertThat(listing).contains("mkdir").contains("rmdir");
            t.keys("C-u");
            t.type("vfs sta");
            t.keys("Tab");
            t.awaitText("sim OVMS# vfs stat ");
            t.keys("C-u");

            // An event script directory, then completion of /store/events/ paths.
            t.type("vfs echo \"module check\" /store/events/usr.check.heap/00-checkheap");
            t.keys("Enter");
            t.type("vfs cat /store/events/usr.ch");
            t.keys("Tab");
            t.awaitText("vfs cat /store/events/usr.check.heap/");
            t.keys("Tab");
            t.awaitText("vfs cat /store/events/usr.check.heap/00-checkheap");
            t.keys("Enter");
            t.awaitText("module check\nsim OVMS# ");
            t.type("vfs ls /store/events/ser");
            t.keys("Tab");
            t.await("known event names offered", s -> s.contains("server.v2.stopped/") && s.contains("server.v3.stopped/"));
            t.keys("C-u");

            // Secrets: enable with a password, a config password.
            t.type("enable s3cret-pw");
            t.keys("Enter");
            t.awaitText("Secure mode");
            t.type("config set wifi.ssid HomeNet wifi-s3cret");
            t.keys("Enter");
            t.awaitText("Parameter has been set.");
            t.keys("Up", "Up");
            t.awaitText("sim OVMS# enable ****");
            t.keys("C-u");

            // Crash text in module output: one line, and the text is kept for :kb suggest.
            t.type("vfs echo \"Backtrace: 0x4008dd5e:0x3ffb0ab0 0x4008e0a1:0x3ffb0ad0\" /store/bt.txt");
            t.keys("Enter");
            t.type("vfs cat /store/bt.txt");
            t.keys("Enter");
            t.awaitText("crash text seen (Backtrace)");
            // The prompt after the crash notice (and the KB lookup that follows it).
            t.await("the prompt after the crash notice", s -> promptAfter(s, "crash text seen (Backtrace)"));

            t.type(":log stop");
            t.keys("Enter");
            t.awaitText("transcript closed");
            // Ctrl-D on an empty line leaves the shell. It is sent once the prompt is back: JLine
            // puts the terminal in raw mode before it draws the prompt, so from then on the key
            // reaches it as a character (typed earlier, the terminal driver would take it as end of
            // input for the command's read).
            t.await("the prompt after :log stop", s -> promptAfter(s, "transcript closed"));
            t.keys("C-d");
            assertThat(t.awaitExit()).as("exit status after Ctrl-D").isZero();
        }
        String history = Files.readString(tmp.resolve("state/fieldshell/history"));
        assertThat(history).contains("enable ****").contains("config set wifi.ssid HomeNet ****").contains("echo hello world");
        assertThat(history).doesNotContain("s3cret");
        String log = Files.readString(transcript);
        assertThat(log).doesNotContain("s3cret");
        assertThat(log).containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z sim > echo hello world$");
        assertThat(log).containsPattern("(?m)^\\S+Z sim < hello$");
        assertThat(log).containsPattern("(?m)^\\S+Z sim > enable \\*\\*\\*\\*$");
        assertThat(log).contains("sim < Secure mode");
        assertThat(log).contains("config set wifi.ssid HomeNet ****");
    }

    @Test
    void closingTheTerminalLeavesWithoutAStackTraceAndKeepsTheHistory() throws Exception {
        Path stderr = tmp.resolve("stderr.txt");
        // SIGHUP ignored (as under nohup, or when the hang-up does not reach the JVM first): the REPL
        // learns of the lost terminal from its next read. exec: the pane's process is the REPL itself,
        // so closing waits for it to be gone.
        try (Tmux t = Tmux.start("trap '' HUP; exec " + command() + " 2>" + stderr)) {
            t.awaitText("sim OVMS# ");
            t.type("echo typed before the window closed");
            t.keys("Enter");
            t.awaitCount("sim OVMS# ", 2);
        } // closing kills tmux: the terminal disappears under the REPL (SIGHUP, then EIO on read)
        assertThat(Files.readString(stderr)).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Files.readString(tmp.resolve("state/fieldshell/history"))).contains("echo typed before the window closed");
    }

    /** Whether {@code marker} is on the screen with a prompt line after it. */
    private static boolean promptAfter(String screen, String marker) {
        int at = screen.lastIndexOf(marker);
        return at >= 0 && screen.indexOf("\nsim OVMS# ", at) >= 0;
    }

    @Test
    void ctrlCInterruptsVfsTailOverSshAndTheShellStays() throws Exception {
        try (SimulatedModule m = SimulatedModule.builder().sshPort(0).build().start();
                Tmux t = Tmux.start(command())) {
            Files.writeString(m.storeDir().resolve("t.log"), "first line\n");
            t.awaitText("sim OVMS# ");
            t.type(":connect ssh://admin@127.0.0.1:" + m.sshPort() + " as bench");
            t.keys("Enter");
            String ask = t.awaitText("[y/N]");
            assertThat(ask).contains(m.hostKeyFingerprint());
            t.type("y");
            t.keys("Enter");
            t.awaitText("password for admin@127.0.0.1: ");
            t.type("anything");
            t.keys("Enter");
            t.awaitText("bench OVMS# ");
            assertThat(t.screen()).doesNotContain("anything");
            t.type("vfs tail /store/t.log");
            t.keys("Enter");
            t.awaitText("[tail: in follow mode, press Ctrl-C to abort]");
            t.awaitText("first line");
            Files.writeString(m.storeDir().resolve("t.log"), "first line\nsecond line\n");
            t.awaitText("second line");
            t.keys("C-c");
            t.awaitCount("bench OVMS# ", 2);
            t.type("echo still here");
            t.keys("Enter");
            t.awaitText("still\nhere\nbench OVMS# ");
            t.type(":targets");
            t.keys("Enter");
            String targets = t.awaitText("* bench");
            assertThat(targets).contains("  sim  sim");
            assertThat(List.of(Files.readString(tmp.resolve("home/.ssh/known_hosts")))).anyMatch(l -> l.contains("ssh-rsa"));

        }
    }
}
