package dev.fieldshell.shell.cli;

import picocli.CommandLine;

/** Entry point: runs the picocli command tree and turns failures into one clear line and an exit code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs fieldshell with the given arguments and returns its exit code (0 ok, 1 failure, 2 usage). */
    public static int run(String... args) {
        return FieldshellCommand.commandLine().execute(args);
    }
}
