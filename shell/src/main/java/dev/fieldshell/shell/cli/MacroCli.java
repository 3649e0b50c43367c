package dev.fieldshell.shell.cli;

import dev.fieldshell.shell.macro.MacroTool;
import dev.fieldshell.shell.repl.XdgDirs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fieldshell macro list | show NAME | resume [MODULE] | NAME [--param value]... --target T [--yes] [--dry-run]}. */
@Command(name = "macro", description = {
        "Run an event-script macro on one module or many: plan, show as OVMS lines and diff, ask, apply, verify.",
        "  macro list | macro show NAME | macro resume MODULE",
        "  macro NAME [--param value]... [--dry-run] [--yes] [--force] (--target a,b,c | --targets FILE)"})
public final class MacroCli implements Callable<Integer>, FreeOptions {

    @Parameters(arity = "0..*", paramLabel = "WORD", description = "list, show NAME, resume MODULE, or a macro name with its parameters")
    List<String> words = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        XdgDirs dirs = CliEnvironment.dirs();
        // No current module on the command line: targets come from --target, --targets or resume MODULE.
        try (CliTargets targets = CliTargets.standard(dirs, null)) {
            return new MacroTool(dirs).macro(words, targets, new CliUi(spec.commandLine().getOut()));
        }
    }
}
