package dev.fieldshell.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jline.reader.Candidate;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

class ModuleCompleterTest {

    private static final String ROOT = """
            event                EVENT framework
            vfs                  VFS framework
            """;
    private static final String EVENT = """
            Usage: event list|raise|status|trace
            list                 List registered events
            raise                Raise a textual event
            status               Show status of event system
            trace                Control event tracing
            """;

    private static List<String> complete(String typed) {
        CommandTree tree = new CommandTree(cmd -> Optional.of(switch (cmd) {
            case "?" -> ROOT;
            case "event ?" -> EVENT;
            case "vfs ?" -> "Usage: vfs ls|stat\nls                   VFS directory listing\nstat                 VFS status of a file\n";
            default -> "Usage: x\n";
        }), Optional.empty());
        ModuleCompleter completer = new ModuleCompleter(() -> Optional.of(tree), cmd -> Optional.of(""));
        List<Candidate> out = new ArrayList<>();
        completer.complete(null, new DefaultParser().parse(typed, typed.length(), Parser.ParseContext.COMPLETE), out);
        return out.stream().map(Candidate::value).toList();
    }

    /** Reference §5.3 lists these; a maintainer typing them after "event raise" must be offered them. */
    @Test
    void eventRaiseOffersEveryNetworkPowerAndSystemEventOfTheReference() {
        assertThat(complete("event raise "))
                .contains("system.modem.gotgps", "system.modem.netstart", "system.wifi.scan.done", "system.wifi.ap.sta.connected",
                        "system.eth.start", "system.eth.gotip", "config.unmounted", "config.restore", "network.mgr.stop",
                        "server.v2.stopped", "system.heap.corrupted")
                .doesNotContain("clock.HHMM", "clock.dayN", "wifi.down");
    }

    @Test
    void storeEventsOffersTheSameNames() {
        assertThat(complete("vfs ls /store/events/"))
                .contains("/store/events/system.modem.gotgps/", "/store/events/config.unmounted/")
                .doesNotContain("/store/events/clock.HHMM/");
    }
}
