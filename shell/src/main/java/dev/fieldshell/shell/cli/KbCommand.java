package dev.fieldshell.shell.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fieldshell kb …}: the crash knowledge base. */
@Command(
        name = "kb",
        mixinStandardHelpOptions = true,
        description = "The crash knowledge base: suggest causes for a crash, evaluate suggestions, manage symbols.",
        subcommands = {
            KbSuggestCommand.class,
            KbEvalCommand.class,
            KbSymbolsCommand.class,
        })
public final class KbCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ErrorHandler.USAGE;
    }
}
