package dev.fieldshell.shell.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The root command. With no subcommand it opens the REPL on the built-in simulator.
 * Subcommands are listed here ({@link #SUBCOMMANDS}) and nowhere else.
 */
@Command(
        name = "fieldshell",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "A field-support shell for OVMS v3 modules: console, event-script macros, crash knowledge base.")
public final class FieldshellCommand implements Callable<Integer> {
    /** The subcommands, in help order (added by {@link CommandTree}, which builds only the one named when it can). */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            CommandLine.HelpCommand.class,
            ExecCommand.class,
            KbCommand.class,
            SimCommand.class,
            HeapCommand.class,
            MacroCli.class,
            UndoCli.class,
            JsCli.class,
            EventsCli.class);

    @Option(names = "--debug", description = "Show stack traces on errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--command"}, paramLabel = "LINES",
            description = "Run these lines (separated by ';') without a terminal, e.g. -c ':connect sim; boot status'.")
    String commands;

    @Option(names = "--json", description = "Print one JSON object per module command: {\"target\",\"command\",\"output\",\"elapsed_ms\"}.")
    boolean json;

    /** No subcommand: the REPL on the built-in simulator, or a script from -c or stdin. */
    @Override
    public Integer call() throws Exception {
        return ShellLauncher.run(commands, json, debug, spec.commandLine().getOut());
    }

    /** The configured command line with every subcommand, for tests and help. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /** The configured command line for running {@code args}: only the branch they name when they name one. */
    public static CommandLine commandLine(String... args) {
        CommandLine cl = CommandTree.build(new FieldshellCommand(), SUBCOMMANDS, args);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(new ErrorHandler());
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommand() instanceof FreeOptions) {
                sub.setUnmatchedOptionsArePositionalParams(true);
            }
        }
        return cl;
    }
}
