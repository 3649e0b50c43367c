package dev.fieldshell.kb.signature;

import dev.fieldshell.kb.data.DataFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A list of function-name patterns read from a data file: one pattern a line, {@code *} matches any
 * run of characters, everything else is literal, {@code #} starts a comment. Patterns match the
 * whole normalized name.
 *
 * @param name     the file it came from, for explanations
 * @param patterns the patterns in file order
 */
public record GlobList(String name, List<String> patterns) {

    public GlobList {
        patterns = List.copyOf(patterns);
    }

    /** Reads {@code resource} next to this class. */
    public static GlobList resource(String resource) {
        return of(DataFile.bundled(GlobList.class, resource));
    }

    public static GlobList parse(String name, String text) {
        return of(DataFile.of(name, text));
    }

    private static GlobList of(DataFile file) {
        List<String> out = new ArrayList<>();
        for (DataFile.Line line : file.lines()) {
            // a function name has no '#': the rest of the line is a comment
            int hash = line.text().indexOf('#');
            out.add((hash >= 0 ? line.text().substring(0, hash) : line.text()).strip());
        }
        return new GlobList(file.name(), out);
    }

    /** The first pattern that matches {@code function}, if any. */
    public Optional<String> match(String function) {
        for (String p : patterns) {
            if (matches(p, function)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Wildcard match with {@code *} only; iterative, O(pattern × text) at worst. */
    static boolean matches(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
