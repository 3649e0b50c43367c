package dev.fieldshell.kb.source;

import dev.fieldshell.kb.data.DataFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Names the components a text is about, by the patterns in {@code components.tsv}. */
final class ComponentTagger {
    /** A component's pattern and the literals one of which must occur for it to match (empty: always try). */
    private record Rule(Pattern pattern, List<Literal> literals) {}

    /**
     * A literal one alternative of a pattern must contain, and at most how many characters of that alternative
     * can come before it ({@link #UNKNOWN} when unbounded or not worked out, e.g. after a group or {@code *}).
     */
    record Literal(String text, int maxBefore) {
        static final int UNKNOWN = -1;
    }

    private static final Map<String, Rule> PATTERNS = load();
    private static final Rule[] RULES = PATTERNS.values().toArray(Rule[]::new);
    private static final String[] NAMES = PATTERNS.keySet().toArray(String[]::new);
    /** Every rule's literals, for one pass over the text; {@link #OWNER} and {@link #LITERAL} say whose each is. */
    private static final LiteralScanner SCANNER;
    private static final int[] OWNER;
    private static final Literal[] LITERAL;

    static {
        List<String> texts = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        List<Literal> literals = new ArrayList<>();
        for (int r = 0; r < RULES.length; r++) {
            for (Literal l : RULES[r].literals()) {
                texts.add(l.text());
                owners.add(r);
                literals.add(l);
            }
        }
        SCANNER = new LiteralScanner(texts);
        OWNER = owners.stream().mapToInt(Integer::intValue).toArray();
        LITERAL = literals.toArray(Literal[]::new);
    }

    private static final int SCAN_LIMIT = 200_000;
    /** Longest text a pattern may match before or after its required literal (patterns in the file stay well below). */
    private static final int LOOKBACK = 64;

    private ComponentTagger() {}

    static List<String> components(String text) {
        String t = (text.length() > SCAN_LIMIT ? text.substring(0, SCAN_LIMIT) : text).toLowerCase(java.util.Locale.ROOT);
        boolean[] matched = new boolean[RULES.length];
        java.util.regex.Matcher[] matchers = new java.util.regex.Matcher[RULES.length];
        // One pass for all rules' literals; a rule's pattern is tried only around its own literals' occurrences.
        SCANNER.scan(t, (literal, at) -> {
            int r = OWNER[literal];
            if (!matched[r]) {
                if (matchers[r] == null) {
                    matchers[r] = matcher(RULES[r], t);
                }
                matched[r] = matchesAt(matchers[r], LITERAL[literal], at, t.length());
            }
            return false;
        });
        List<String> out = new ArrayList<>();
        for (int r = 0; r < RULES.length; r++) {
            if (matched[r] || RULES[r].literals().isEmpty() && matcher(RULES[r], t).find()) {
                out.add(NAMES[r]);
            }
        }
        return out;
    }

