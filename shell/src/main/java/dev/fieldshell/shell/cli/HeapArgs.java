package dev.fieldshell.shell.cli;

import dev.fieldshell.shell.heap.HeapOptions;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The picocli-free path of {@code fieldshell heap analyze|compare}. Picocli's classes are compiled for Java 5, so
 * the JVM cannot keep them in a class cache: building even the {@code heap} branch costs a one-shot analysis
 * about a quarter of a second of CPU before the dump is opened. Only plain, well-formed command lines are
 * taken, as {@link HeapOptions} reads them; anything else (help, unknown or repeated options, a value that looks
 * like an option, argument files, the wrong number of files) returns empty and goes through picocli, which words
 * the usage errors. {@code HeapArgsTest} checks that both read the same command lines the same way.
 */
final class HeapArgs {
    /** A command line this class understood. */
    record Parsed(HeapOptions options, List<Path> files, boolean debug) {}

    private HeapArgs() {}

    /** The parsed command line, or empty when picocli should read it. */
    static Optional<Parsed> parse(String... args) {
        if (args.length == 0 || !args[0].equals("heap")
                || !(HeapOptions.read(List.of(args).subList(1, args.length)) instanceof HeapOptions.Reading.Read r)
                || !r.plain() || r.files().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(r.options(), r.files(), r.debug()));
    }

    /** Runs a parsed command line the way picocli and {@link ErrorHandler} would: same streams, messages and exit codes. */
    static int run(Parsed p) {
        java.io.PrintWriter out = writer(System.out, "sun.stdout.encoding");
        java.io.PrintWriter err = writer(System.err, "sun.stderr.encoding");
        try {
            return HeapCommand.execute(p.options(), p.files(), out, err);
        } catch (Exception e) {
            err.println("fieldshell: " + ErrorHandler.describe(e));
            if (p.debug()) {
                e.printStackTrace(err);
            }
            err.flush();
            return e instanceof UsageException ? ErrorHandler.USAGE : ErrorHandler.FAILURE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The writer picocli would make for {@code stream}: its encoding property when set, else the default charset. */
    private static java.io.PrintWriter writer(java.io.PrintStream stream, String property) {
        String name = System.getProperty(property);
        Charset cs = Charset.defaultCharset();
        if (name != null) {
            try {
                cs = Charset.forName(name.equalsIgnoreCase("cp65001") ? "UTF-8" : name);
            } catch (RuntimeException e) {
                // picocli falls back to the default charset too
            }
        }
        return new java.io.PrintWriter(new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream, cs)), true);
    }
}
