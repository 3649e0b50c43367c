package dev.fieldshell.shell.sim.commands;

import dev.fieldshell.shell.sim.console.CommandNode;
import dev.fieldshell.shell.sim.console.CommandNode.Call;
import dev.fieldshell.shell.sim.module.ModuleCore;
import java.util.Map;

/** {@code log monitor|level|status} (reference §8); {@code log} itself is non-secure. */
final class LogCommands {
    private static final Map<String, Character> LEVELS = Map.of(
            "verbose", 'V', "debug", 'D', "info", 'I', "warn", 'W', "error", 'E', "none", 'N');

    private LogCommands() {}

    static void register(CommandNode root, ModuleCore core) {
        CommandNode n = root.add("log", "LOG framework", null, "", 0, 0, false);
        n.add("monitor", "Monitor log on this console", LogCommands::monitor, "[yes|no]", 0, 1, false);
        n.add("level", "Set logging level", c -> level(c, core), "<verbose|debug|info|warn|error|none> [<tag>]", 1, 2, true);
        n.add("status", "Show logging status", c -> c.puts("Log listeners      : " + core.consoles().size()
                + "\nFile logging status: disabled"), "", 0, 0, true);
    }

    private static void monitor(Call c) {
        boolean on;
        if (c.argc() == 0) {
            on = !c.console().monitoring();
        } else {
            String a = c.arg(0).toLowerCase();
            on = a.equals("yes") || a.equals("1") || a.equals("on") || a.equals("true");
        }
        c.console().setMonitoring(on);
        c.puts("Monitoring log messages " + (on ? "enabled" : "disabled"));
    }

    private static void level(Call c, ModuleCore core) {
        Character lvl = LEVELS.get(c.arg(0));
        if (lvl == null) {
            c.node().putUsage(c.console());
            return;
        }
        String tag = c.argc() > 1 ? c.arg(1) : "*";
        core.log().setLevel(tag, lvl);
        c.puts("Logging level for " + tag + " set to " + c.arg(0));
    }
}
