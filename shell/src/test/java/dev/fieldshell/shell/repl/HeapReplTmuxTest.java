package dev.fieldshell.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code :heap analyze} and {@code :heap compare} in the REPL, in a real terminal (tmux). */
class HeapReplTmuxTest {
    static final String DUMP = String.join("\n",
            "Heap tracing started/resumed at ccount 0x10000000 = logtime 5000",
            "6 allocations trace (500 entry buffer)",
            "48 bytes (@ 0x3ffb0010) allocated CPU 0 task 0x3ffc0000 ccount 0x20000000 caller 0x400d1234:0x400d5678",
            "256 bytes (@ 0x3ffb0100) allocated CPU 0 task 0x3ffc0000 ccount 0x28000000 caller 0x400e0010:0x400e0020",
            "freed task 0x3ffc0000 by 0x400e0030:0x400e0020",
            "48 bytes (@ 0x3ffb0200) allocated CPU 0 task 0x3ffc0000 ccount 0x40000000 caller 0x400d1234:0x400d5678",
            "256 bytes (@ 0x3ffb0300) allocated CPU 0 task 0x3ffc0000 ccount 0x48000000 caller 0x400e0010:0x400e0020",
            "freed task 0x3ffc0000 by 0x400e0030:0x400e0020",
            "48 bytes (@ 0x3ffb0400) allocated CPU 0 task 0x3ffc0000 ccount 0x60000000 caller 0x400d1234:0x400d5678",
            "256 bytes (@ 0x3ffb0500) allocated CPU 0 task 0x3ffc0000 ccount 0x68000000 caller 0x400e0010:0x400e0020",
            "freed task 0x3ffc0000 by 0x400e0030:0x400e0020",
            "");

    @TempDir
    Path tmp;

    @Test
    void heapAnalyzeAndCompareRunLocally() throws Exception {
        Path dump = Files.writeString(tmp.resolve("trace.txt"), DUMP);
        Path kb = Files.createDirectories(tmp.resolve("kb"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Path home = Files.createDirectories(tmp.resolve("home"));
        String cmd = "env NO_COLOR=1 TERM=xterm-256color HOME=" + home + " XDG_STATE_HOME=" + tmp.resolve("state")
                + " XDG_CONFIG_HOME=" + tmp.resolve("config") + " XDG_DATA_HOME=" + tmp.resolve("data") + " " + java
                + " -Duser.home=" + home + " -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED -cp '"
                + System.getProperty("java.class.path") + "' dev.fieldshell.shell.cli.Main";
        try (Tmux t = Tmux.start(cmd)) {
            t.awaitText("sim OVMS# ");
            t.type(":heap analyze " + dump + " --kb " + kb);
            t.keys("Enter");
            String screen = t.await("the heap report", s -> s.contains("Live bytes per chain") && s.contains("sim OVMS# "));
            assertThat(screen).contains("likely leak").contains("0x400d1234 < 0x400d5678");
            t.type(":heap compare " + dump);
            t.keys("Enter");
            t.awaitText("heap compare: give exactly two dumps, A and B");
            t.type("echo still here");
            t.keys("Enter");
            t.awaitText("still\nhere\nsim OVMS# ");
        }
    }
}
