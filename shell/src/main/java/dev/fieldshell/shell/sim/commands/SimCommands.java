package dev.fieldshell.shell.sim.commands;

import dev.fieldshell.kb.data.DataFile;
import dev.fieldshell.shell.sim.console.CommandNode;
import dev.fieldshell.shell.sim.console.CommandNode.Call;
import dev.fieldshell.shell.sim.module.ModuleCore;
import java.util.List;

/**
 * {@code sim …}: controls of the simulator itself, which a real module does not have.
 * {@code sim event <name>} signals one of the network and power events of reference §5.3 (list in
 * {@code sim-events.txt}) as the firmware would; {@code sim tls [n]} runs n TLS handshakes through
 * the heap model; {@code sim alerts} prints the alert notifications sent so far.
 */
final class SimCommands {
    static final List<String> EVENTS = load();

    private SimCommands() {}

    static void register(CommandNode root, ModuleCore core) {
        CommandNode n = root.add("sim", "Simulator controls (not on a real module)");
        n.add("event", "Signal a network or power event as the firmware would", c -> event(c, core), "<event>", 1, 1, true);
        n.add("events", "List the events 'sim event' can signal", c -> EVENTS.forEach(c::puts), "", 0, 0, true);
        n.add("tls", "Simulate TLS handshakes (heap model)", c -> tls(c, core), "[<count>]", 0, 1, true);
        n.add("alerts", "Show the alert notifications sent", c -> core.heap().alerts().forEach(a -> c.puts(a.strip())), "", 0, 0, true);
    }

    private static void event(Call c, ModuleCore core) {
        String name = c.arg(0);
        if (!EVENTS.contains(name)) {
            c.puts("Error: " + name + " is not a network or power event; 'sim events' lists them");
            return;
        }
        c.puts("Signalling event: " + name);
        core.events().signal(name);
    }

    private static void tls(Call c, ModuleCore core) {
        int n;
        try {
            n = c.argc() == 0 ? 1 : Integer.parseInt(c.arg(0));
        } catch (NumberFormatException e) {
            c.node().putUsage(c.console());
            return;
        }
        n = Math.max(0, Math.min(n, 1000));
        for (int i = 0; i < n; i++) {
            core.tlsHandshake();
        }
        c.puts("Simulated " + n + " TLS handshake(s)");
    }

    private static List<String> load() {
        return DataFile.bundled(SimCommands.class, "/dev/fieldshell/shell/sim/sim-events.txt").lines().stream()
                .map(DataFile.Line::text).toList();
    }
}
