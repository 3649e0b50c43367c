package dev.fieldshell.shell.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The root command. With no subcommand it opens the REPL on the built-in simulator.
 * Subcommands are listed here and nowhere else.
 */
@Command(
        name = "fieldshell",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "A field-support shell for OVMS v3 modules: console, event-script macros, crash knowledge base.",
        subcommands = {
            CommandLine.HelpCommand.class,
            KbCommand.class,
            SimCommand.class,
        })
public final class FieldshellCommand implements Callable<Integer> {

    @Option(names = "--debug", description = "Show stack traces on errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    @Override
    public Integer call() {
        System.out.println("fieldshell: the REPL is not built yet");
        return 0;
    }

    /** The configured command line, shared by {@link Main} and tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new FieldshellCommand());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(new ErrorHandler());
        return cl;
    }
}
