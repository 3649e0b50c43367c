package dev.fieldshell.shell.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.shell.link.ConsoleFramer.Event;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Byte sequences from ovms-console.md §1, §2 and §9, fed whole and one character at a time. */
class ConsoleFramerTest {

    private static final String BANNER = "\r\nWelcome to the Open Vehicle Monitoring System (OVMS) - SSH Console\r\n"
            + "Firmware: 3.3.006-259-g1aa1daff1/ota_0/edge\r\nHardware: OVMS WIFI BLE BT cores=2 rev=ESP32/3; MODEM SIM7600\r\n\r\r\nOVMS# ";

    private record Split(String output, List<String> logs, List<Event.End> ends) {}

    private static Split feed(ConsoleFramer f, String wire, boolean byChar) {
        List<Event> evs = new ArrayList<>();
        if (byChar) {
            for (char c : wire.toCharArray()) {
                evs.addAll(f.feed(String.valueOf(c)));
            }
        } else {
            evs.addAll(f.feed(wire));
        }
        StringBuilder out = new StringBuilder();
        List<String> logs = new ArrayList<>();
        List<Event.End> ends = new ArrayList<>();
        for (Event e : evs) {
            switch (e) {
                case Event.Output o -> out.append(o.text());
                case Event.Log l -> logs.add(l.line());
                case Event.End en -> ends.add(en);
            }
        }
        return new Split(out.toString(), logs, ends);
    }

    @Test
    void sshRoundTripGivesExactlyTheOutput() {
        for (boolean byChar : new boolean[] {false, true}) {
            ConsoleFramer f = new ConsoleFramer();
            Split banner = feed(f, BANNER, byChar);
            assertThat(banner.logs()).contains("Firmware: 3.3.006-259-g1aa1daff1/ota_0/edge");
            assertThat(f.partialLine()).isEqualTo("OVMS# ");
            f.commandSent(7);
            Split s = feed(f, "vfs stat /store/a\r\r\nFile /store/a size is 3 and digest 0cc175b9c0f1b6a831c399e269772661\r\n"
                    + "OVMS# echo __END_7__\r\r\n__END_7__\r\nOVMS# ", byChar);
            assertThat(s.output()).isEqualTo("File /store/a size is 3 and digest 0cc175b9c0f1b6a831c399e269772661\n");
            assertThat(s.ends()).containsExactly(new Event.End(7, true));
            assertThat(s.logs()).isEmpty();
        }
    }

    @Test
    void outputWithoutFinalNewlineEmptyOutputAndPromptTextInsideOutput() {
        ConsoleFramer f = new ConsoleFramer();
        feed(f, BANNER, false);
        f.commandSent(1);
        Split s = feed(f, "vfs cat /store/x\r\r\nline OVMS# one\r\nno newlineOVMS# echo __END_1__\r\r\n__END_1__\r\nOVMS# ", true);
        assertThat(s.output()).isEqualTo("line OVMS# one\nno newline");
        f.commandSent(2);
        Split empty = feed(f, "vfs echo x /store/y\r\r\nOVMS# echo __END_2__\r\r\n__END_2__\r\nOVMS# ", false);
        assertThat(empty.output()).isEmpty();
        assertThat(empty.ends()).hasSize(1);
    }

    @Test
    void notSecureSentinelErrorStillEndsTheCommand() {
        ConsoleFramer f = new ConsoleFramer();
        feed(f, "OVMS> ", false);
        f.commandSent(3);
        Split s = feed(f, "boot status\r\r\nLast boot was 3 second(s) ago\r\nOVMS> echo __END_3__\r\r\n"
                + "Error: Secure command requires 'enable' mode\r\nOVMS> ", false);
        assertThat(s.output()).isEqualTo("Last boot was 3 second(s) ago\n");
        assertThat(s.ends()).containsExactly(new Event.End(3, false));
    }

    @Test
    void serialLogLinesAreSeparatedAndOutputOnTheErasedLineIsKept() {
        for (boolean byChar : new boolean[] {false, true}) {
            ConsoleFramer f = new ConsoleFramer();
            feed(f, "\r\nOVMS# ", false);
            f.commandSent(9);
            String wire = "vfs cat /store/nonl\r\r\nabc"
                    + "OVMS# ech"
                    + "\r\u001b[K\u001b[0;32mI (123456) script: Running script /store/events/usr.check.heap/00-checkheap\u001b[0m"
                    + "\r\n\u001b[0;31mE (123460) events: something failed\u001b[0m"
                    + "\r\nOVMS# ech\u001b[K"
                    + "o __END_9__\r\r\n__END_9__\r\nOVMS# ";
            Split s = feed(f, wire, byChar);
            assertThat(s.output()).as("byChar=" + byChar).isEqualTo("abc");
            assertThat(s.logs()).containsExactly(
                    "I (123456) script: Running script /store/events/usr.check.heap/00-checkheap",
                    "E (123460) events: something failed");
            assertThat(s.ends()).containsExactly(new Event.End(9, true));
        }
    }

    @Test
    void interruptedFollowModeEndsAtTheInterruptSentinel() {
        ConsoleFramer f = new ConsoleFramer();
        feed(f, "OVMS# ", false);
        f.commandSent(4);
        Split running = feed(f, "vfs tail /store/log\r\r\n[tail: in follow mode, press Ctrl-C to abort]\r\nline 1\r\n", false);
        assertThat(running.output()).isEqualTo("[tail: in follow mode, press Ctrl-C to abort]\nline 1\n");
        f.sentinelSent(5);
        Split end = feed(f, "^C\r\nOVMS# echo __END_5__\r\r\n__END_5__\r\nOVMS# ", false);
        assertThat(end.output()).isEqualTo("^C\n");
        assertThat(end.ends()).containsExactly(new Event.End(5, true));
    }

    @Test
    void linesWhileIdleAreUnsolicited() {
        ConsoleFramer f = new ConsoleFramer();
        Split s = feed(f, "Guru Meditation Error: Core  1 panic'ed (LoadProhibited)\r\nBacktrace: 0x4008dd5e:0x3ffb0ab0\r\n", false);
        assertThat(s.logs()).containsExactly("Guru Meditation Error: Core  1 panic'ed (LoadProhibited)",
                "Backtrace: 0x4008dd5e:0x3ffb0ab0");
    }
}
