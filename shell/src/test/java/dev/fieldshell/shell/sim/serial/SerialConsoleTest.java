package dev.fieldshell.shell.sim.serial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.shell.sim.SimulatedModule;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The async console on the simulator's pseudo-terminal, reached through a second pseudo-terminal
 * that socat links to it, as a user's serial terminal would open a USB port.
 */
@Tag("host-tools")
class SerialConsoleTest {
    @TempDir
    Path dir;

    /** A terminal on the far side of socat. */
    static final class Port implements AutoCloseable {
        final Process socat;
        final FileOutputStream out;
        final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int mark;

        Port(String slave, Path link) throws Exception {
            socat = new ProcessBuilder("socat", "PTY,link=" + link + ",raw,echo=0", slave + ",raw,echo=0")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(link) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            InputStream in = new FileInputStream(link.toFile());
            out = new FileOutputStream(link.toFile());
            Thread.ofVirtual().start(() -> {
                byte[] b = new byte[1024];
                try {
                    int n;
                    while ((n = in.read(b)) >= 0) {
                        synchronized (buf) {
                            buf.write(b, 0, n);
                            buf.notifyAll();
                        }
                    }
                } catch (IOException ignored) {
                    // closed
                }
            });
        }

        void send(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        String until(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            synchronized (buf) {
                while (true) {
                    String s = buf.toString(StandardCharsets.ISO_8859_1).substring(mark);
                    int at = s.indexOf(text);
                    if (at >= 0) {
                        mark += at + text.length();
                        return s.substring(0, at + text.length());
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("waited for <" + text + ">, got <" + s + ">");
                    }
                    buf.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
            socat.destroy();
        }
    }

    @Test
    void asyncConsoleOnAPseudoTerminal() throws Exception {
        try (SimulatedModule m = SimulatedModule.builder().store(dir.resolve("store")).sd(dir.resolve("sd")).serial(true).build().start();
                Port port = new Port(m.serialPath().orElseThrow(), dir.resolve("ttyClient"))) {
            assertThat(m.serialPath().orElseThrow()).startsWith("/dev/");
            assertThat(port.until("OVMS# ")).isEqualTo("\r\nWelcome to the Open Vehicle Monitoring System (OVMS) - Async Console\r\n"
                    + "Firmware: 3.3.006-259-g1aa1daff1/ota_0/edge\r\nHardware: OVMS WIFI BLE BT cores=2 rev=ESP32/3; MODEM SIM7600\r\n\r\r\nOVMS# ");
            port.send("\r");
            assertThat(port.until("OVMS# ")).isEqualTo("\r\r\nOVMS# ");
            port.send("echo crlf\r\n"); // CR+LF in one read is one Enter on the UART
            assertThat(port.until("OVMS# ")).isEqualTo("echo crlf\r\r\ncrlf\r\nOVMS# ");
            port.send("echo lf\n");
            assertThat(port.until("OVMS# ")).isEqualTo("echo lf\r\r\nlf\r\nOVMS# ");
            port.send("exit\r");
            assertThat(port.until("OVMS# ")).isEqualTo("exit\r\r\nThis console cannot exit.\r\nOVMS# ");
            port.send("event trace on\r");
            port.until("OVMS# ");
            port.send("event raise usr.serial\r"); // logs always show on the UART, no 'log monitor' needed
            assertThat(port.until("\033[0m")).matches("(?s)event raise usr.serial\r\r\nRaising event: usr.serial\r\nOVMS# "
                    + "\r\033\\[K\033\\[0;32mI \\(\\d+\\) events: Signal\\(usr.serial\\)\033\\[0m");
            assertThat(port.until("OVMS# \033[K")).isEqualTo("\r\r\nOVMS# \033[K");
        }
    }

    @Test
    void at115200BaudEveryByteEachWayTakesItsWireTimeTheEchoAsItArrives() throws Exception {
        VirtualClock clock = new VirtualClock();
        try (SimulatedModule m = SimulatedModule.builder().store(dir.resolve("store")).sd(dir.resolve("sd")).serial(true)
                        .fault(dev.fieldshell.shell.sim.Fault.parse("baud=115200")).lineClock(clock).build().start();
                Port port = new Port(m.serialPath().orElseThrow(), dir.resolve("ttyPaced"))) {
            int banner = port.until("OVMS# ").length();
            // The banner left when its last byte had crossed the wire.
            assertThat(clock.nanoTime()).isEqualTo(SerialLine.wireNanos(banner, 115200));
            port.send("echo hi\r");
            assertThat(port.until("OVMS# ")).isEqualTo("echo hi\r\r\nhi\r\nOVMS# ");
            // 8 bytes in; their echo goes out as they arrive, so the answer ends 3 + 4 + 6 bytes after the CR:
            // the Enter echo, "hi\r\n" and the prompt.
            assertThat(clock.nanoTime()).isEqualTo(SerialLine.wireNanos(banner + 8 + 3 + 4 + 6, 115200));
        }
    }

    /**
     * A module that logs faster than a slow line carries: every log line still reaches the far end,
     * in order, because the writers wait for the wire (as the console task waits in {@code fwrite}).
     */
    @Test
    void heavyLoggingOnASlowLineLosesNothing() throws Exception {
        HeldClock clock = new HeldClock();
        int lines = 3000;
        try (SimulatedModule m = SimulatedModule.builder().store(dir.resolve("store")).sd(dir.resolve("sd")).serial(true)
                        .fault(dev.fieldshell.shell.sim.Fault.parse("baud=300")).lineClock(clock).build().start();
                Port port = new Port(m.serialPath().orElseThrow(), dir.resolve("ttySlow"))) {
            Thread logger = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < lines; i++) {
                    m.core().log().info("storm", "line " + i);
                }
            });
            // The line stands still (no wire time passes) until the module has logged everything or waits for the wire.
            while (logger.isAlive() && clock.sleepers() < 2) {
                Thread.sleep(10);
            }
            clock.release();
            logger.join();
            String out = port.until("storm: line " + (lines - 1) + "\033[0m");
            List<Integer> seen = Pattern.compile("storm: line (\\d+)").matcher(out).results().map(r -> Integer.parseInt(r.group(1))).toList();
            assertThat(seen).isEqualTo(IntStream.range(0, lines).boxed().toList());
        }
    }

