package dev.fieldshell.kb.signature;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
        try (InputStream in = GlobList.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing signature rule file " + resource);
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static GlobList parse(String name, String text) {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
            String line;
            while ((line = r.readLine()) != null) {
                int hash = line.indexOf('#');
                String p = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GlobList(name, out);
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
