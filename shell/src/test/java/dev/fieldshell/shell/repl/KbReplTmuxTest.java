package dev.fieldshell.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code :kb suggest} in a real terminal (tmux) on the built-in simulator: crash text scrolling by
 * is answered inline, {@code :kb suggest} ranks it with the KB in XDG_DATA_HOME, and {@code --from-module}
 * reads the module's own {@code boot status}.
 */
class KbReplTmuxTest {

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
    void crashTextIsRankedByKbSuggest() throws Exception {
        try (Tmux t = Tmux.start(command())) {
            t.awaitText("sim OVMS# ");
            t.type(":kb suggest");
            t.keys("Enter");
            t.awaitText("no crash seen yet: paste one, or use :kb suggest --from-module");
            t.type(":kb suggest --from-module"); // opens (and creates) the KB in XDG_DATA_HOME
            t.keys("Enter");
            t.await("an answer from boot status", s -> s.contains("boot status shows no \"Last crash:\" block")
                    || s.contains("frames compared:"));
            t.type("vfs echo \"Backtrace: 0x4008dd5e:0x3ffb0ab0 0x4008e0a1:0x3ffb0ad0\" /store/bt.txt");
            t.keys("Enter");
            t.type("vfs cat /store/bt.txt");
            t.keys("Enter");
            t.awaitText("crash text seen (Backtrace)");

            t.type(":kb suggest");
            t.keys("Enter");
            String shown = t.awaitText("frames compared: 0x4008dd5e, 0x4008e0a1");
            assertThat(shown).contains("nothing in the KB is close to this crash");

            // Now that the KB exists, crash text scrolling by is answered inline with the top suggestion.
            t.type("vfs cat /store/bt.txt");
            t.keys("Enter");
            t.awaitCount("nothing in the KB is close to this crash", 2);

            t.type(":kb suggest --top 0");
            t.keys("Enter");
            t.awaitText("--top must be between 1 and 100");

            assertThat(Files.isDirectory(tmp.resolve("data/fieldshell/kb"))).isTrue();

            // A heap corruption is answered from the bundled notes, in command output and in log lines.
            t.type("test heapcorruption keep");
            t.keys("Enter");
            t.awaitText("likely: Heap corruption");
            t.type("log monitor yes");
            t.keys("Enter");
            t.awaitText("Monitoring log messages enabled");
            t.type("module check alert");
            t.keys("Enter");
            String log = t.awaitCount("likely: Heap corruption", 2);
            assertThat(log).contains("notify: alert/debug.heap.corruption: CORRUPT HEAP: Bad tail");
            t.keys("C-d");
        }
    }
}
