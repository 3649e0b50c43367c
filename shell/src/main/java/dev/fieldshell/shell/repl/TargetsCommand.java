package dev.fieldshell.shell.repl;

import dev.fieldshell.shell.cli.UsageException;
import dev.fieldshell.shell.link.ModuleLink;
import java.util.List;
import java.util.Map;

/** {@code :targets}: lists the open targets, the current one marked with {@code *}. */
final class TargetsCommand implements LocalCommand {

    @Override
    public String name() {
        return "targets";
    }

    @Override
    public String summary() {
        return "List open targets (* marks the current one)";
    }

    @Override
    public String usage() {
        return ":targets";
    }

    @Override
    public void run(List<String> args, ReplContext context) {
        if (!args.isEmpty()) {
            throw new UsageException("takes no arguments");
        }
        if (context.targets().isEmpty()) {
            context.println("no open targets; use :connect TARGET");
            return;
        }
        for (Map.Entry<String, ModuleLink> e : context.targets().entrySet()) {
            ModuleLink l = e.getValue();
            String fw = l.info().firmware();
            context.println((e.getKey().equals(context.currentName()) ? "* " : "  ") + e.getKey() + "  " + l.target()
                    + (fw.isEmpty() ? "" : "  " + fw) + "  " + l.stateText());
        }
    }
}
