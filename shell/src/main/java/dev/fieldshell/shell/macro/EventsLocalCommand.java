package dev.fieldshell.shell.macro;

import dev.fieldshell.shell.repl.LocalCommand;
import dev.fieldshell.shell.repl.ReplContext;
import java.util.List;

/** {@code :events pull [DIR] | diff [DIR] | push [DIR] | lint}: a module's /store/events as a local folder. */
public final class EventsLocalCommand implements LocalCommand {

    private MacroTool tool;

    @Override
    public String name() {
        return "events";
    }

    @Override
    public String summary() {
        return "Keep /store/events as a local folder (pull, diff, push) and lint it";
    }

    @Override
    public String usage() {
        return ":events pull [DIR] | diff [DIR] | push [DIR] [--delete] [--dry-run] [--yes] | lint";
    }

    @Override
    public void run(List<String> args, ReplContext context) throws Exception {
        if (tool == null) {
            tool = new MacroTool(context.dirs());
        }
        ReplBridge.check(tool.events(args, ReplBridge.targets(context), ReplBridge.ui(context, "events")), ":events");
    }
}
