package dev.fieldshell.shell.cli;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code heap analyze|compare} arguments without picocli. Picocli's classes are compiled for Java 5, so
 * the JVM cannot keep them in a class cache: building even the {@code heap} branch costs a one-shot analysis
 * about a quarter of a second of CPU before the dump is opened. Only plain, well-formed command lines are
 * taken; anything else (help, unknown or repeated options, a value that looks like an option, argument
 * files, the wrong number of files) returns empty and goes through picocli, which words the usage errors.
 * {@code HeapArgsTest} checks that both read the same command lines the same way.
 */
final class HeapArgs {
    /** A command line this class understood. */
    record Parsed(HeapCommand.Options options, List<Path> files, boolean debug) {}

    private static final Set<String> WITH_VALUE = Set.of("--symbols", "--elf", "--build", "--kb", "--clock-mhz", "--svg");

    private HeapArgs() {}

    /** The parsed command line, or empty when picocli should read it. */
    static Optional<Parsed> parse(String... args) {
        if (args.length < 3 || !args[0].equals("heap") || !(args[1].equals("analyze") || args[1].equals("compare"))) {
            return Optional.empty();
        }
        Path symbols = null, elf = null, kb = null, svg = null;
        String build = null;
        double clock = 0;
        boolean json = false, debug = false;
        Set<String> seen = new HashSet<>();
        List<Path> files = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("@")) {
                return Optional.empty(); // an argument file: picocli expands it
            }
            if (!a.startsWith("-")) {
                try {
                    files.add(Path.of(a));
                } catch (RuntimeException e) {
                    return Optional.empty(); // not a path on this system: picocli says so
                }
                continue;
            }
            if (!seen.add(a)) {
                return Optional.empty();
            }
            if (a.equals("--json")) {
                json = true;
                continue;
            }
            if (a.equals("--debug")) {
                debug = true;
                continue;
            }
            if (!WITH_VALUE.contains(a) || i + 1 >= args.length || args[i + 1].startsWith("-") || args[i + 1].startsWith("@")) {
                return Optional.empty();
            }
            String v = args[++i];
            try {
                switch (a) {
                    case "--symbols" -> symbols = Path.of(v);
                    case "--elf" -> elf = Path.of(v);
                    case "--build" -> build = v;
                    case "--kb" -> kb = Path.of(v);
                    case "--svg" -> svg = Path.of(v);
                    default -> clock = Double.parseDouble(v);
                }
            } catch (RuntimeException e) {
                return Optional.empty(); // picocli says what is wrong with the value
            }
        }
        if (files.isEmpty() || (args[1].equals("compare") && files.size() != 2)) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(new HeapCommand.Options(symbols, elf, build, kb, clock, json, svg), List.copyOf(files),
                debug));
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
