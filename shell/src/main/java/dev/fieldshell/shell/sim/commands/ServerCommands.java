package dev.fieldshell.shell.sim.commands;

import dev.fieldshell.shell.sim.console.CommandNode;
import dev.fieldshell.shell.sim.console.CommandNode.Call;
import dev.fieldshell.shell.sim.module.ModuleCore;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code server v2|v3 [start|stop]}: a simulated server connection. Starting it walks through
 * the {@code server.vN.*} events and one TLS handshake; stopping it raises {@code server.vN.stopped}
 * as the {@code OvmsServerVx} destructor does.
 */
final class ServerCommands {
    private ServerCommands() {}

    static void register(CommandNode root, ModuleCore core) {
        CommandNode n = root.add("server", "OVMS Server");
        for (String v : new String[] {"v2", "v3"}) {
            CommandNode s = n.add(v, "OVMS Server " + v.toUpperCase(Locale.ROOT) + " Protocol", c -> status(c, core, v), "$C", 0, 0, false);
            s.add("start", "Start an OVMS " + v.toUpperCase(Locale.ROOT) + " Server Connection", c -> start(c, core, v), "", 0, 0, true);
            s.add("stop", "Stop an OVMS " + v.toUpperCase(Locale.ROOT) + " Server Connection", c -> stop(c, core, v), "", 0, 0, true);
            s.add("status", "Show OVMS " + v.toUpperCase(Locale.ROOT) + " Server connection status", c -> status(c, core, v), "", 0, 0, false);
        }
    }

    private static String upper(String v) {
        return v.toUpperCase(Locale.ROOT);
    }

    private static void status(Call c, ModuleCore core, String v) {
        if (!core.serverRunning(v)) {
            c.puts("OVMS " + v + " server has not been started");
            return;
        }
        c.puts("Status: Connected");
    }

    private static void start(Call c, ModuleCore core, String v) {
        if (core.serverRunning(v)) {
            c.puts("OVMS " + upper(v) + " Server is already running");
            return;
        }
        c.puts("Launching OVMS Server " + upper(v) + " connection (osc" + v + ")");
        core.setServerRunning(v, true);
        core.events().signal("server." + v + ".connecting");
        core.events().executor().schedule(() -> {
            if (core.serverRunning(v)) {
                core.tlsHandshake();
                core.log().info("ovms-server-" + v, "Connected to OVMS Server " + upper(v));
                core.events().signal("server." + v + ".authenticating");
                core.events().signal("server." + v + ".connected");
            }
        }, 200, TimeUnit.MILLISECONDS);
    }

    private static void stop(Call c, ModuleCore core, String v) {
        if (!core.serverRunning(v)) {
            c.puts("OVMS " + v + " server has not been started");
            return;
        }
        c.puts("Stopping OVMS Server " + upper(v) + " connection (osc" + v + ")");
        core.setServerRunning(v, false);
        core.events().signal("server." + v + ".disconnected");
        core.events().signal("server." + v + ".stopped");
    }
}
