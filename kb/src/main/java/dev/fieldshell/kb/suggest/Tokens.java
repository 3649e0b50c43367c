package dev.fieldshell.kb.suggest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The code-like words of a text, as the KB's frame analyzer sees them: runs of letters, digits and
 * {@code _ : ~ . $}, lower-cased, with C++ scoped names also split into their parts. Pure.
 */
final class Tokens {
    private Tokens() {}

    static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && !isTokenChar(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && isTokenChar(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                String t = trimDots(text.substring(start, i).toLowerCase(Locale.ROOT));
                if (!t.isEmpty()) {
                    out.add(t);
                    if (t.contains("::")) {
                        addScopeParts(t, out);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The non-empty parts of {@code t} between {@code ::}, left to right, as {@code t.split("::")}
     * finds them; without it, because a two-character split compiles a regular expression each time.
     */
    private static void addScopeParts(String t, List<String> out) {
        int from = 0;
        while (true) {
            int i = t.indexOf("::", from);
            int end = i < 0 ? t.length() : i;
            if (end > from) {
                out.add(t.substring(from, end));
            }
            if (i < 0) {
                return;
            }
            from = i + 2;
        }
    }

    /**
     * The words of a crash or a description as search terms: file paths reduced to their file name
     * ({@code /Users/x/esp-idf/components/heap/multi_heap_poisoning.c:205} → {@code multi_heap_poisoning.c}),
     * line numbers and {@code pc:sp} pairs split off, so user names, checkout paths and line numbers
     * that differ between builds do not count.
     */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String chunk : text.split("\\s+")) {
            String c = chunk;
            int slash = c.lastIndexOf('/');
            if (slash >= 0 && slash < c.length() - 1 && c.indexOf('/') != slash || c.startsWith("/")) {
                c = c.substring(slash + 1);
            }
            for (String t : of(c)) {
                if (t.contains(":") && !t.contains("::")) {
                    for (String part : t.split(":")) {
                        if (!part.isEmpty()) {
                            out.add(part);
                        }
                    }
                } else {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern SOURCE_FILE = java.util.regex.Pattern.compile("([a-z_][a-z0-9_]*)\\.(c|cc|cpp|h|hpp|s)");

    /**
     * The module names of source file words ({@code intr_alloc.c} → {@code intr_alloc}): a log tag
     * or a component is often named after its file, and a report may name either.
     */
    static Set<String> fileStems(Iterable<String> words) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : words) {
            if (w.indexOf('.') < 0) {
                continue; // cannot match; most words are not file names, and the matcher is the cost
            }
            java.util.regex.Matcher m = SOURCE_FILE.matcher(w);
            if (m.matches() && m.group(1).length() >= 4) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** True for a word that {@link #fileStems} could produce from a source file name ({@code intr_alloc}). */
    static boolean moduleName(String w) {
        if (w.length() < 4) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c == '_' || i > 0 && c >= '0' && c <= '9';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static Set<String> setOf(String text) {
        return new LinkedHashSet<>(of(text));
    }

    private static String trimDots(String t) {
        int a = 0;
        int b = t.length();
        while (a < b && (t.charAt(a) == '.' || t.charAt(a) == ':')) {
            a++;
        }
        while (b > a && (t.charAt(b - 1) == '.' || t.charAt(b - 1) == ':')) {
            b--;
        }
        return t.substring(a, b);
    }

    static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '~' || c == '.' || c == '$';
    }
}
