package dev.fieldshell.shell.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldshell.shell.sim.Fault;
import dev.fieldshell.shell.sim.SimulatedModule;
import dev.fieldshell.shell.sim.serial.SerialLine;
import dev.fieldshell.shell.sim.serial.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimLinkTest {
    @TempDir
    Path tmp;

    private SimulatedModule module;

    private SimLink open(SimulatedModule.Builder b) throws Exception {
        module = b.store(tmp.resolve("store")).sd(tmp.resolve("sd")).build().start();
        return module.link();
    }

    @AfterEach
    void close() {
        if (module != null) {
            module.close();
        }
    }

    private static String out(SimLink link, String cmd) throws LinkException {
        return link.run(cmd).output();
    }

    @Test
    void vfsEchoWritesVerbatimAndCreatesParents() throws Exception {
        SimLink link = open(SimulatedModule.builder());
        assertThat(out(link, "vfs echo \"module check alert\" /store/events/usr.check.heap/00-checkheap")).isEmpty();
        assertThat(Files.readString(tmp.resolve("store/events/usr.check.heap/00-checkheap"))).isEqualTo("module check alert\n");
        assertThat(out(link, "vfs echo 'a\\nb \"q\"' /store/x")).isEmpty();
        assertThat(out(link, "vfs cat /store/x")).isEqualTo("a\\nb \"q\"\n");
        assertThat(out(link, "vfs append more /store/nodir/x")).isEqualTo("Error: VFS target file cannot be opened\n");
        assertThat(out(link, "vfs stat /store/x")).isEqualTo("File /store/x size is 9 and digest "
                + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest("a\\nb \"q\"\n".getBytes())) + "\n");
        assertThat(out(link, "vfs ls /store/events")).matches("\\[DIR\\]     \\d\\d-\\w\\w\\w-\\d{4} \\d\\d:\\d\\d  usr.check.heap/\n");
    }

    @Test
    void vfsRmdirRemovesOnlyAnEmptyDirectoryUnlessRecursive() throws Exception {
        SimLink link = open(SimulatedModule.builder());
        out(link, "vfs echo a /store/events/x/00-a");
        assertThat(out(link, "vfs rmdir /store/events/x")).as("not empty").isEqualTo("Error: Could not remove VFS directory\n");
        assertThat(Files.readString(tmp.resolve("store/events/x/00-a"))).isEqualTo("a\n");
        assertThat(out(link, "vfs rmdir /store/events/nosuch")).isEqualTo("Error: Could not remove VFS directory\n");
        assertThat(out(link, "vfs rm /store/events/x/00-a")).isEqualTo("VFS File deleted\n");
        assertThat(out(link, "vfs rmdir /store/events/x")).isEqualTo("VFS directory removed\n");
        assertThat(out(link, "vfs ls /store/events")).isEmpty();
        out(link, "vfs echo b /store/events/y/00-b");
        assertThat(out(link, "vfs rmdir -r /store/events")).isEqualTo("VFS directory removed\n");
        assertThat(tmp.resolve("store/events")).doesNotExist();
    }

    @Test
    void aCommandOverA115200SerialLineTakesTheWireTimeOfEveryByteTheConsoleMoves() throws Exception {
        VirtualClock clock = new VirtualClock();
        SimLink link = open(SimulatedModule.builder().fault(Fault.parse("baud=115200")).lineClock(clock));
        SerialLine line = link.serialLine().orElseThrow();
        long t0 = clock.nanoTime();
        assertThat(out(link, "echo hello")).isEqualTo("hello\n");
        // In: "echo hello" and its CR, 11 bytes. Out: the echo of the 10 typed bytes (each sent as it
        // arrives, so hidden under the input), the Enter echo \r\r\n, "hello\r\n" and the prompt.
        assertThat(line.bytesIn()).isEqualTo(11);
        assertThat(line.bytesOut()).isEqualTo(10 + 3 + 7 + 6);
        assertThat(clock.nanoTime() - t0).isEqualTo(SerialLine.wireNanos(11 + 3 + 7 + 6, 115200));
        // One sleep for the line to arrive, one for the answer: paced per chunk, not per byte.
        assertThat(clock.sleeps()).isEqualTo(2);

        // Multi-line output: every \n goes out as \r\n. The next command starts when the last one ended.
        Files.writeString(tmp.resolve("store/three"), "a\nbb\nccc\n");
        long t1 = clock.nanoTime();
        assertThat(out(link, "vfs cat /store/three")).isEqualTo("a\nbb\nccc\n");
        assertThat(line.bytesIn()).isEqualTo(11 + 21);
        assertThat(line.bytesOut()).isEqualTo(26 + 20 + 3 + 12 + 6);
        assertThat(clock.nanoTime() - t1).isEqualTo(SerialLine.wireNanos(21 + 3 + 12 + 6, 115200));
        // A serial console has no scp.
        assertThat(link.canUpload()).isFalse();
        assertThatThrownBy(() -> link.upload("/store/x", new byte[] {1})).isInstanceOf(LinkException.class)
                .hasMessage("sim: /store/x: no scp over a serial console");
    }

    @Test
    void withoutALineRateTheLinkIsNotPaced() throws Exception {
        VirtualClock clock = new VirtualClock();
        SimLink link = open(SimulatedModule.builder().lineClock(clock));
        assertThat(out(link, "echo hello")).isEqualTo("hello\n");
        assertThat(link.serialLine()).isEmpty();
        assertThat(clock.sleeps()).isZero();
        assertThat(link.canUpload()).isTrue();
    }

    @Test
    void quotingErrorsAndDispatchAnswerAsTheModule() throws Exception {
        SimLink link = open(SimulatedModule.builder());
        assertThat(out(link, "vfs echo \"x\"y /store/a")).isEqualTo("ERROR:too many tokens or invalid quoting\n");
        assertThat(out(link, "echo \"open")).isEqualTo("ERROR:too many tokens or invalid quoting\n");
        assertThat(out(link, "frobnicate")).isEqualTo("Unrecognised command\n");
        assertThat(out(link, "vfs frob")).isEqualTo("Unrecognised command\nUsage: vfs append|cat|cp|df|echo|head|ls|mkdir|mv|rls|rm|rmdir|stat|tail\n");
        assertThat(out(link, "vfs")).startsWith("Subcommand required\nUsage: vfs append|");
        assertThat(out(link, "v e 'unique prefixes' /store/p")).isEmpty();
        assertThat(out(link, "vfs echo only-one")).isEqualTo("Usage: vfs echo <quoted line> <file>\n");
        assertThat(out(link, "vfs mkdir ?")).isEqualTo("Usage: vfs mkdir [-p] <path>\n-p = create full path including missing parents\n");
        assertThat(out(link, "echo")).isEqualTo("\n");
        assertThat(out(link, "echo a 'b c'")).isEqualTo("a\nb c\n");
        assertThat(out(link, "   echo lead")).isEqualTo("lead\n");
        String overlong = "echo " + "x".repeat(900);
        assertThat(out(link, overlong)).isEqualTo("x".repeat(799 - 5) + "\n");
        assertThat(out(link, "echo a\u0007b\u0000\u001bcd")).isEqualTo("abd\n"); // control chars dropped; ESC eats the next byte
    }

    @Test
    void pathsNeverLeaveTheVolumes() throws Exception {
        SimLink link = open(SimulatedModule.builder());
        Files.writeString(tmp.resolve("outside"), "secret\n");
        Files.createSymbolicLink(tmp.resolve("store/link"), tmp);
        assertThat(out(link, "vfs cat /store/../outside")).isEqualTo("Error: VFS file cannot be opened\n");
        assertThat(out(link, "vfs cat /store/link/outside")).isEqualTo("Error: VFS file cannot be opened\n");
        assertThat(out(link, "vfs cat /etc/passwd")).isEqualTo("Error: VFS file cannot be opened\n");
        assertThat(out(link, "vfs echo x /store/../../escape")).isEmpty(); // FAT: ".." of the root is the root
        assertThat(tmp.resolve("escape")).doesNotExist();
        assertThat(tmp.resolve("store/escape")).exists();
        assertThat(out(link, "vfs echo x /tmp/escape")).isEqualTo("Error: VFS target file cannot be opened\n");
        assertThat(out(link, "vfs echo x /store/link/escape")).isEqualTo("Error: VFS target file cannot be opened\n");
        assertThat(out(link, "vfs cat /store/ovms_config/password")).isEqualTo("Error: protected path\n");
        assertThat(out(link, "vfs echo x /store/ovms_config/password")).isEqualTo("Error: protected path\n");
        assertThat(out(link, "vfs cat /STORE/../store/Escape")).isEqualTo("Error: VFS file cannot be opened\n");
        assertThat(out(link, "vfs cat /store/ESCAPE")).isEqualTo("x\n"); // FAT names are case-insensitive
        // A link reached through another case is still a link; a directory in another case is still the directory.
        assertThat(out(link, "vfs echo x /store/LINK/escape")).isEqualTo("Error: VFS target file cannot be opened\n");
        assertThat(out(link, "vfs cat /store/Link/outside")).isEqualTo("Error: VFS file cannot be opened\n");
        assertThat(out(link, "vfs echo deep /store/events/usr.x/00-a")).isEmpty();
        assertThat(out(link, "vfs cat /store/EVENTS/USR.X/00-A")).isEqualTo("deep\n");
        assertThat(out(link, "vfs echo more /store/Events/new.dir/01-b")).isEmpty();
        assertThat(tmp.resolve("store/events/new.dir/01-b")).hasContent("more");
        assertThat(out(link, "vfs cat /store/nothing/here/at/all")).isEqualTo("Error: VFS file cannot be opened\n");
        assertThatThrownBy(() -> link.upload("/store/ovms_config/x", new byte[1])).hasMessageContaining("protected path");
        assertThatThrownBy(() -> link.upload("/store/big", new byte[10 * 1024 * 1024 + 1])).hasMessageContaining("size unacceptable");
    }

    @Test
    void firmware3_3_005HasNoVfsEchoNoAlertNoTrace() throws Exception {
        SimLink link = open(SimulatedModule.builder().firmware("3.3.005-52-g1234567/ota_1/main").tracing(true));
        assertThat(out(link, "vfs echo x /store/x")).startsWith("Unrecognised command\nUsage: vfs append|cat|cp|df|head|");
        assertThat(out(link, "module check")).isEmpty();
        assertThat(out(link, "module check alert")).isEqualTo("Usage: module check \n");
        assertThat(out(link, "module trace start")).startsWith("Unrecognised command\n");
    }

    @Test
    void eventScriptsRunInByteOrderAfterTheDelayAndLogOneLine() throws Exception {
        SimLink link = open(SimulatedModule.builder());
        List<String> log = new CopyOnWriteArrayList<>();
        link.onLog(log::add);
        out(link, "vfs echo \"echo nine\" /store/events/usr.t/9-x");
        out(link, "vfs echo \"echo ten\" /store/events/usr.t/10-x");
        Files.writeString(tmp.resolve("store/events/usr.t/20-two"), "echo one\necho two\n");
        Files.writeString(tmp.resolve("store/events/usr.t/30.js"), "print('x')\n");
        assertThat(out(link, "event raise -d300 usr.t")).isEqualTo("Raising event in 300 ms: usr.t\n");
        waitFor(log, "script: nine");
        List<String> script = log.stream().filter(l -> l.contains(" script: ")).map(l -> l.substring(l.indexOf(" script: "))).toList();
        assertThat(script).containsExactly(
                " script: Running script /store/events/usr.t/10-x", " script: ten",
                " script: Running script /store/events/usr.t/20-two", " script: one|two",
                " script: Running script /store/events/usr.t/30.js",
                " script: Running script /store/events/usr.t/9-x", " script: nine");
        assertThat(out(link, "event raise usr.other")).isEqualTo("Raising event: usr.other\n");
        assertThat(out(link, "event raise -x usr.other")).isEqualTo("Usage: event raise [-d<delay_ms>] <event>\n");
    }

    @Test
    void seedHeapCheckSetupAlertsOnceAfterServerStop() throws Exception {
        SimLink link = open(SimulatedModule.builder());
        List<String> log = new CopyOnWriteArrayList<>();
        link.onLog(log::add);
        out(link, "vfs echo \"module check alert\" /store/events/usr.check.heap/00-checkheap");
        out(link, "vfs echo \"event raise -d500 usr.check.heap\" /store/events/server.v2.stopped/90-checkheap");
        assertThat(out(link, "module check")).isEqualTo("Heap integrity OK\n");
        assertThat(out(link, "test heapcorruption keep")).isEqualTo("""
                Initial check of heap integrity...
                OK, corrupting heap integrity now at address 0x3f8e44f0, canary 0xbaad5678
                Check heap integrity...
                CHECK SUCCEEDED: corruption was detected (expected result):
                CORRUPT HEAP: Bad tail at 0x3f8e44f0 owner 0x3ffea9bc. Expected 0xbaad5678 got 0xbaad5600
                Keeping test corruption in place (testing module heap alert).
                Done.
                """);
        assertThat(out(link, "server v2 stop")).isEqualTo("Stopping OVMS Server V2 connection (oscv2)\n");
        waitFor(log, "script: Heap corrupted, alert sent");
        assertThat(module.alerts()).containsExactly("Heap corruption detected, reboot advised ASAP!\n"
                + "Please forward including task records and system log:\n\n"
                + "CORRUPT HEAP: Bad tail at 0x3f8e44f0 owner 0x3ffea9bc. Expected 0xbaad5678 got 0xbaad5600\n");
        assertThat(out(link, "module check alert")).isEqualTo("Heap corrupted\n");
        assertThat(out(link, "module check")).isEqualTo("CORRUPT HEAP: Bad tail at 0x3f8e44f0 owner 0x3ffea9bc. Expected 0xbaad5678 got 0xbaad5600\n");
        assertThat(out(link, "server v2 stop")).isEqualTo("OVMS v2 server has not been started\n");
    }

    @Test
    void faultCorruptsHeapOnEventAndDropsAfterCommands() throws Exception {
        SimLink link = open(SimulatedModule.builder().fault(Fault.parse("corrupt-heap-on=usr.boom")).fault(Fault.parse("drop-after=4")));
        List<String> log = new CopyOnWriteArrayList<>();
        link.onLog(log::add);
        assertThat(out(link, "module check")).isEqualTo("Heap integrity OK\n");
        out(link, "event trace on");
        out(link, "event raise usr.boom");
        waitFor(log, "events: Signal(usr.boom)");
        // The signal is logged before its listeners run; the fault's own line comes after the corruption.
        waitFor(log, "fault: heap corrupted on usr.boom");
        assertThat(out(link, "module check")).startsWith("CORRUPT HEAP: Bad tail");
        assertThatThrownBy(() -> link.run("echo five")).isInstanceOf(LinkException.class);
    }

    @Test
    void secureCommandsNeedEnableOnANonSecureConsole() throws Exception {
        SimLink link = open(SimulatedModule.builder().password("pw1"));
        assertThat(out(link, "disable")).isEmpty();
        assertThat(out(link, "vfs ls /store")).isEqualTo("Error: Secure command requires 'enable' mode\n");
        assertThat(out(link, "vfs")).isEqualTo("Subcommand required\nAll subcommands require 'enable' mode\n");
        assertThat(out(link, "boot clear")).isEqualTo("Boot status data has been cleared.\n");
        assertThat(out(link, "?")).doesNotContain("vfs").contains("enable               Enter secure mode");
        assertThat(out(link, "enable pw1")).isEqualTo("Secure mode\n");
        assertThat(link.info().secure()).isTrue();
        assertThat(out(link, "config list password")).isEqualTo("password (protected writeable)\n  module\n");
        assertThat(out(link, "config set ssh.info x y")).isEqualTo("Error: parameter is not writeable\n");
        assertThat(out(link, "config set module debug.heap.alert yes")).isEqualTo("Parameter has been set.\n");
        assertThat(out(link, "config list module")).isEqualTo("module (readable)\n  debug.heap.alert: yes\n");
    }

    @Test
    void heapTraceDumpShowsTheLeakingChainInTheV33Format() throws Exception {
        // no server connection at boot: its TLS handshake (100 ms after start) could land inside the trace under load
        SimLink link = open(SimulatedModule.builder().tracing(true).serverV2AtBoot(false));
        assertThat(out(link, "module trace stop")).isEqualTo("Heap tracing not started\n");
        assertThat(out(link, "module trace start 200")).matches("Heap tracing started at ccount 0x[0-9a-f]{8} = logtime \\d+, recording 200 allocations\n");
        assertThat(out(link, "sim tls 3")).isEqualTo("Simulated 3 TLS handshake(s)\n");
        assertThat(out(link, "module trace pause")).matches("Heap tracing paused, recorded \\d+/200 allocations\n");
        String dump = out(link, "module trace dump");
        assertThat(dump).startsWith("Heap tracing started/resumed at ccount 0x");
        assertThat(dump).containsPattern("\n\\d+ allocations trace \\(200 entry buffer\\)\n");
        assertThat(dump).containsPattern("\n168 bytes \\(@ 0x3ff[0-9a-f]{5}\\) allocated CPU [01] ccount 0x[0-9a-f]{8} caller 0x401b7a3e:0x400f1c7d:0x400f1d19:0x401c48b6\n");
        assertThat(dump.split("caller 0x401b7a3e:0x400f1c7d", -1)).hasSize(1 + 3 * 4);
        assertThat(dump).containsPattern("\ntotal allocations \\d+ total frees \\d+\n$");
        SimLink plain = link;
        assertThat(plain.run("module trace start").output()).isEqualTo("ERROR: heap tracing already started, stop before restart\n");
    }

    @Test
    void withoutTracingBuildTraceIsUnavailable() throws Exception {
        SimLink link = open(SimulatedModule.builder());
        assertThat(out(link, "module trace start")).isEqualTo("ERROR: Heap tracing not available (needs CONFIG_HEAP_TRACING=Y)\n");
    }

    @Test
    void bootStatusReportsALoadedCrash() throws Exception {
        Path crash = tmp.resolve("crash.txt");
        Files.writeString(crash, """
                Last boot was 318 second(s) ago
                  This is reset #5 since last power cycle
                  Detected boot reason: Crash (12/12)
                  Reset reason: Exception/panic (4)
                  Crash counters: 5 total, 0 early

                Last crash: LoadProhibited exception on core 1
                  Registers:
                  PC      : 0x4028fbea  PS      : 0x00060230  A0      : 0x801e1f9d  A1      : 0x3ffc8e00
                  Backtrace:
                  0x4028fbea 0x401e1f9a 0x4008dd5e
                  Version: 3.3.006/ota_0/main (build idf v3.3.4-849-g6e214dc335 May 17 2026 18:50:54, product v3.3)

                  Hardware: OVMS WIFI BLE BT cores=2 rev=ESP32/3; MODEM SIM7600
                """, StandardCharsets.UTF_8);
        SimLink link = open(SimulatedModule.builder().crash(crash));
        String status = out(link, "boot status");
        assertThat(status).contains("  Reset reason: Exception/panic (4)\n  Crash counters: 5 total, 0 early\n  Auto init level: Full\n\n"
                + "Last crash: LoadProhibited exception on core 1\n  Registers:\n  PC      : 0x4028fbea");
        assertThat(status).endsWith("  0x4028fbea 0x401e1f9a 0x4008dd5e\n  Version: 3.3.006/ota_0/main (build idf v3.3.4-849-g6e214dc335 May 17 2026 18:50:54, product v3.3)\n\n"
                + "  Hardware: OVMS WIFI BLE BT cores=2 rev=ESP32/3; MODEM SIM7600\n");
        assertThat(out(link, "boot clear")).isEqualTo("Boot status data has been cleared.\n");
        assertThat(out(link, "boot")).doesNotContain("Last crash");
    }

    @Test
    void periodicCheckReadsDebugHeapAlertNotDebugHeapAndTheEventComesOnce() throws Exception {
        SimLink link = open(SimulatedModule.builder());
        List<String> log = new CopyOnWriteArrayList<>();
        link.onLog(log::add);
        out(link, "event trace on");
        out(link, "test heapcorruption keep");
        assertThat(out(link, "config set module debug.heap yes")).isEqualTo("Parameter has been set.\n"); // accepted, and ineffective
        out(link, "event raise ticker.300");
        out(link, "event raise usr.marker1");
        waitFor(log, "Signal(usr.marker1)");
        assertThat(module.alerts()).isEmpty();
        out(link, "config set module debug.heap.alert yes");
        out(link, "event raise ticker.300");
        out(link, "event raise usr.marker2");
        waitFor(log, "Signal(usr.marker2)");
        assertThat(module.alerts()).hasSize(1);
        out(link, "module check");
        out(link, "module check");
        out(link, "event raise usr.marker3");
        waitFor(log, "Signal(usr.marker3)");
        assertThat(log.stream().filter(l -> l.endsWith("events: Signal(system.heap.corrupted)"))).hasSize(1);
        assertThat(out(link, "event list ticker")).isEqualTo("ticker.300:  module\n");
    }

    /** Once the followed tail has shown "first", appends "second" to the file, and once that shows, sends Ctrl-C. */
    private Thread appendSecondThenInterrupt(SimLink link, StringBuffer seen) {
        return Thread.ofVirtual().start(() -> {
            try {
                while (!seen.toString().contains("first")) {
                    Thread.sleep(20);
                }
                Files.writeString(tmp.resolve("store/log.txt"), "second\n", java.nio.file.StandardOpenOption.APPEND);
                while (!seen.toString().contains("second")) {
                    Thread.sleep(20);
                }
                link.interrupt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void streamFollowsATailUntilInterrupted() throws Exception {
        SimLink link = open(SimulatedModule.builder());
        out(link, "vfs echo first /store/log.txt");
        assertThat(out(link, "vfs tail /store/log.txt")).isEqualTo("first\n"); // no follow mode on an exec-like console
        StringBuffer seen = new StringBuffer();
        Thread appender = appendSecondThenInterrupt(link, seen);
        CommandResult r = link.stream("vfs tail /store/log.txt", seen::append);
        appender.join();
        assertThat(r.output()).isEqualTo("[tail: in follow mode, press Ctrl-C to abort]\nfirst\nsecond\n^C\n");
        assertThat(out(link, "echo after")).isEqualTo("after\n");
    }

    /**
     * Over a paced line a followed tail moves what the USB console would print: no prompt while it
     * follows, everything it printed until Ctrl-C, and then the one prompt.
     */
    @Test
    void aFollowedTailOverASerialLineTakesTheWireTimeOfWhatItPrinted() throws Exception {
        VirtualClock clock = new VirtualClock();
        SimLink link = open(SimulatedModule.builder().fault(Fault.parse("baud=115200")).lineClock(clock));
        SerialLine line = link.serialLine().orElseThrow();
        out(link, "vfs echo first /store/log.txt");
        long before = line.bytesOut();
        StringBuffer seen = new StringBuffer();
        Thread appender = appendSecondThenInterrupt(link, seen);
        String command = "vfs tail /store/log.txt";
        CommandResult r = link.stream(command, seen::append);
        appender.join();
        assertThat(r.output()).isEqualTo("[tail: in follow mode, press Ctrl-C to abort]\nfirst\nsecond\n^C\n");
        // The echo of the command, the Enter echo \r\r\n, the output with CRLF line ends, one prompt.
        assertThat(line.bytesOut() - before).isEqualTo(command.length() + 3 + SerialLine.crlfBytes(r.output()) + "OVMS# ".length());
    }

    /** {@code run} (3.3.006, edge 3.3.005-723) answers at once and carries the command out in the background (§5.2). */
    @Test
    void runAnswersAtOnceAndCarriesTheCommandOutInTheBackground() throws Exception {
        SimLink link = open(SimulatedModule.builder());
        assertThat(out(link, "run vfs echo \"written in the background\" /store/bg/out.txt")).isEqualTo("Background execution started.\n");
        Path written = tmp.resolve("store/bg/out.txt");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(written) && Files.readString(written).endsWith("\n")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(written).content().isEqualTo("written in the background\n");
        assertThat(out(link, "run")).startsWith("Usage: run ");
        out(link, "disable");
        assertThat(out(link, "run echo x")).isEqualTo("Error: Secure command requires 'enable' mode\n");
    }

    static void waitFor(List<String> log, String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (log.stream().anyMatch(l -> l.contains(fragment))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no log line containing <" + fragment + "> in " + log);
    }
}