    private static java.util.regex.Matcher matcher(Rule rule, String t) {
        return rule.pattern().matcher(t).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /**
     * Whether the rule's pattern matches around the occurrence of its literal at {@code at}. A match contains one of
     * the rule's literals, so only the text around each literal occurrence is tried (a scan to the end of the text
     * after a literal that does not complete a match was the costly case).
     */
    private static boolean matchesAt(java.util.regex.Matcher m, Literal literal, int at, int length) {
        int end = Math.min(length, at + literal.text().length() + LOOKBACK);
        if (literal.maxBefore() == Literal.UNKNOWN) {
            m.region(Math.max(0, at - LOOKBACK), end);
            return m.find();
        }
        // The match of this literal's alternative starts at most maxBefore characters before it: try only
        // those starts (usually just one) instead of scanning a window of 2 × LOOKBACK start positions.
        for (int start = Math.max(0, at - literal.maxBefore()); start <= at; start++) {
            m.region(start, end);
            if (m.lookingAt()) {
                return true;
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
        return literals(regex).stream().map(Literal::text).toList();
    }

    /** As {@link #requiredLiterals}, each with the most characters its alternative can match before it. */
    static List<Literal> literals(String regex) {
        List<Literal> out = new ArrayList<>();
        for (String alt : topLevelAlternatives(regex)) {
            String best = "";
            int bestAt = 0;
            StringBuilder run = new StringBuilder();
            int runAt = 0;
            for (int i = 0; i < alt.length(); i++) {
                char c = alt.charAt(i);
                if (c == '\\' && i + 1 < alt.length()) {
                    char e = alt.charAt(++i);
                    if (Character.isLetterOrDigit(e)) { // \b, \s, \d …: not a literal
                        if (run.length() > best.length()) {
                            best = run.toString();
                            bestAt = runAt;
                        }
                        run.setLength(0);
                    } else {
                        if (run.length() == 0) {
                            runAt = i - 1;
                        }
                        run.append(e);
                    }
                } else if ("?*{".indexOf(c) >= 0) {
                    if (run.length() > 0) {
                        run.setLength(run.length() - 1);
                    }
                    if (run.length() > best.length()) {
                        best = run.toString();
                        bestAt = runAt;
                    }
                    run.setLength(0);
                } else if ("[](){}+^$.|".indexOf(c) >= 0) {
                    if (run.length() > best.length()) {
                        best = run.toString();
                        bestAt = runAt;
                    }
                    run.setLength(0);
                    if (c == '[') {
                        int close = alt.indexOf(']', i + 1);
                        i = close < 0 ? alt.length() : close;
                    }
                } else {
                    if (run.length() == 0) {
                        runAt = i;
                    }
                    run.append(c);
                }
            }
            if (run.length() > best.length()) {
                best = run.toString();
                bestAt = runAt;
            }
            if (best.length() < 3) {
                return List.of();
            }
            out.add(new Literal(best, maxWidth(alt.substring(0, bestAt))));
        }
        return out;
    }

    /**
     * The most characters {@code prefix} (the start of an alternative) can match, or {@link Literal#UNKNOWN} when
     * that is unbounded or not simple: only single characters, escapes, classes, {@code ?} and zero-width
     * {@code \b}, {@code \B}, {@code ^} are counted; anything else (groups, {@code * + {n}}) gives up.
     */
    static int maxWidth(String prefix) {
        int width = 0;
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '\\' && i + 1 < prefix.length()) {
                char e = prefix.charAt(++i);
                if (e == 'b' || e == 'B') {
                    continue;
                }
                if (Character.isLetterOrDigit(e) && "dDsSwW".indexOf(e) < 0) {
                    return Literal.UNKNOWN; // \Q, \p{…}, back references …: not worth reading
                }
                width++;
            } else if (c == '[') {
                int close = prefix.indexOf(']', i + 2);
                if (close < 0 || prefix.indexOf('[', i + 1) >= 0 && prefix.indexOf('[', i + 1) < close) {
                    return Literal.UNKNOWN;
                }
                i = close;
                width++;
            } else if (c == '^') {
                continue;
            } else if (c == '?') {
                continue; // makes the previous single character optional: the maximum stays
            } else if ("()|*+{}$".indexOf(c) >= 0) {
                return Literal.UNKNOWN;
            } else {
                width++;
            }
        }
        return width;
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
        for (DataFile.Line line : DataFile.bundled(ComponentTagger.class, "components.tsv").lines()) {
            String[] kv = line.text().split("\t", 2);
            if (kv.length != 2) {
                throw line.bad("component<TAB>regular expression");
            }
            String regex = lowerLiterals(kv[1].strip());
            try {
                map.put(kv[0].strip(), new Rule(Pattern.compile(regex), literals(regex)));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw line.bad("component<TAB>regular expression (" + e.getDescription() + ")");
            }
        }
        return map;
    }
}
