package dev.fieldshell.shell.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldshell.shell.sim.SimulatedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SerialLink through a socat pseudo-terminal pair to the simulator's USB console, where log lines
 * are always on and interleave with command output (§9).
 */
@Tag("host-tools")
class SerialLinkTest {

    @TempDir
    Path tmp;

    private Process socat(Path link, String simPty) throws Exception {
        Process p = new ProcessBuilder("socat", "PTY,link=" + link + ",raw,echo=0", simPty + ",raw,echo=0")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("socat.log").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(link); i++) {
            Thread.sleep(50);
        }
        assertThat(link).exists();
        return p;
    }

    @Test
    void commandOutputIsExactWhileLogLinesInterleave() throws Exception {
        try (SimulatedModule m = SimulatedModule.builder().serial(true).build().start()) {
            Path tty = tmp.resolve("ttyOVMS");
            Process socat = socat(tty, m.serialPath().orElseThrow());
            try (SerialLink link = SerialLink.open((TargetSpec.Serial) Targets.parse("serial:" + tty))) {
                // The UART shows no banner after boot: the firmware, which plans are rendered for, comes from m.version.
                assertThat(link.info().firmware()).isEqualTo("3.3.006-259-g1aa1daff1/ota_0/edge");
                List<String> logs = new CopyOnWriteArrayList<>();
                link.onLog(logs::add);
                Files.writeString(m.storeDir().resolve("nonl.txt"), "no final newline");
                assertThat(link.run("vfs echo \"module check\" /store/events/usr.t/00-check").output()).isEmpty();
                assertThat(link.run("vfs echo \"echo scripted\" /store/events/usr.t/10-echo").output()).isEmpty();
                List<String> outputs = new ArrayList<>();
                // Events every 50 ms, each running two scripts that log, while commands run.
                for (int i = 0; i < 20; i++) {
                    assertThat(link.run("event raise -d" + (50 * i) + " usr.t").output())
                            .isEqualTo(i == 0 ? "Raising event: usr.t\n" : "Raising event in " + (50 * i) + " ms: usr.t\n");
                }
                long until = System.nanoTime() + 8_000_000_000L;
                while (System.nanoTime() < until && logs.stream().filter(l -> l.contains("script: ")).count() < 30) {
                    outputs.add(link.run("vfs cat /store/nonl.txt").output());
                    outputs.add(link.run("echo a b").output());
                }
                assertThat(logs).anyMatch(l -> l.matches("I \\(\\d+\\) script: Running script /store/events/usr.t/00-check"));
                assertThat(logs).anyMatch(l -> l.matches("I \\(\\d+\\) script: .*Heap integrity OK.*"));
                for (int i = 0; i < outputs.size(); i += 2) {
                    assertThat(outputs.get(i)).isEqualTo("no final newline");
                    assertThat(outputs.get(i + 1)).isEqualTo("a\nb\n");
                }
                assertThat(outputs).hasSizeGreaterThan(4);
                assertThat(logs.stream().filter(l -> l.contains("script: ")).count()).isGreaterThanOrEqualTo(30);
            } finally {
                socat.destroy();
            }
        }
    }

    /** The USB console prints log lines while nothing runs (§1.2): they reach the listener then, not with the next command. */
    @Test
    void logLinesBetweenCommandsArriveAsTheModulePrintsThem() throws Exception {
        try (SimulatedModule m = SimulatedModule.builder().serial(true).build().start()) {
            Path tty = tmp.resolve("ttyIdle");
            Process socat = socat(tty, m.serialPath().orElseThrow());
            try (SerialLink link = SerialLink.open((TargetSpec.Serial) Targets.parse("serial:" + tty))) {
                List<String> logs = new CopyOnWriteArrayList<>();
                link.onLog(logs::add);
                assertThat(link.run("vfs echo \"echo later\" /store/events/usr.idle/01-echo").output()).isEmpty();
                assertThat(link.run("event raise -d300 usr.idle").output()).isEqualTo("Raising event in 300 ms: usr.idle\n");
                long until = System.nanoTime() + 10_000_000_000L;
                while (System.nanoTime() < until && logs.stream().noneMatch(l -> l.endsWith("script: later"))) {
                    Thread.sleep(50); // no command meanwhile
                }
                assertThat(logs).anyMatch(l -> l.matches("I \\(\\d+\\) script: Running script /store/events/usr.idle/01-echo"))
                        .anyMatch(l -> l.matches("I \\(\\d+\\) script: later"));
                assertThat(link.run("echo after").output()).isEqualTo("after\n");
                assertThat(logs.stream().filter(l -> l.endsWith("script: later"))).as("each line once").hasSize(1);
            } finally {
                socat.destroy();
            }
        }
    }

    /** A console that starts not secure (a module password is set) cannot say its firmware until the user's enable. */
    @Test
    void theFirmwareIsLearnedOnceTheUserEnables() throws Exception {
        try (SimulatedModule m = SimulatedModule.builder().serial(true).password("pw").build().start()) {
            Path tty = tmp.resolve("ttyLocked");
            Process socat = socat(tty, m.serialPath().orElseThrow());
            try (SerialLink link = SerialLink.open((TargetSpec.Serial) Targets.parse("serial:" + tty))) {
                assertThat(link.info().secure()).isFalse();
                assertThat(link.info().firmware()).as("metrics is a secure command").isEmpty();
                assertThat(link.run("enable pw").output()).isEqualTo("Secure mode\n");
                assertThat(link.info().secure()).isTrue();
                assertThat(link.info().firmware()).isEqualTo("3.3.006-259-g1aa1daff1/ota_0/edge");
            } finally {
                socat.destroy();
            }
        }
    }

    @Test
    void aClosedPortIsOneClearLine() throws Exception {
        try (SimulatedModule m = SimulatedModule.builder().serial(true).build().start()) {
            Path tty = tmp.resolve("ttyGone");
            Process socat = socat(tty, m.serialPath().orElseThrow());
            try (SerialLink link = SerialLink.open((TargetSpec.Serial) Targets.parse("serial:" + tty))) {
                assertThat(link.run("echo up").output()).isEqualTo("up\n");
                socat.destroy();
                socat.waitFor();
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 5; i++) {
                        link.run("echo again");
                        Thread.sleep(200);
                    }
                }).isInstanceOf(LinkException.class).message().doesNotContain("\n").startsWith("serial:" + tty + ": ");
            }
        }
        assertThatThrownBy(() -> SerialLink.open((TargetSpec.Serial) Targets.parse("serial:" + tmp.resolve("nothing"))))
                .hasMessage("serial:" + tmp.resolve("nothing") + ": no such serial port " + tmp.resolve("nothing")
                        + " (is the cable plugged in?)");
    }
}
