package dev.fieldshell.shell.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldshell.shell.sim.Fault;
import dev.fieldshell.shell.sim.SimulatedModule;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SshLink against the simulated module's SSH server (MINA on loopback, wolfSSH's rules). */
class SshLinkSimTest {

    @TempDir
    Path tmp;

    private SshSettings settings() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("home/.ssh"));
        return new SshSettings(dir, dir.resolve("known_hosts"), dir.resolve("config"), Optional.empty(), Duration.ofSeconds(10));
    }

    private static TargetSpec.Ssh target(SimulatedModule m, String query) {
        return (TargetSpec.Ssh) Targets.parse("ssh://admin@127.0.0.1:" + m.sshPort() + query);
    }

    @Test
    void passwordLoginShowsTheModulesFingerprintOnFirstUseAndFramesExactly() throws Exception {
        try (SimulatedModule m = SimulatedModule.builder().sshPort(0).password("s3cret").build().start()) {
            SshSettings s = settings();
            RecordingPrompter p = new RecordingPrompter(true, "s3cret");
            try (SshLink link = SshLink.open(target(m, ""), s, p)) {
                assertThat(link.framing()).isEqualTo("shell");
                assertThat(link.info().firmware()).startsWith("3.3.006");
                assertThat(link.info().secure()).isTrue();
                assertThat(link.run("vfs echo \"hello world\" /store/a.txt").output()).isEmpty();
                assertThat(link.run("vfs cat /store/a.txt").output()).isEqualTo("hello world\n");
                assertThat(link.run("event raise -d5000 usr.x").output()).isEqualTo("Raising event in 5000 ms: usr.x\n");
                // The fingerprint asked about is the one the module itself reports in ssh.info.
                String info = link.run("config list ssh.info").output();
                assertThat(info).contains(m.hostKeyFingerprint().replace("SHA256:", ""));
            }
            // what to compare, and where: ssh.info holds it without "SHA256:", read on a channel an impostor cannot answer
            assertThat(p.questions).singleElement().asString().contains(m.hostKeyFingerprint())
                    .contains("'config list ssh.info' on the module's USB console")
                    .contains("shows fingerprint " + m.hostKeyFingerprint().replace("SHA256:", ""))
                    .contains("not over this SSH connection");
            assertThat(p.secretPrompts).hasSize(1);
            assertThat(Files.readString(s.knownHosts())).contains("[127.0.0.1]:" + m.sshPort() + " ssh-rsa ");
        }
    }

    @Test
    void keyLoginAndAChangedHostKeyIsRefused() throws Exception {
        Path keys = Files.createDirectories(tmp.resolve("keys"));
        OpenSshServer.run(keys, "ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", keys.resolve("id_rsa").toString());
        String pub = Files.readString(keys.resolve("id_rsa.pub")).strip();
        SshSettings s = settings();
        Files.copy(keys.resolve("id_rsa"), s.sshDir().resolve("id_rsa"));
        int port;
        try (ServerSocket ss = new ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        RecordingPrompter p = new RecordingPrompter(true, "any");
        try (SimulatedModule m = SimulatedModule.builder().sshPort(port).password("pw").authorizedKey("admin", pub)
                .store(Files.createDirectories(tmp.resolve("store1"))).build().start();
                SshLink link = SshLink.open(target(m, ""), s, p)) {
            assertThat(link.run("echo keyed").output()).isEqualTo("keyed\n");
            assertThat(p.secretPrompts).as("no password asked").isEmpty();
        }
        // A new store means a new host key on the same address: a wiped module, or someone else.
        try (SimulatedModule m2 = SimulatedModule.builder().sshPort(port).password("pw").authorizedKey("admin", pub)
                .store(Files.createDirectories(tmp.resolve("store2"))).build().start()) {
            assertThatThrownBy(() -> SshLink.open(target(m2, ""), s, new RecordingPrompter(true, "pw")))
                    .isInstanceOf(LinkException.class)
                    .hasMessageContaining("CHANGED")
                    .hasMessageContaining(m2.hostKeyFingerprint())
                    .hasMessageContaining("ssh-keygen -R");
        }
    }

    /** A module back with another host key (wiped, or someone else): one try, then the refusal; no backoff to sit through. */
    @Test
    void aDroppedLinkIsNotRetriedAgainstAChangedHostKey() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        SshSettings s = settings();
        List<String> events = new CopyOnWriteArrayList<>();
        SimulatedModule m = SimulatedModule.builder().sshPort(port).store(Files.createDirectories(tmp.resolve("store1"))).build().start();
        TargetSpec.Ssh spec = target(m, ""); // the address stays; the module behind it changes
        try (ReconnectingLink link = new ReconnectingLink(() -> SshLink.open(spec, s, new RecordingPrompter(true, "any")),
                new ReconnectingLink.Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 5))) {
            link.onLinkEvent(events::add);
            assertThat(link.run("echo one").output()).isEqualTo("one\n");
            m.close();
            try (SimulatedModule m2 = SimulatedModule.builder().sshPort(port).store(Files.createDirectories(tmp.resolve("store2")))
                    .build().start()) {
                assertThatThrownBy(() -> link.run("echo two"))
                        .isInstanceOf(LinkException.class)
                        .hasMessageNotContaining("\n")
                        .hasMessageContaining("link lost and not reopened, since trying again cannot help")
                        .hasMessageContaining("has CHANGED")
                        .hasMessageContaining(m2.hostKeyFingerprint());
            }
        }
        assertThat(events).filteredOn(e -> e.startsWith("reconnect attempt ")).singleElement().asString()
                .startsWith("reconnect attempt 1 refused: ");
    }

    /** exec and scripts cannot ask: the one line says what to compare it with before trusting it from a terminal. */
    @Test
    void anUntrustedHostKeyIsOneLineThatSaysWhatToCheck() throws Exception {
        try (SimulatedModule m = SimulatedModule.builder().sshPort(0).build().start()) {
            SshSettings s = settings();
            assertThatThrownBy(() -> SshLink.open(target(m, ""), s, new RecordingPrompter(false, "any")))
                    .isInstanceOf(LinkException.class)
                    .hasMessageNotContaining("\n")
                    .hasMessageContaining("(" + m.hostKeyFingerprint() + ") is not in " + s.knownHosts() + " and was not trusted")
                    .hasMessageContaining("'config list ssh.info' on the module's USB console")
                    .hasMessageContaining("shows fingerprint " + m.hostKeyFingerprint().replace("SHA256:", ""))
                    .hasMessageContaining("then connect once from a terminal and trust it");
            assertThat(s.knownHosts()).doesNotExist();
        }
    }

    @Test
    void wrongPasswordIsOneClearLine() throws Exception {
        try (SimulatedModule m = SimulatedModule.builder().sshPort(0).password("right").build().start()) {
            assertThatThrownBy(() -> SshLink.open(target(m, ""), settings(), new RecordingPrompter(true, "wrong")))
                    .isInstanceOf(LinkException.class)
                    .hasMessageContaining("login refused")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void closedPortIsOneClearLine() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        assertThatThrownBy(() -> SshLink.open((TargetSpec.Ssh) Targets.parse("ssh://admin@127.0.0.1:" + port), settings(),
                        Prompter.NONE))
                .isInstanceOf(LinkException.class)
                .hasMessage("ssh://admin@127.0.0.1:" + port + ": cannot connect to 127.0.0.1:" + port
                        + ": connection refused (is SSH enabled on the module, and the port right?)");
    }

    /** A typo in the host name: MINA reports NIO's message-less UnresolvedAddressException, which must not leak. */
    @Test
    void unknownHostIsOneClearLine() throws Exception {
        SshSettings s = settings();
        assertThatThrownBy(() -> SshLink.open((TargetSpec.Ssh) Targets.parse("ssh://admin@nosuchmodule.invalid"), s, Prompter.NONE))
                .isInstanceOf(LinkException.class)
                .hasMessage("ssh://admin@nosuchmodule.invalid: unknown host 'nosuchmodule.invalid' (not an address, nor a Host in "
                        + s.config() + ")");
    }

    @Test
    void aModuleThatStopsAnsweringIsReportedAndTheLinkIsMarkedBroken() throws Exception {
        try (SimulatedModule m = SimulatedModule.builder().sshPort(0).build().start();
                SshLink link = SshLink.open(target(m, ""), settings(), new RecordingPrompter(true, "any"))) {
            link.commandTimeout(Duration.ofSeconds(1));
            assertThatThrownBy(() -> link.run("sleep 5"))
                    .isInstanceOf(LinkException.class)
                    .hasMessageContaining("stopped answering");
            assertThat(link.isOpen()).isFalse();
        }
    }

    @Test
    void ctrlCEndsFollowModeAndTheLinkStaysUsable() throws Exception {
        try (SimulatedModule m = SimulatedModule.builder().sshPort(0).build().start();
                SshLink link = SshLink.open(target(m, ""), settings(), new RecordingPrompter(true, "any"))) {
            link.run("vfs echo first /store/t.log");
            List<String> seen = new CopyOnWriteArrayList<>();
            Thread t = new Thread(() -> {
                try {
                    while (seen.stream().noneMatch(s -> s.contains("first"))) {
                        Thread.sleep(20);
                    }
                    link.interrupt();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            CommandResult r = link.stream("vfs tail /store/t.log", seen::add);
            t.join();
            assertThat(r.output()).startsWith("[tail: in follow mode, press Ctrl-C to abort]\nfirst\n");
            assertThat(link.run("echo still here").output()).isEqualTo("still\nhere\n");
        }
    }

    @Test
    void logLinesWithLogMonitorOnAreKeptApartFromOutput() throws Exception {
        try (SimulatedModule m = SimulatedModule.builder().sshPort(0).build().start();
                SshLink link = SshLink.open(target(m, ""), settings(), new RecordingPrompter(true, "any"))) {
            List<String> logs = new CopyOnWriteArrayList<>();
            link.onLog(logs::add);
            link.run("vfs echo \"module check\" /store/events/usr.t/00-check");
            assertThat(link.run("log monitor yes").output()).isEqualTo("Monitoring log messages enabled\n");
            assertThat(link.run("event raise usr.t").output()).isEqualTo("Raising event: usr.t\n");
            long until = System.nanoTime() + 5_000_000_000L;
            List<String> outputs = new ArrayList<>();
            while (logs.stream().noneMatch(l -> l.contains("script:") && l.contains("Heap integrity OK"))
                    && System.nanoTime() < until) {
                outputs.add(link.run("echo x").output());
                Thread.sleep(100);
            }
            assertThat(logs).anyMatch(l -> l.matches("I \\(\\d+\\) script: .*Heap integrity OK.*"));
            assertThat(outputs).allMatch(o -> o.equals("x\n"));
        }
    }

    @Test
    void oldFirmwareGetsOneExecChannelPerCommand() throws Exception {
        try (SimulatedModule m = SimulatedModule.builder().sshPort(0).firmware("3.2.016-100-gabcdef/ota_0/main").build().start();
                SshLink link = SshLink.open(target(m, ""), settings(), new RecordingPrompter(true, "any"))) {
            assertThat(link.framing()).isEqualTo("exec");
            assertThat(link.info().firmware()).startsWith("3.2.016");
            assertThat(link.run("vfs echo x /store/b").output()).contains("Unrecognised command");
            assertThat(link.run("vfs append abc /store/b").output()).isEmpty();
            assertThat(link.run("vfs cat /store/b").output()).isEqualTo("abc\n");
        }
    }

    @Test
    void reconnectsAfterTheModuleDropsTheLinkWithoutReplayingTheCommand() throws Exception {
        try (SimulatedModule m = SimulatedModule.builder().sshPort(0).fault(new Fault.DropAfter(5)).build().start()) {
            SshSettings s = settings();
            RecordingPrompter p = new RecordingPrompter(true, "any");
            List<String> events = new CopyOnWriteArrayList<>();
            ReconnectingLink link = new ReconnectingLink(() -> SshLink.open(target(m, ""), s, p),
                    new ReconnectingLink.Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 5));
            link.onLinkEvent(events::add);
            try (link) {
                List<String> failures = new ArrayList<>();
                for (int i = 1; i <= 6; i++) {
                    try {
                        link.run("vfs append line" + i + " /store/r.log");
                    } catch (LinkException e) {
                        failures.add(e.getMessage());
                    }
                }
                assertThat(failures).isNotEmpty();
                assertThat(failures.get(0)).contains("reconnected").contains("was not sent again");
                assertThat(events).anyMatch(e -> e.startsWith("link dropped at "))
                        .anyMatch(e -> e.startsWith("reconnected at ") && e.contains("no command was replayed"));
                String log = link.run("vfs cat /store/r.log").output();
                // Each line is there at most once: nothing was replayed.
                for (int i = 1; i <= 6; i++) {
                    assertThat(log.split("\n")).filteredOn(("line" + i)::equals).hasSizeLessThanOrEqualTo(1);
                }
                assertThat(log).contains("line1\n");
            }
        }
    }
}