    @Test
    void logMessagesThatFindTheQueueFullWhileACommandRunsAreCountedExactly() throws Exception {
        try (SimulatedModule m = SimulatedModule.builder().store(dir.resolve("store")).sd(dir.resolve("sd")).serial(true).build().start();
                Port port = new Port(m.serialPath().orElseThrow(), dir.resolve("ttyBusy"))) {
            port.until("OVMS# ");
            port.send("vfs echo hello /store/t.txt\r");
            port.until("OVMS# ");
            // a command that keeps running (follow mode) until Ctrl-C: the console is busy, logs wait in its queue
            port.send("vfs tail /store/t.txt\r");
            port.until("press Ctrl-C to abort]\r\nhello\r\n");
            for (int i = 0; i < 250; i++) {
                m.core().log().info("storm", "line " + i);
            }
            port.send("\u0003");
            String out = port.until("log messages lost]");
            // the first 100 wait in the queue and are shown in order; the 150 that found it full are counted
            List<Integer> seen = Pattern.compile("storm: line (\\d+)").matcher(out).results().map(r -> Integer.parseInt(r.group(1))).toList();
            assertThat(seen).isEqualTo(IntStream.range(0, 100).boxed().toList());
            assertThat(out).endsWith("\033[33m[150 log messages lost]");
        }
    }

    @Test
    void withAModulePasswordTheUartStartsNotSecure() throws Exception {
        try (SimulatedModule m = SimulatedModule.builder().store(dir.resolve("store")).sd(dir.resolve("sd")).serial(true).password("pw").build().start();
                Port port = new Port(m.serialPath().orElseThrow(), dir.resolve("ttyClient2"))) {
            assertThat(port.until("OVMS> ")).endsWith("\r\r\nOVMS> ");
            port.send("vfs ls /store\r");
            assertThat(port.until("OVMS> ")).isEqualTo("vfs ls /store\r\r\nError: Secure command requires 'enable' mode\r\nOVMS> ");
            port.send("enable\r");
            assertThat(port.until("Password:")).isEqualTo("enable\r\r\nPassword:");
            port.send("pw\r");
            assertThat(port.until("OVMS# ")).isEqualTo("\r\nSecure mode\r\nOVMS# ");
        }
    }
}
