package dev.fieldshell.shell.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code fieldshell kb …}: the crash knowledge base. A plain parent: its subcommands are listed here
 * ({@link #SUBCOMMANDS}) and nowhere else.
 */
@Command(
        name = "kb",
        mixinStandardHelpOptions = true,
        description = "The crash knowledge base: parse crashes and compute signatures, ingest and search documents, suggest causes for a crash, evaluate suggestions, manage symbols.")
public final class KbCommand implements Callable<Integer> {
    /** The subcommands, in help order (added by {@link CommandTree}, which builds only the one named when it can). */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            KbParseCommand.class,
            KbSignatureCommand.class,
            KbIngestCommand.class,
            KbStatsCommand.class,
            KbShowCommand.class,
            KbSearchCommand.class,
            KbRmCommand.class,
            KbSuggestCommand.class,
            KbEvalCommand.class,
            KbSymbolsCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ErrorHandler.USAGE;
    }
}
