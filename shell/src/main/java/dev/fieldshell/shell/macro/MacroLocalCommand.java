package dev.fieldshell.shell.macro;

import dev.fieldshell.shell.repl.LocalCommand;
import dev.fieldshell.shell.repl.ReplContext;
import java.util.List;

/** {@code :macro list | show NAME | resume [MODULE] | NAME [--param value]... [--dry-run] [--yes] [--target a,b | --targets FILE]}. */
public final class MacroLocalCommand implements LocalCommand {

    private MacroTool tool;

    @Override
    public String name() {
        return "macro";
    }

    @Override
    public String summary() {
        return "Run an event-script macro: plan, show, apply, verify (undo with :undo)";
    }

    @Override
    public String usage() {
        return ":macro list | show NAME | resume [MODULE] | NAME [--param value]... [--dry-run] [--yes] [--force] [--target a,b,c | --targets FILE]";
    }

    @Override
    public void run(List<String> args, ReplContext context) throws Exception {
        if (tool == null) {
            tool = new MacroTool(context.dirs());
        }
        ReplBridge.check(tool.macro(args, ReplBridge.targets(context), ReplBridge.ui(context, "macro")), ":macro");
    }
}
