package dev.fieldshell.shell.sim.commands;

import dev.fieldshell.shell.sim.console.CommandNode;
import dev.fieldshell.shell.sim.console.CommandNode.Call;
import dev.fieldshell.shell.sim.module.ConfigStore;
import dev.fieldshell.shell.sim.module.ModuleCore;
import java.util.Map;
import java.util.Optional;

/** {@code config list|set|rm} (reference §8). */
final class ConfigCommands {
    private ConfigCommands() {}

    static void register(CommandNode root, ModuleCore core) {
        ConfigStore store = core.config();
        CommandNode n = root.add("config", "CONFIG framework");
        n.add("list", "Show configuration parameters/instances", c -> list(c, store), "[<param>]", 0, 1, true);
        n.add("set", "Set parameter:instance=value", c -> set(c, core), "<param> <instance> <value>", 3, 3, true);
        n.add("rm", "Remove parameter:instance", c -> rm(c, core), "<param> <instance>", 2, 2, true);
    }

    private static void list(Call c, ConfigStore store) {
        if (c.argc() == 0) {
            for (ConfigStore.Param p : store.params().values()) {
                if (!p.hidden()) {
                    c.print(String.format("%-20s %s\n", p.name(), p.title()));
                }
            }
            return;
        }
        Optional<ConfigStore.Param> p = store.param(c.arg(0));
        if (p.isEmpty() || p.get().hidden()) {
            c.puts(c.arg(0) + " not found");
            return;
        }
        c.puts(p.get().name() + " (" + p.get().access() + ")");
        for (Map.Entry<String, String> e : store.instances(p.get().name()).entrySet()) {
            c.puts(p.get().readable() ? "  " + e.getKey() + ": " + e.getValue() : "  " + e.getKey());
        }
    }

    /** Whether {@code config set|rm} may change the parameter named by the first argument; if not, says why. */
    private static boolean writeable(Call c, ModuleCore core) {
        Optional<ConfigStore.Param> p = core.config().param(c.arg(0));
        if (p.isEmpty()) {
            c.puts("Error: parameter not found");
            return false;
        }
        if (!p.get().writeable()) {
            c.puts("Error: parameter is not writeable");
            return false;
        }
        return true;
    }

    private static void set(Call c, ModuleCore core) {
        if (!writeable(c, core)) {
            return;
        }
        core.config().set(c.arg(0), c.arg(1), c.arg(2));
        c.puts("Parameter has been set.");
        core.events().signal("config.changed");
    }

    private static void rm(Call c, ModuleCore core) {
        if (!writeable(c, core)) {
            return;
        }
        if (c.arg(1).equals("*")) {
            core.config().removeAll(c.arg(0));
            c.puts("Parameter " + c.arg(0) + " has been removed.");
        } else if (core.config().remove(c.arg(0), c.arg(1))) {
            c.puts("Instance " + c.arg(1) + " has been removed.");
        }
        core.events().signal("config.changed");
    }
}
