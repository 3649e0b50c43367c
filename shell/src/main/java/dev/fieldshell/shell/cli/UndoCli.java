package dev.fieldshell.shell.cli;

import dev.fieldshell.shell.macro.MacroTool;
import dev.fieldshell.shell.repl.XdgDirs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fieldshell undo MODULE [--yes] [--dry-run]}. */
@Command(name = "undo", description = "Restore the files and config that the newest change on MODULE replaced (from the undo journal).")
public final class UndoCli implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODULE", description = "the target the change was made on (as given to --target)")
    String module;

    @Option(names = {"--yes", "-y"}, description = "do not ask")
    boolean yes;

    @Option(names = "--dry-run", description = "only show what would be restored")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        XdgDirs dirs = CliEnvironment.dirs();
        List<String> words = new ArrayList<>(List.of(module));
        if (yes) {
            words.add("--yes");
        }
        if (dryRun) {
            words.add("--dry-run");
        }
        try (CliTargets targets = CliTargets.standard(dirs, module)) {
            return new MacroTool(dirs).undo(words, targets, new CliUi(spec.commandLine().getOut()));
        }
    }
}
