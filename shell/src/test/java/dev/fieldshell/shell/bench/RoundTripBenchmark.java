package dev.fieldshell.shell.bench;

import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.Prompter;
import dev.fieldshell.shell.link.SshLink;
import dev.fieldshell.shell.link.SshSettings;
import dev.fieldshell.shell.link.TargetSpec;
import dev.fieldshell.shell.link.Targets;
import dev.fieldshell.shell.sim.SimulatedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Median round trip of {@code vfs stat} against one simulator in one run: SshLink on an open link
 * (shell channel with sentinel, and exec channel per command) versus OpenSSH's {@code ssh} exec
 * (a new connection per command, and over a ControlMaster connection that stays open).
 * Not a test: run it with
 * {@code mvn -B -o -pl shell -am test -Dsurefire.excludedGroups= -Dgroups=benchmark -Dtest=RoundTripBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * and read {@code shell/target/benchmarks/roundtrip.txt}.
 */
@Tag("benchmark")
class RoundTripBenchmark {

    private static final int LINK_RUNS = 300;
    private static final int SSH_RUNS = 40;

    @TempDir
    Path tmp;

    @Test
    void vfsStatRoundTrip() throws Exception {
        Path keys = Files.createDirectories(tmp.resolve("keys"));
        Path key = keys.resolve("id_rsa");
        run(List.of("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", key.toString()));
        String pub = Files.readString(keys.resolve("id_rsa.pub")).strip();
        Path ssh = Files.createDirectories(tmp.resolve("home/.ssh"));
        Files.copy(key, ssh.resolve("id_rsa"));
        SshSettings settings = new SshSettings(ssh, ssh.resolve("known_hosts"), ssh.resolve("config"), Optional.empty(),
                Duration.ofSeconds(10));
        List<String> report = new ArrayList<>();
        try (SimulatedModule m = SimulatedModule.builder().sshPort(0).authorizedKey("admin", pub).build().start()) {
            Files.writeString(m.storeDir().resolve("f.txt"), "x".repeat(1000));
            String cmd = "vfs stat /store/f.txt";
            Prompter trust = new Prompter() {
                public boolean confirm(String q) {
                    return true;
                }

                public Optional<String> secret(String p) {
                    return Optional.empty();
                }

                public void info(String l) {}
            };
            for (String framing : List.of("shell", "exec")) {
                try (SshLink link = SshLink.open((TargetSpec.Ssh) Targets.parse("ssh://admin@127.0.0.1:" + m.sshPort()
                        + "?framing=" + framing), settings, trust)) {
                    report.add(line("SshLink " + framing + " (open link)", time(LINK_RUNS, () -> link.run(cmd))));
                }
            }
            List<String> base = new ArrayList<>(List.of("ssh", "-q", "-p", String.valueOf(m.sshPort()), "-i", key.toString(),
                    "-o", "HostKeyAlgorithms=+ssh-rsa", "-o", "PubkeyAcceptedAlgorithms=+ssh-rsa", "-o", "BatchMode=yes",
                    "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=" + tmp.resolve("kh"), "-F", "/dev/null"));
            List<String> fresh = new ArrayList<>(base);
            fresh.addAll(List.of("admin@127.0.0.1", cmd));
            report.add(line("OpenSSH ssh exec (new connection each)", time(SSH_RUNS, () -> run(fresh))));
            Path ctl = tmp.resolve("cm");
            List<String> master = new ArrayList<>(base);
            master.addAll(List.of("-o", "ControlMaster=yes", "-o", "ControlPath=" + ctl, "-o", "ControlPersist=120", "-N", "-f",
                    "admin@127.0.0.1"));
            run(master);
            List<String> mux = new ArrayList<>(base);
            mux.addAll(List.of("-o", "ControlPath=" + ctl, "admin@127.0.0.1", cmd));
            report.add(line("OpenSSH ssh exec (ControlMaster, open link)", time(SSH_RUNS, () -> run(mux))));
            List<String> exit = new ArrayList<>(base);
            exit.addAll(List.of("-o", "ControlPath=" + ctl, "-O", "exit", "admin@127.0.0.1"));
            run(exit);
        }
        Path out = Path.of("target/benchmarks/roundtrip.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, report);
        report.forEach(System.out::println);
    }

    private interface Action {
        void run() throws Exception;
    }

    private static List<Long> time(int n, Action a) throws Exception {
        for (int i = 0; i < Math.min(10, n); i++) {
            a.run(); // warm-up
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            a.run();
            micros.add((System.nanoTime() - t) / 1000);
        }
        Collections.sort(micros);
        return micros;
    }

    private static String line(String what, List<Long> us) {
        return String.format("%-45s n=%4d  median %8.2f ms  p10 %8.2f ms  p90 %8.2f ms", what, us.size(),
                us.get(us.size() / 2) / 1000.0, us.get(us.size() / 10) / 1000.0, us.get(us.size() * 9 / 10) / 1000.0);
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new LinkException(String.join(" ", cmd) + " failed: " + new String(out));
        }
    }
}
