package dev.fieldshell.shell.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A data file fieldshell ships (a table, rules, names) so that a maintainer changes a row, not code.
 * They all have one shape: an entry a line, blank lines and lines starting with {@code #} ignored,
 * and each entry's line number kept for the error that names a bad one.
 */
public record DataFile(String name, List<DataFile.Line> lines) {

    /** One entry: its line, without surrounding white space, and where it stands. */
    public record Line(String file, int number, String text) {
        /** {@code file:number}, the start of an error about this line. */
        public String where() {
            return file + ":" + number;
        }
    }

    /** The entries of {@code text}, a file called {@code name} in error messages. */
    public static DataFile of(String name, String text) {
        List<Line> out = new ArrayList<>();
        int number = 0;
        for (String raw : (Iterable<String>) text.lines()::iterator) {
            number++;
            String line = raw.strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                out.add(new Line(name, number, line));
            }
        }
        return new DataFile(name, List.copyOf(out));
    }

    /** The file bundled as resource {@code resource} of {@code anchor} (relative to its package, or absolute). */
    public static DataFile bundled(Class<?> anchor, String resource) {
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from the class path");
            }
            return of(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
