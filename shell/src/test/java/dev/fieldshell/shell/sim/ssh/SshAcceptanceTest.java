package dev.fieldshell.shell.sim.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.shell.sim.SimulatedModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator driven by OpenSSH's ssh and scp, byte for byte where the reference says so. */
class SshAcceptanceTest {
    static final String BANNER = "\r\nWelcome to the Open Vehicle Monitoring System (OVMS) - SSH Console\r\n"
            + "Firmware: 3.3.006-259-g1aa1daff1/ota_0/edge\r\n"
            + "Hardware: OVMS WIFI BLE BT cores=2 rev=ESP32/3; MODEM SIM7600\r\n\r\r\nOVMS# ";

    @TempDir
    static Path dir;

    static SimulatedModule module;
    static OpenSsh ssh;
    final List<Process> processes = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        module = SimulatedModule.builder().store(dir.resolve("store")).sd(dir.resolve("sd")).sshPort(0).build().start();
        ssh = new OpenSsh(dir, module.sshPort());
    }

    @AfterAll
    static void stop() {
        module.close();
    }

    @AfterEach
    void cleanUp() {
        processes.forEach(Process::destroyForcibly);
        module.core().config().removeAll("password");
        module.core().config().removeAll("ssh.keys");
    }

    private Process shell(OpenSsh client) throws Exception {
        Process p = client.shell("admin");
        processes.add(p);
        return p;
    }

    @Test
    void shellBytesAreTheModulesBytes() throws Exception {
        Process p = shell(ssh);
        OpenSsh.Reader r = new OpenSsh.Reader(p);
        assertThat(r.until("OVMS# ")).isEqualTo(BANNER);
        OpenSsh.send(p, "echo hi\r");
        assertThat(r.until("OVMS# ")).isEqualTo("echo hi\r\r\nhi\r\nOVMS# ");
        OpenSsh.send(p, "vfs echo \"x\"y /store/a\r");
        assertThat(r.until("OVMS# ")).isEqualTo("vfs echo \"x\"y /store/a\r\r\nERROR:too many tokens or invalid quoting\r\nOVMS# ");
        OpenSsh.send(p, "echo twice\r\n");
        assertThat(r.until("OVMS# \r\r\nOVMS# ")).isEqualTo("echo twice\r\r\ntwice\r\nOVMS# \r\r\nOVMS# ");
        OpenSsh.send(p, "frob\r");
        assertThat(r.until("OVMS# ")).isEqualTo("frob\r\r\nUnrecognised command\r\nOVMS# ");
        OpenSsh.send(p, "exit\r");
        assertThat(r.until("logout\r\n")).isEqualTo("exit\r\r\nlogout\r\n");
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void badInputIsAnsweredAsAModuleAnswers() throws Exception {
        Process p = shell(ssh);
        OpenSsh.Reader r = new OpenSsh.Reader(p);
        r.until("OVMS# ");
        OpenSsh.send(p, "echo " + "y".repeat(1000) + "\r");
        String longEcho = r.until("OVMS# ");
        assertThat(longEcho).isEqualTo("echo " + "y".repeat(794) + "\r\r\n" + "y".repeat(794) + "\r\nOVMS# ");
        OpenSsh.send(p, "echo b\u0000\u0002\u0007\u0010\u007fin\r"); // NUL, ^B (left), BEL, ^P (history), DEL...
        assertThat(r.until("OVMS# ")).contains("\r\r\n").endsWith("\r\nOVMS# ");
        OpenSsh.send(p, "\u0015echo 'unterminated\r"); // ^U clears whatever the keys above left
        assertThat(r.until("OVMS# ")).endsWith("\r\r\nERROR:too many tokens or invalid quoting\r\nOVMS# ");
        OpenSsh.send(p, "vfs cat /store/../../../etc/passwd\r");
        assertThat(r.until("OVMS# ")).endsWith("\r\r\nError: VFS file cannot be opened\r\nOVMS# ");
        OpenSsh.send(p, "vfs echo pwned /etc/x\r");
        assertThat(r.until("OVMS# ")).endsWith("\r\r\nError: VFS target file cannot be opened\r\nOVMS# ");
        OpenSsh.send(p, "echo still alive\r");
        assertThat(r.until("OVMS# ")).isEqualTo("echo still alive\r\r\nstill\r\nalive\r\nOVMS# ");
    }

    @Test
    void logLinesShowOnlyAfterLogMonitorAndRedrawThePrompt() throws Exception {
        Process p = shell(ssh);
        OpenSsh.Reader r = new OpenSsh.Reader(p);
        r.until("OVMS# ");
        OpenSsh.send(p, "event trace on\r");
        r.until("OVMS# ");
        OpenSsh.send(p, "event raise usr.quiet\r");
        r.until("OVMS# ");
        // raising is asynchronous: wait until the events task has dispatched it, or its line could come
        // after monitoring is switched on below, as it would on a module
        String status;
        do {
            OpenSsh.send(p, "event status\r");
            status = r.until("OVMS# ");
        } while (!status.contains("queue has 0/100 entries") || status.contains("Currently dispatching"));
        OpenSsh.send(p, "echo mark\r");
        assertThat(r.until("OVMS# ")).isEqualTo("echo mark\r\r\nmark\r\nOVMS# "); // no log line without monitoring
        OpenSsh.send(p, "log monitor yes\r");
        assertThat(r.until("OVMS# ")).isEqualTo("log monitor yes\r\r\nMonitoring log messages enabled\r\nOVMS# ");
        OpenSsh.send(p, "event raise usr.loud\r");
        String s = r.until("\033[0m\r\r\nOVMS# \033[K");
        assertThat(s).matches("(?s)event raise usr.loud\r\r\nRaising event: usr.loud\r\nOVMS# "
                + "\r\033\\[K\033\\[0;32mI \\(\\d+\\) events: Signal\\(usr.loud\\)\033\\[0m\r\r\nOVMS# \033\\[K");
    }

    @Test
    void seedThreadSetupRunsTheDelayedHeapCheckAfterServerV2Stop() throws Exception {
        Process p = shell(ssh);
        OpenSsh.Reader r = new OpenSsh.Reader(p);
        r.until("OVMS# ");
        for (String line : List.of(
                "vfs echo \"module check alert\" /store/events/usr.check.heap/00-checkheap",
                "vfs echo \"event raise -d5000 usr.check.heap\" /store/events/server.v2.stopped/90-checkheap",
                "vfs echo \"event raise -d5000 usr.check.heap\" /store/events/server.v3.stopped/90-checkheap")) {
            OpenSsh.send(p, line + "\r");
            assertThat(r.until("OVMS# ")).isEqualTo(line + "\r\r\nOVMS# ");
        }
        OpenSsh.send(p, "log monitor yes\r");
        r.until("OVMS# ");
        OpenSsh.send(p, "server v2 stop\r");
        assertThat(r.until("OVMS# ")).isEqualTo("server v2 stop\r\r\nStopping OVMS Server V2 connection (oscv2)\r\nOVMS# ");
        String log = r.until("script: Heap integrity OK");
        assertThat(log).contains("I (", "script: Running script /store/events/server.v2.stopped/90-checkheap",
                "script: Raising event in 5000 ms: usr.check.heap", "script: Running script /store/events/usr.check.heap/00-checkheap");
        assertThat(Files.readString(dir.resolve("store/events/server.v3.stopped/90-checkheap"))).isEqualTo("event raise -d5000 usr.check.heap\n");
    }

    @Test
    void execRunsNewlineSeparatedCommandsWithoutEchoOrPrompt() throws Exception {
        OpenSsh.Result r = ssh.exec("admin", "echo one\nvfs echo 'two words' /store/exec.txt\nvfs cat /store/exec.txt\nfrob");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("one\r\ntwo words\r\nUnrecognised command\r\n");
    }

    @Test
    void passwordAndKeyLoginsAndAWrongPasswordRefused() throws Exception {
        module.core().config().set("password", "module", "s3cret pw");
        assertThat(ssh.password("s3cret pw").exec("anyone", "echo in").out()).isEqualTo("in\r\n");
        OpenSsh.Result wrong = new OpenSsh(dir, module.sshPort()).password("nope").exec("admin", "echo in");
        assertThat(wrong.exit()).isEqualTo(255);
        assertThat(wrong.err()).contains("Permission denied");
        module.core().config().set("password", "bob", "bobs");
        assertThat(new OpenSsh(dir, module.sshPort()).password("bobs").exec("bob", "echo bob").out()).isEqualTo("bob\r\n");

        Path key = dir.resolve("id_rsa");
        if (!Files.exists(key)) {
            Process kg = new ProcessBuilder("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-C", "test", "-f", key.toString())
                    .redirectErrorStream(true).start();
            assertThat(kg.waitFor()).isZero();
        }
        OpenSsh keyed = new OpenSsh(dir, module.sshPort()).identity(key);
        assertThat(keyed.exec("admin", "echo key").exit()).isEqualTo(255); // no ssh.keys.admin yet
        String pub = Files.readString(dir.resolve("id_rsa.pub"));
        module.core().config().set("ssh.keys", "admin", pub.split(" ")[1]);
        assertThat(keyed.exec("admin", "echo key").out()).isEqualTo("key\r\n");
        assertThat(keyed.exec("other", "echo key").exit()).isEqualTo(255); // keys are per user
    }

    @Test
    void openModuleAcceptsAnyPasswordButNotOnceKeysExist() throws Exception {
        assertThat(new OpenSsh(dir, module.sshPort()).password("whatever").exec("x", "echo open").out()).isEqualTo("open\r\n");
        module.core().config().set("ssh.keys", "admin", "AAAAB3NzaC1yc2EAAAADAQABAAABAQC7");
        assertThat(new OpenSsh(dir, module.sshPort()).password("whatever").exec("x", "echo open").exit()).isEqualTo(255);
    }

    @Test
    void scpUploadDownloadLimitsAndProtectedPaths() throws Exception {
        Path local = dir.resolve("up.txt");
        Files.writeString(local, "uploaded \"both\" 'quotes'\nline2\n");
        OpenSsh.Result up = ssh.scp(local.toString(), "admin@127.0.0.1:/store/scpdir/up.txt");
        assertThat(up.exit()).as(up.err()).isEqualTo(1); // /store/scpdir does not exist yet
        ssh.exec("admin", "vfs mkdir /store/scpdir");
        up = ssh.scp(local.toString(), "admin@127.0.0.1:/store/scpdir/up.txt");
        assertThat(up.exit()).as(up.err()).isZero();
        assertThat(ssh.exec("admin", "vfs cat /store/scpdir/up.txt").out()).isEqualTo("uploaded \"both\" 'quotes'\r\nline2\r\n");
        Path back = dir.resolve("down.txt");
        OpenSsh.Result down = ssh.scp("admin@127.0.0.1:/store/scpdir/up.txt", back.toString());
        assertThat(down.exit()).as(down.err()).isZero();
        assertThat(Files.readString(back)).isEqualTo(Files.readString(local));

        OpenSsh.Result prot = ssh.scp(local.toString(), "admin@127.0.0.1:/store/ovms_config/password");
        assertThat(prot.exit()).isNotZero();
        assertThat(prot.err()).contains("protected path");
        assertThat(ssh.scp("admin@127.0.0.1:/store/ovms_config/password", back.toString()).err()).contains("protected path");

        Path big = dir.resolve("big.bin");
        Files.write(big, new byte[10 * 1024 * 1024 + 1]);
        OpenSsh.Result tooBig = ssh.scp(big.toString(), "admin@127.0.0.1:/sd/big.bin");
        assertThat(tooBig.err()).contains("size unacceptable");
        assertThat(dir.resolve("sd/big.bin")).doesNotExist();
        Files.write(big, new byte[10 * 1024 * 1024]);
        assertThat(ssh.scp(big.toString(), "admin@127.0.0.1:/sd/big.bin").exit()).isZero();
        assertThat(Files.size(dir.resolve("sd/big.bin"))).isEqualTo(10 * 1024 * 1024);
        assertThat(ssh.scp(local.toString(), "admin@127.0.0.1:/store/../../escape.txt").exit()).isZero();
        assertThat(dir.resolve("escape.txt")).doesNotExist(); // FAT: the root's ".." is the root
        assertThat(dir.resolve("store/escape.txt")).exists();
    }

    @Test
    void twentyConcurrentShellSessions() throws Exception {
        List<Process> ps = new ArrayList<>();
        List<OpenSsh.Reader> rs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Process p = shell(ssh);
            ps.add(p);
            rs.add(new OpenSsh.Reader(p));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(rs.get(i).until("OVMS# ")).isEqualTo(BANNER);
        }
        assertThat(module.core().consoles()).hasSizeGreaterThanOrEqualTo(20);
        for (int i = 0; i < 20; i++) {
            OpenSsh.send(ps.get(i), "echo session-" + i + "\r");
        }
        for (int i = 0; i < 20; i++) {
            assertThat(rs.get(i).until("OVMS# ")).isEqualTo("echo session-" + i + "\r\r\nsession-" + i + "\r\nOVMS# ");
        }
        for (Process p : ps) {
            OpenSsh.send(p, "exit\r");
        }
        for (Process p : ps) {
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void firmware3_3_005AnswersVfsEchoWithUnrecognisedCommand() throws Exception {
        try (SimulatedModule old = SimulatedModule.builder().firmware("3.3.005").sshPort(0)
                .hostKeyFile(dir.resolve("store/ovms_config/ssh.server.key")).build().start()) {
            OpenSsh.Result r = new OpenSsh(dir, old.sshPort()).exec("admin", "vfs echo \"module check alert\" /store/x\nmodule check\nmodule check alert");
            assertThat(r.out()).isEqualTo("Unrecognised command\r\nUsage: vfs append|cat|cp|df|head|ls|mkdir|mv|rls|rm|rmdir|stat|tail\r\n"
                    + "Usage: module check \r\n");
            assertThat(old.storeDir().resolve("x")).doesNotExist();
        }
    }

    @Test
    void hostKeyIsKeptInTheStore() throws Exception {
        assertThat(ssh.exec("admin", "echo hi").out()).isEqualTo("hi\r\n"); // records the key in known_hosts
        String before = module.hostKeyFingerprint();
        assertThat(before).startsWith("SHA256:").hasSize(7 + 43);
        try (SimulatedModule again = SimulatedModule.builder().store(dir.resolve("store")).sd(dir.resolve("sd")).sshPort(0).build().start()) {
            assertThat(again.hostKeyFingerprint()).isEqualTo(before);
            Process kh = new ProcessBuilder("ssh-keygen", "-l", "-F", "[127.0.0.1]:" + module.sshPort(), "-f", dir.resolve("known_hosts").toString())
                    .redirectErrorStream(true).start();
            String listed = new String(kh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            kh.waitFor();
            assertThat(listed).contains(before).contains("RSA");
        }
    }

    @Test
    void tabCompletesAndTailFollowsUntilCtrlC() throws Exception {
        Process p = shell(ssh);
        OpenSsh.Reader r = new OpenSsh.Reader(p);
        r.until("OVMS# ");
        OpenSsh.send(p, "vfs ec\t");
        assertThat(r.until("vfs echo ")).isEqualTo("vfs echo ");
        OpenSsh.send(p, "follow /store/tail.txt\r");
        r.until("OVMS# ");
        OpenSsh.send(p, "vfs tail /store/tail.txt\r");
        assertThat(r.until("follow\r\n")).isEqualTo("vfs tail /store/tail.txt\r\r\n[tail: in follow mode, press Ctrl-C to abort]\r\nfollow\r\n");
        Files.writeString(dir.resolve("store/tail.txt"), "appended\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(r.until("appended\r\n")).isEqualTo("appended\r\n");
        OpenSsh.send(p, "\u0003");
        assertThat(r.until("OVMS# ")).isEqualTo("^C\r\nOVMS# ");
        OpenSsh.send(p, "vfs cat /sto\t");
        assertThat(r.until("/store/")).isEqualTo("vfs cat /store/");
        OpenSsh.send(p, "tail.t\t");
        assertThat(r.until("tail.txt ")).isEqualTo("tail.txt ");
        OpenSsh.send(p, "\r");
        assertThat(r.until("OVMS# ")).isEqualTo("\r\r\nfollow\r\nappended\r\nOVMS# ");
    }

    @Test
    void aNetworkRestartDropsSshSessions() throws Exception {
        Process p = shell(ssh);
        OpenSsh.Reader r = new OpenSsh.Reader(p);
        r.until("OVMS# ");
        OpenSsh.send(p, "sim event network.mgr.stop\r");
        assertThat(r.until("network.mgr.stop\r\n")).endsWith("Signalling event: network.mgr.stop\r\n");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ssh.exec("admin", "sim event wifi.down").out()).isEqualTo(
                "Error: wifi.down is not a network or power event; 'sim events' lists them\r\n");
    }

    @Test
    void dropAfterFaultCutsTheConnection() throws Exception {
        try (SimulatedModule faulty = SimulatedModule.builder().sshPort(0).fault(dev.fieldshell.shell.sim.Fault.parse("drop-after=2"))
                .hostKeyFile(dir.resolve("store/ovms_config/ssh.server.key")).build().start()) {
            Process p = new OpenSsh(dir, faulty.sshPort()).shell("admin");
            processes.add(p);
            OpenSsh.Reader r = new OpenSsh.Reader(p);
            r.until("OVMS# ");
            OpenSsh.send(p, "echo 1\r");
            r.until("OVMS# ");
            OpenSsh.send(p, "echo 2\r");
            r.until("OVMS# ");
            OpenSsh.send(p, "echo 3\r");
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(r.all()).doesNotContain("\r\n3\r\n");
        }
    }

    @Test
    void noSftpSubsystem() throws Exception {
        // what sftp does first: ask for the "sftp" subsystem
        ProcessBuilder pb = new ProcessBuilder("ssh", "-s", "-p", String.valueOf(module.sshPort()), "-F", "/dev/null",
                "-o", "HostKeyAlgorithms=+ssh-rsa", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=" + dir.resolve("known_hosts"),
                "-o", "PreferredAuthentications=password", "-o", "NumberOfPasswordPrompts=1", "admin@127.0.0.1", "sftp")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path askpass = dir.resolve("askpass-empty.sh");
        Files.writeString(askpass, "#!/bin/sh\necho\n");
        askpass.toFile().setExecutable(true);
        pb.environment().put("SSH_ASKPASS", askpass.toString());
        pb.environment().put("SSH_ASKPASS_REQUIRE", "force");
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isNotZero();
        assertThat(out).containsIgnoringCase("subsystem");
    }
}
