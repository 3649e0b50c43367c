package dev.fieldshell.shell.cli;

import picocli.CommandLine;

/** Entry point: runs the picocli command tree and turns failures into one clear line and an exit code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        dev.fieldshell.shell.repl.StartupTrace.mark("main");
        if (args.length == 0) {
            // The most common start (the REPL): skip building the picocli tree of every subcommand,
            // which costs more than the rest of the way to the prompt.
            System.exit(replWithoutArguments());
        }
        System.exit(run(args));
    }

    private static int replWithoutArguments() {
        java.io.PrintWriter out = new java.io.PrintWriter(System.out, true);
        try {
            return ShellLauncher.run(null, false, false, out);
        } catch (Exception e) {
            out.flush();
            System.err.println("fieldshell: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return ErrorHandler.FAILURE;
        }
    }

    /** Runs fieldshell with the given arguments and returns its exit code (0 ok, 1 failure, 2 usage). */
    public static int run(String... args) {
        var heap = HeapArgs.parse(args); // a one-shot analysis: picocli's set-up would be a fifth of its time
        if (heap.isPresent()) {
            return HeapArgs.run(heap.get());
        }
        return FieldshellCommand.commandLine(args).execute(args);
    }
}
