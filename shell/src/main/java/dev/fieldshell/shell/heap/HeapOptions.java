package dev.fieldshell.shell.heap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The options of {@code heap analyze|compare}, and the one reader of the words after {@code heap}
 * that both {@code fieldshell heap} (its picocli-free fast path) and {@code :heap} use. Picocli's
 * {@code HeapCommand} declares the same options for {@code --help} and for the command line's usage
 * errors; {@code HeapArgsTest} checks that it reads plain lines as this does.
 */
public record HeapOptions(Path symbols, Path elf, String build, Path kbDir, double clockMhz, boolean json, Path svg) {

    /** What the words say. */
    public sealed interface Reading {
        /**
         * A line read. {@code plain}: no option given twice (the last counts), no option value that
         * looks like an option, no file that starts with {@code -} or {@code @}; a line picocli
         * would read the same way. {@code debug}: {@code --debug} was given.
         */
        record Read(String verb, HeapOptions options, List<Path> files, boolean debug, boolean plain) implements Reading {}

        /** A usage error, in one line. */
        record Wrong(String message) implements Reading {}
    }

    private static final Set<String> WITH_VALUE = Set.of("--symbols", "--elf", "--build", "--kb", "--clock-mhz", "--svg");

    /** Reads {@code analyze FILE… [options]} or {@code compare A B [options]}, options anywhere after the verb. */
    public static Reading read(List<String> words) {
        if (words.isEmpty() || !(words.get(0).equals("analyze") || words.get(0).equals("compare"))) {
            return new Reading.Wrong("heap: say 'analyze FILE…' or 'compare A B'");
        }
        Path symbols = null, elf = null, kb = null, svg = null;
        String build = null;
        double mhz = 0;
        boolean json = false, debug = false, plain = true;
        Set<String> seen = new HashSet<>();
        List<Path> files = new ArrayList<>();
        try {
            for (int i = 1; i < words.size(); i++) {
                String a = words.get(i);
                if (!a.startsWith("--")) {
                    plain &= !a.startsWith("-") && !a.startsWith("@"); // picocli takes these for options or argument files
                    files.add(Path.of(a));
                    continue;
                }
                plain &= seen.add(a);
                if (a.equals("--json")) {
                    json = true;
                    continue;
                }
                if (a.equals("--debug")) {
                    debug = true;
                    continue;
                }
                if (!WITH_VALUE.contains(a)) {
                    return new Reading.Wrong("heap: unknown option " + a);
                }
                if (++i >= words.size()) {
                    return new Reading.Wrong("heap: " + a + " needs a value");
                }
                String v = words.get(i);
                plain &= !v.startsWith("-") && !v.startsWith("@");
                switch (a) {
                    case "--symbols" -> symbols = Path.of(v);
                    case "--elf" -> elf = Path.of(v);
                    case "--build" -> build = v;
                    case "--kb" -> kb = Path.of(v);
                    case "--svg" -> svg = Path.of(v);
                    default -> {
                        try {
                            mhz = Double.parseDouble(v);
                        } catch (NumberFormatException e) {
                            return new Reading.Wrong("heap: --clock-mhz wants a number of MHz, e.g. 240");
                        }
                    }
                }
            }
        } catch (java.nio.file.InvalidPathException e) {
            return new Reading.Wrong("heap: not a path: " + e.getMessage());
        }
        if (words.get(0).equals("compare") && files.size() != 2) {
            return new Reading.Wrong("heap compare: give exactly two dumps, A and B");
        }
        return new Reading.Read(words.get(0), new HeapOptions(symbols, elf, build, kb, mhz, json, svg), List.copyOf(files), debug, plain);
    }

    /** The analysis these options ask for, of {@code files}. */
    public HeapTool.Request request(List<Path> files, boolean color) {
        return new HeapTool.Request(files, symbols, elf, build, kbDir, clockMhz, json, svg, color);
    }
}
