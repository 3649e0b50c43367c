package dev.fieldshell.kb.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A data file the knowledge base ships (word lists, tables, patterns) so that a maintainer changes a
 * line, not code. All have one shape: an entry a line, blank lines and lines starting with {@code #}
 * ignored, and each entry's line number kept, so a bad entry is reported as {@code file:line}.
 * The shell module reads its own tables (firmware features, event names, lint rules) with it too.
 */
public record DataFile(String name, List<DataFile.Line> lines) {

    public DataFile {
        lines = List.copyOf(lines);
    }

    /** One entry: its text without surrounding white space, and where it stands. */
    public record Line(String file, int number, String text) {

        /** {@code file:number}, where an error about this line starts. */
        public String where() {
            return file + ":" + number;
        }

        /** The error for an entry that is not what the file holds: names file, line and the entry, says what was expected. */
        public IllegalStateException bad(String expected) {
            return new IllegalStateException(where() + ": expected " + expected + ", got: " + text);
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
        return new DataFile(name, out);
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

    /** The entries' texts, in file order. */
    public List<String> texts() {
        return lines.stream().map(Line::text).toList();
    }
}
