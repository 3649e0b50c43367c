package dev.fieldshell.shell.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.shell.sim.SimulatedModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * For 1,000 random outputs (no final newline, empty, containing {@code OVMS# } and
 * {@code OVMS> }, echo-like and sentinel-like text), what SshLink returns equals what the command
 * printed. The outputs are files in the simulator's /store, printed by {@code vfs cat}.
 */
class FramingPropertyTest {

    private static final String[] PIECES = {"OVMS# ", "OVMS> ", "vfs cat ", "echo __END_1__", "__END_", "Usage: ", "\n", "\n\n",
        " ", "Error: Secure command requires 'enable' mode", "abc", "0x4008dd5e", "[tail: in follow mode]", ">", "#", "'", "\""};

    static String randomText(Random r) {
        int kind = r.nextInt(10);
        if (kind == 0) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        int parts = 1 + r.nextInt(kind == 1 ? 200 : 12);
        for (int i = 0; i < parts; i++) {
            if (r.nextInt(3) == 0) {
                b.append(PIECES[r.nextInt(PIECES.length)]);
            } else {
                int len = r.nextInt(30);
                for (int k = 0; k < len; k++) {
                    b.append((char) (32 + r.nextInt(95))); // printable ASCII
                }
            }
        }
        if (kind == 2) {
            b.append("OVMS# "); // a file that ends exactly like a prompt
        }
        return b.toString();
    }

    @Test
    void thousandRandomOutputsComeBackExactlyOverTheShellChannel(@TempDir Path tmp) throws Exception {
        Path store = Files.createDirectories(tmp.resolve("store"));
        Random r = new Random(20261123L);
        String[] texts = new String[1000];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = randomText(r);
            Files.writeString(store.resolve("f" + i), texts[i], StandardCharsets.UTF_8);
        }
        Path ssh = Files.createDirectories(tmp.resolve("home/.ssh"));
        SshSettings settings = new SshSettings(ssh, ssh.resolve("known_hosts"), ssh.resolve("config"), Optional.empty(),
                Duration.ofSeconds(10));
        try (SimulatedModule m = SimulatedModule.builder().sshPort(0).store(store).build().start();
                SshLink link = SshLink.open((TargetSpec.Ssh) Targets.parse("ssh://admin@127.0.0.1:" + m.sshPort()), settings,
                        new RecordingPrompter(true, "any"))) {
            assertThat(link.framing()).isEqualTo("shell");
            int noFinalNewline = 0;
            int empty = 0;
            int withPrompt = 0;
            for (int i = 0; i < texts.length; i++) {
                String out = link.run("vfs cat /store/f" + i).output();
                assertThat(out).as("output %d", i).isEqualTo(texts[i]);
                empty += texts[i].isEmpty() ? 1 : 0;
                noFinalNewline += !texts[i].isEmpty() && !texts[i].endsWith("\n") ? 1 : 0;
                withPrompt += texts[i].contains("OVMS# ") ? 1 : 0;
            }
            assertThat(empty).isGreaterThan(50);
            assertThat(noFinalNewline).isGreaterThan(300);
            assertThat(withPrompt).isGreaterThan(100);
        }
    }

    @Test
    void randomOutputsComeBackExactlyOverExecChannels(@TempDir Path tmp) throws Exception {
        Path store = Files.createDirectories(tmp.resolve("store"));
        Random r = new Random(7L);
        String[] texts = new String[50];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = randomText(r);
            Files.writeString(store.resolve("f" + i), texts[i], StandardCharsets.UTF_8);
        }
        Path ssh = Files.createDirectories(tmp.resolve("home/.ssh"));
        SshSettings settings = new SshSettings(ssh, ssh.resolve("known_hosts"), ssh.resolve("config"), Optional.empty(),
                Duration.ofSeconds(10));
        try (SimulatedModule m = SimulatedModule.builder().sshPort(0).store(store).build().start();
                SshLink link = SshLink.open((TargetSpec.Ssh) Targets.parse("ssh://admin@127.0.0.1:" + m.sshPort() + "?framing=exec"),
                        settings, new RecordingPrompter(true, "any"))) {
            assertThat(link.framing()).isEqualTo("exec");
            for (int i = 0; i < texts.length; i++) {
                assertThat(link.run("vfs cat /store/f" + i).output()).as("output %d", i).isEqualTo(texts[i]);
            }
        }
    }
}
