package dev.fieldshell.shell.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code fieldshell kb …}: the crash knowledge base. A plain parent: its subcommands are listed here
 * and nowhere else.
 */
@Command(
        name = "kb",
        mixinStandardHelpOptions = true,
        description = "Crash knowledge base: parse crashes, compute signatures, ingest and search.",
        subcommands = {
            KbParseCommand.class,
            KbSignatureCommand.class,
        })
public final class KbCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
