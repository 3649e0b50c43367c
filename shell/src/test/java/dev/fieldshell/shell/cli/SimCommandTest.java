package dev.fieldshell.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fieldshell sim} as a process: what it prints, an OpenSSH exec against it, SIGTERM, bad options. */
class SimCommandTest {
    @TempDir
    Path dir;

    private ProcessBuilder fieldshell(String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        return pb;
    }

    @Test
    void printsWhereItListensServesSshAndStopsOnSigterm() throws Exception {
        Path store = dir.resolve("store");
        Process p = fieldshell("sim", "--ssh-port", "0", "--store", store.toString(), "--password=pw 1").start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder printed = new StringBuilder();
        int port = -1;
        String line;
        while ((line = out.readLine()) != null) {
            printed.append(line).append('\n');
            Matcher m = Pattern.compile("ssh: +127\\.0\\.0\\.1 port (\\d+)").matcher(line);
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
            }
            if (line.startsWith("Stop with Ctrl-C")) {
                break;
            }
        }
        assertThat(printed.toString()).startsWith("Simulated OVMS module, firmware 3.3.006-259-g1aa1daff1/ota_0/edge\n")
                .containsPattern("host key: ssh-rsa 2048 SHA256:[A-Za-z0-9+/]{43}\n")
                .contains("store:    " + store + "\n", "password: set\n");
        assertThat(port).isPositive();

        Path askpass = dir.resolve("askpass.sh");
        Files.writeString(askpass, "#!/bin/sh\necho 'pw 1'\n");
        askpass.toFile().setExecutable(true);
        ProcessBuilder ssh = new ProcessBuilder("ssh", "-p", String.valueOf(port), "-F", "/dev/null",
                "-o", "HostKeyAlgorithms=+ssh-rsa", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=" + dir.resolve("kh"),
                "-o", "PreferredAuthentications=password", "-o", "NumberOfPasswordPrompts=1", "admin@127.0.0.1", "config list password")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        ssh.environment().put("SSH_ASKPASS", askpass.toString());
        ssh.environment().put("SSH_ASKPASS_REQUIRE", "force");
        ssh.environment().put("HOME", dir.toString());
        Process s = ssh.start();
        String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(s.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(answer).isEqualTo("password (protected writeable)\r\n  module\r\n");

        p.destroy(); // SIGTERM
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(store.resolve("ovms_config/password")).exists();
        assertThat(Files.readString(store.resolve("ovms_config/password"))).contains("module=pw 1");
        assertThat(store.resolve("ovms_config/ssh.server.key")).exists();
    }

    /** With a key in ssh.keys and no password, a module refuses password logins: the start-up lines must not say "any login". */
    @Test
    void withAnAuthorizedKeyAndNoPasswordItSaysPasswordLoginsAreRefused() throws Exception {
        Path pub = Files.writeString(dir.resolve("id_rsa.pub"),
                "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 user@host\n");
        Process p = fieldshell("sim", "--ssh-port", "-1", "--authorized-key", "admin=" + pub).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        String passwordLine = null;
        while ((line = out.readLine()) != null && !line.startsWith("Stop with Ctrl-C")) {
            if (line.startsWith("  password: ")) {
                passwordLine = line;
            }
        }
        p.destroy();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(passwordLine).isEqualTo("  password: none; password logins are refused while ssh.keys is set (keys of admin)");
    }

    @Test
    void badOptionsAreOneLineAndExitTwo() throws Exception {
        for (String[] args : List.of(
                new String[] {"sim", "--fault", "explode=1"},
                new String[] {"sim", "--fault", "latency=soon"},
                new String[] {"sim", "--fault", "baud=0", "--serial"},
                new String[] {"sim", "--fault", "baud=115200"},
                new String[] {"sim", "--firmware", "banana"},
                new String[] {"sim", "--crash", "/dev/null"},
                new String[] {"sim", "--authorized-key", dir.resolve("missing.pub").toString()},
                new String[] {"sim", "--authorized-key", dir.toString()})) {
            Process p = fieldshell(args).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(String.join(" ", args) + ": " + err).isEqualTo(2);
            assertThat(err.lines().count()).as(err).isEqualTo(1);
            assertThat(err).startsWith("fieldshell: ").doesNotContain("Exception");
        }
    }

    /** 192.0.2.1 is TEST-NET-1, never an address of this machine: MINA's SEVERE log line must not come before ours. */
    @Test
    void anAddressThisMachineDoesNotHaveIsOneLine() throws Exception {
        Process p = fieldshell("sim", "--bind", "192.0.2.1", "--ssh-port", "0").start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isEqualTo(1);
        assertThat(err).isEqualTo("fieldshell: cannot listen on 192.0.2.1:0: Cannot assign requested address"
                + " (--bind must be an address of this machine, e.g. 127.0.0.1 or 0.0.0.0)\n");
    }
}
