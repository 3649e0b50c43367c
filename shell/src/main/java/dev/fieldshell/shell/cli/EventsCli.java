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

/** {@code fieldshell events pull [DIR] | diff [DIR] | push [DIR] | lint --target T}. */
@Command(name = "events", description = {
        "Keep a module's /store/events as a local folder and lint it.",
        "  events pull [DIR] | events diff [DIR] | events push [DIR] [--delete] [--dry-run] [--yes] | events lint"})
public final class EventsCli implements Callable<Integer>, FreeOptions {

    @Option(names = "--target", required = true, paramLabel = "TARGET", description = "the module (sim, sim:3.3.005, ssh://user@host, ...)")
    String target;

    @Parameters(arity = "1..*", paramLabel = "WORD", description = "pull|diff|push|lint, then DIR and options")
    List<String> words = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        XdgDirs dirs = CliEnvironment.dirs();
        try (CliTargets targets = CliTargets.standard(dirs, target)) {
            return new MacroTool(dirs).events(words, targets, new CliUi(spec.commandLine().getOut()));
        }
    }
}
