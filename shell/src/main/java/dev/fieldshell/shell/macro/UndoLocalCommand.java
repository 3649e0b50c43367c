package dev.fieldshell.shell.macro;

import dev.fieldshell.shell.repl.LocalCommand;
import dev.fieldshell.shell.repl.ReplContext;
import java.util.List;

/** {@code :undo [MODULE] [--yes] [--dry-run]}: takes back the newest change a macro, :js or events push made. */
public final class UndoLocalCommand implements LocalCommand {

    private MacroTool tool;

    @Override
    public String name() {
        return "undo";
    }

    @Override
    public String summary() {
        return "Restore the files and config the last change on a module replaced";
    }

    @Override
    public String usage() {
        return ":undo [MODULE] [--yes] [--dry-run]";
    }

    @Override
    public void run(List<String> args, ReplContext context) throws Exception {
        if (tool == null) {
            tool = new MacroTool(context.dirs());
        }
        ReplBridge.check(tool.undo(args, ReplBridge.targets(context), ReplBridge.ui(context, "undo")), ":undo");
    }
}
