package dev.fieldshell.shell.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Bad input never crashes the tool: one line on stderr saying what was wrong, exit 2 for usage
 * errors and 1 for failures, and a stack trace only with {@code --debug}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    static final int FAILURE = 1;
    static final int USAGE = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        err.println("fieldshell: " + describe(ex));
        if (debugRequested(parsed)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ex instanceof UsageException ? USAGE : FAILURE;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        // One line: what was wrong, then where to look, as the rest of the tool reports bad input.
        err.println("fieldshell: " + String.valueOf(ex.getMessage()).strip().replace("\n", "; ")
                + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
        if (Arrays.asList(args).contains("--debug")) {
            ex.printStackTrace(err);
        }
        err.flush();
        return USAGE;
    }

    static String describe(Throwable ex) {
        String msg = ex.getMessage();
        return msg == null || msg.isBlank() ? ex.getClass().getSimpleName() : msg;
    }

    private static boolean debugRequested(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
