package dev.fieldshell.kb.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Names the components a text is about, by the patterns in {@code components.tsv}. */
final class ComponentTagger {
    /** A component's pattern and the literals one of which must occur for it to match (empty: always try). */
    private record Rule(Pattern pattern, List<String> literals) {}

    private static final Map<String, Rule> PATTERNS = load();
    private static final int SCAN_LIMIT = 200_000;
    /** Longest text a pattern may match before or after its required literal (patterns in the file stay well below). */
    private static final int LOOKBACK = 64;

    private ComponentTagger() {}

    static List<String> components(String text) {
        String t = (text.length() > SCAN_LIMIT ? text.substring(0, SCAN_LIMIT) : text).toLowerCase(java.util.Locale.ROOT);
        List<String> out = new ArrayList<>();
        PATTERNS.forEach((name, rule) -> {
            if (matches(rule, t)) {
                out.add(name);
            }
        });
        return out;
    }

    /**
     * Whether the rule's pattern occurs in {@code t}. A match contains one of the rule's literals, so only
     * the text around each literal occurrence is tried (indexOf is far cheaper than a regex scan, and a
     * scan to the end of the text after a literal that does not complete a match was the costly case).
     */
    private static boolean matches(Rule rule, String t) {
        java.util.regex.Matcher m = rule.pattern().matcher(t).useTransparentBounds(true).useAnchoringBounds(false);
        if (rule.literals().isEmpty()) {
            return m.find();
        }
        for (String literal : rule.literals()) {
            for (int at = t.indexOf(literal); at >= 0; at = t.indexOf(literal, at + 1)) {
                m.region(Math.max(0, at - LOOKBACK), Math.min(t.length(), at + literal.length() + LOOKBACK));
                if (m.find()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The pattern with its literal letters lower-cased (escapes such as {@code \\b} untouched), to match
     * lower-cased text: much faster than a case-insensitive pattern.
     */
    static String lowerLiterals(String regex) {
        StringBuilder sb = new StringBuilder(regex.length());
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                sb.append(c).append(regex.charAt(++i));
            } else {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    /**
     * For each top-level alternative of {@code regex}, its longest run of literal characters (at least
     * three); empty when some alternative has none, so the regex must always be tried.
     */
    static List<String> requiredLiterals(String regex) {
        List<String> out = new ArrayList<>();
        for (String alt : topLevelAlternatives(regex)) {
            String best = "";
            StringBuilder run = new StringBuilder();
            for (int i = 0; i < alt.length(); i++) {
                char c = alt.charAt(i);
                if (c == '\\' && i + 1 < alt.length()) {
                    char e = alt.charAt(++i);
                    if (Character.isLetterOrDigit(e)) { // \b, \s, \d …: not a literal
                        best = longer(best, run);
                        run.setLength(0);
                    } else {
                        run.append(e);
                    }
                } else if ("?*{".indexOf(c) >= 0) {
                    if (run.length() > 0) {
                        run.setLength(run.length() - 1);
                    }
                    best = longer(best, run);
                    run.setLength(0);
                } else if ("[](){}+^$.|".indexOf(c) >= 0) {
                    best = longer(best, run);
                    run.setLength(0);
                    if (c == '[') {
                        int close = alt.indexOf(']', i + 1);
                        i = close < 0 ? alt.length() : close;
                    }
                } else {
                    run.append(c);
                }
            }
            best = longer(best, run);
            if (best.length() < 3) {
                return List.of();
            }
            out.add(best);
        }
        return out;
    }

    private static String longer(String best, StringBuilder run) {
        return run.length() > best.length() ? run.toString() : best;
    }

    private static List<String> topLevelAlternatives(String regex) {
        List<String> alts = new ArrayList<>();
        int depth = 0;
        boolean inClass = false;
        int start = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                alts.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        alts.add(regex.substring(start));
        return alts;
    }

    private static Map<String, Rule> load() {
        Map<String, Rule> map = new LinkedHashMap<>();
        try (InputStream in = ComponentTagger.class.getResourceAsStream("components.tsv")) {
            if (in == null) {
                throw new IllegalStateException("components.tsv missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                if (l.isBlank() || l.startsWith("#")) {
                    continue;
                }
                String[] kv = l.split("\t", 2);
                if (kv.length == 2) {
                    String regex = lowerLiterals(kv[1].strip());
                    map.put(kv[0].strip(), new Rule(Pattern.compile(regex), requiredLiterals(regex)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return map;
    }
}
