package dev.fieldshell.shell.sim.commands;

import dev.fieldshell.shell.sim.console.CommandNode;
import dev.fieldshell.shell.sim.console.CommandNode.Call;
import dev.fieldshell.shell.sim.module.Metrics;
import dev.fieldshell.shell.sim.module.ModuleCore;

/** {@code metrics list|get|set} (reference §8). */
final class MetricsCommands {
    private MetricsCommands() {}

    static void register(CommandNode root, ModuleCore core) {
        Metrics metrics = core.metrics();
        CommandNode n = root.add("metrics", "METRICS framework");
        n.add("list", "Show all metrics", c -> list(c, metrics), "[-cimnpst] [<metric>]", 0, 2, true);
        n.add("get", "Show metric value", c -> {
            Metrics.Metric m = metrics.get(c.arg(0));
            c.puts(m == null ? "Metric not found" : m.display());
        }, "<metric> [<unit>]", 1, 2, true);
        n.add("set", "Set a metric value", c -> c.puts(metrics.set(c.arg(0), c.arg(1)) ? "Metric set" : "Metric could not be set"),
                "<metric> <value> [<unit>]", 2, 3, true);
    }

    private static void list(Call c, Metrics metrics) {
        boolean staleFlags = false;
        String filter = "";
        for (String a : c.args()) {
            if (a.startsWith("-")) {
                staleFlags |= a.indexOf('s') > 0;
            } else {
                filter = a;
            }
        }
        boolean any = false;
        for (Metrics.Metric m : metrics.all().values()) {
            if (!m.name().contains(filter)) {
                continue;
            }
            any = true;
            String prefix = staleFlags ? (m.value().isEmpty() ? "[---] " : "[60S] ") : "";
            String line = m.value().isEmpty() ? m.name() : String.format("%-40.40s %s", m.name(), m.display());
            c.puts(prefix + line);
        }
        if (!any) {
            c.puts("Unrecognised metric name");
        }
    }
}
