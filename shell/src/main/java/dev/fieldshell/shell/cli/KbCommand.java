package dev.fieldshell.shell.cli;

import java.util.concurrent.Callable;
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
        description = "The crash knowledge base: parse crashes and compute signatures, ingest and search documents, suggest causes for a crash, evaluate suggestions, manage symbols.",
        subcommands = {
            KbParseCommand.class,
            KbSignatureCommand.class,
            KbIngestCommand.class,
            KbStatsCommand.class,
            KbShowCommand.class,
            KbSearchCommand.class,
            KbRmCommand.class,
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
