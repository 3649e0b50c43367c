package dev.fieldshell.shell.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SshLink against OpenSSH's sshd (an independent server): key login, trust on first use with the
 * fingerprint OpenSSH itself computes, a known_hosts line OpenSSH reads back, a refused changed
 * key, and keys held by ssh-agent. sshd runs bash, not an OVMS console, so the exec framing is used.
 */
@Tag("host-tools")
class SshLinkOpenSshTest {

    @TempDir
    static Path tmp;
    static OpenSshServer sshd;
    static Path clientKey;

    @BeforeAll
    static void start() throws Exception {
        sshd = OpenSshServer.start(Files.createDirectories(tmp.resolve("server")));
        Path keys = Files.createDirectories(tmp.resolve("keys"));
        clientKey = keys.resolve("id_rsa");
        OpenSshServer.run(keys, "ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", clientKey.toString());
        sshd.authorize(keys.resolve("id_rsa.pub"));
    }

    @AfterAll
    static void stop() {
        sshd.close();
    }

    private static SshSettings settings(Path home, Optional<Path> agent) throws Exception {
        Path dir = Files.createDirectories(home.resolve(".ssh"));
        return new SshSettings(dir, dir.resolve("known_hosts"), dir.resolve("config"), agent, Duration.ofSeconds(10));
    }

    private static TargetSpec.Ssh target() {
        return (TargetSpec.Ssh) Targets.parse("ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + sshd.port + "?framing=exec");
    }

    @Test
    void keyLoginTrustsOnFirstUseWithOpenSshsFingerprintAndRefusesAChangedKey(@TempDir Path home) throws Exception {
        SshSettings s = settings(home, Optional.empty());
        Files.copy(clientKey, s.sshDir().resolve("id_rsa"));
        RecordingPrompter yes = new RecordingPrompter(true, null);
        try (SshLink link = SshLink.open(target(), s, yes)) {
            assertThat(link.run("echo hello; printf 'no newline'").output()).isEqualTo("hello\nno newline");
        }
        assertThat(yes.questions).hasSize(1);
        assertThat(yes.questions.get(0)).contains(sshd.fingerprint()).contains("[127.0.0.1]:" + sshd.port);
        assertThat(yes.secretPrompts).as("no password asked when a key works").isEmpty();
        // OpenSSH finds the line we wrote.
        String found = OpenSshServer.run(home, "ssh-keygen", "-F", "[127.0.0.1]:" + sshd.port, "-f", s.knownHosts().toString());
        assertThat(found).contains("ssh-rsa");

        RecordingPrompter none = new RecordingPrompter(false, null);
        try (SshLink link = SshLink.open(target(), s, none)) {
            assertThat(link.run("echo again").output()).isEqualTo("again\n");
        }
        assertThat(none.questions).as("a known key is not asked about again").isEmpty();

        // Another key for the same host: refused, with both fingerprints in one message.
        Path other = home.resolve("other");
        OpenSshServer.run(home, "ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", other.toString());
        String otherPub = Files.readString(Path.of(other + ".pub")).strip();
        Files.writeString(s.knownHosts(), "[127.0.0.1]:" + sshd.port + " " + otherPub + "\n");
        assertThatThrownBy(() -> SshLink.open(target(), s, new RecordingPrompter(true, null)))
                .isInstanceOf(LinkException.class)
                .hasMessageContaining("CHANGED")
                .hasMessageContaining(sshd.fingerprint())
                .hasMessageNotContaining("\n");
    }

    @Test
    void unknownKeyWithoutATerminalIsNotTrusted(@TempDir Path home) throws Exception {
        SshSettings s = settings(home, Optional.empty());
        Files.copy(clientKey, s.sshDir().resolve("id_rsa"));
        assertThatThrownBy(() -> SshLink.open(target(), s, Prompter.NONE))
                .isInstanceOf(LinkException.class)
                .hasMessageContaining(sshd.fingerprint())
                .hasMessageContaining("not trusted");
        assertThat(Files.exists(s.knownHosts()) ? Files.readString(s.knownHosts()) : "").isEmpty();
    }

    @Test
    void keysFromTheAgentLogIn(@TempDir Path home) throws Exception {
        Path sock = home.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", sock.toString()).redirectErrorStream(true).start();
        try {
            for (int i = 0; i < 100 && !Files.exists(sock); i++) {
                Thread.sleep(50);
            }
            ProcessBuilder add = new ProcessBuilder("ssh-add", clientKey.toString()).redirectErrorStream(true);
            add.environment().put("SSH_AUTH_SOCK", sock.toString());
            Process p = add.start();
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor()).isZero();
            SshSettings s = settings(home, Optional.of(sock)); // no key files in this ~/.ssh
            RecordingPrompter prompter = new RecordingPrompter(true, null);
            try (SshLink link = SshLink.open(target(), s, prompter)) {
                assertThat(link.run("echo via-agent").output()).isEqualTo("via-agent\n");
            }
            assertThat(prompter.secretPrompts).isEmpty();
        } finally {
            agent.destroy();
        }
    }

    @Test
    void hostAliasFromSshConfig(@TempDir Path home) throws Exception {
        SshSettings s = settings(home, Optional.empty());
        Files.copy(clientKey, s.sshDir().resolve("mykey"));
        Files.writeString(s.config(), "Host bench-module\n  HostName 127.0.0.1\n  Port " + sshd.port + "\n  User "
                + System.getProperty("user.name") + "\n  IdentityFile " + s.sshDir().resolve("mykey") + "\n");
        TargetSpec.Ssh alias = new TargetSpec.Ssh("bench-module", "", "bench-module", 0, true, Map.of("framing", "exec"));
        try (SshLink link = SshLink.open(alias, s, new RecordingPrompter(true, null))) {
            assertThat(link.run("echo alias").output()).isEqualTo("alias\n");
        }
    }

    @Test
    void refusedLoginIsOneClearLine(@TempDir Path home) throws Exception {
        SshSettings s = settings(home, Optional.empty()); // no keys, no agent; sshd takes no passwords
        assertThatThrownBy(() -> SshLink.open(target(), s, new RecordingPrompter(true, "wrong")))
                .isInstanceOf(LinkException.class)
                .hasMessageContaining("login refused")
                .hasMessageNotContaining("\n");
    }
}
