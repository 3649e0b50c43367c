package dev.fieldshell.shell.sim.commands;

import dev.fieldshell.shell.sim.console.CommandNode;
import dev.fieldshell.shell.sim.console.CommandNode.Call;
import dev.fieldshell.shell.sim.module.EventBus;
import dev.fieldshell.shell.sim.module.ModuleCore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code event} commands (reference §5.1). */
final class EventCommands {
    private EventCommands() {}

    static void register(CommandNode root, ModuleCore core) {
        EventBus bus = core.events();
        CommandNode n = root.add("event", "EVENT framework", c -> status(c, bus), "$C", 0, 0, false);
        n.add("status", "Show status of event system", c -> status(c, bus), "", 0, 0, false);
        n.add("list", "List registered events", c -> list(c, bus), "[<key>]", 0, 1, true);
        n.add("raise", "Raise a textual event", c -> raise(c, bus), "[-d<delay_ms>] <event>", 1, 2, true);
        CommandNode trace = n.add("trace", "EVENT trace framework");
        trace.add("on", "Turn event tracing ON", c -> {
            bus.setTrace(true);
            c.puts("Event tracing is now on");
        }, "", 0, 0, true);
        trace.add("off", "Turn event tracing OFF", c -> {
            bus.setTrace(false);
            c.puts("Event tracing is now off");
        }, "", 0, 0, true);
    }

    private static void status(Call c, EventBus bus) {
        c.puts("Event map has " + bus.listenerCount() + " listeners, and queue has " + bus.queued() + "/100 entries");
        Optional<String[]> cur = bus.current();
        cur.ifPresent(d -> {
            c.puts("Currently dispatching:");
            c.puts("  Event: " + d[0]);
            c.puts("  To:    " + d[1]);
            c.puts("  For:   " + d[2] + " second(s)");
        });
    }

    private static void list(Call c, EventBus bus) {
        String filter = c.argc() > 0 ? c.arg(0) : "";
        for (Map.Entry<String, List<String>> e : bus.listenerMap().entrySet()) {
            if (e.getKey().contains(filter)) {
                c.puts(e.getKey() + ":  " + String.join(", ", e.getValue()));
            }
        }
    }

    private static void raise(Call c, EventBus bus) {
        String event = null;
        long delay = 0;
        for (String a : c.args()) {
            if (a.startsWith("-")) {
                if (a.length() < 2 || a.charAt(1) != 'd') {
                    c.node().putUsage(c.console());
                    return;
                }
                delay = parseLong(a.substring(2));
            } else {
                event = a;
            }
        }
        if (event == null) {
            c.node().putUsage(c.console());
            return;
        }
        if (delay > 0) {
            c.puts("Raising event in " + delay + " ms: " + event);
        } else {
            c.puts("Raising event: " + event);
        }
        bus.raise(event, delay);
    }

    /** {@code atol()}: leading digits, 0 when there are none. */
    private static long parseLong(String s) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && i < 18) {
            i++;
        }
        return i == 0 ? 0 : Long.parseLong(s.substring(0, i));
    }
}
