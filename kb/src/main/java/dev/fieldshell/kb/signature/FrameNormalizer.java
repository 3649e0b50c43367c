package dev.fieldshell.kb.signature;

/**
 * Turns a decoded function name into the form signatures compare: argument lists, return types,
 * {@code const}/reference qualifiers and compiler clone suffixes dropped, template arguments
 * collapsed to {@code <T>}, lambdas to {@code {lambda}}. {@code OvmsConsole::Poll(unsigned int, void*)}
 * becomes {@code OvmsConsole::Poll}. Pure, linear, never throws.
 */
public final class FrameNormalizer {
    private FrameNormalizer() {}

    private static final int MAX_LENGTH = 1000;
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s{2,}");
    private static final String[] CLONE_SUFFIXES = {".constprop", ".isra", ".part", ".cold", ".lto_priv", ".localalias", ".clone"};

    public static String normalize(String function) {
        if (function == null) {
            return "";
        }
        // The same few thousand names recur in every backtrace: remember them (bounded, cleared when full).
        String known = MEMO.get(function);
        if (known != null) {
            return known;
        }
        String n = normalizeUncached(function);
        if (MEMO.size() >= MEMO_SIZE) {
            MEMO.clear();
        }
        MEMO.put(function, n);
        return n;
    }

    private static final int MEMO_SIZE = 32_768;
    private static final java.util.Map<String, String> MEMO = new java.util.concurrent.ConcurrentHashMap<>();

    private static String normalizeUncached(String function) {
        String s = function.strip();
        if (s.length() > MAX_LENGTH) {
            s = s.substring(0, MAX_LENGTH);
        }
        if (s.isEmpty() || s.equals("??") || s.equals("?")) {
            return "";
        }
        s = dropCloneBrackets(s);
        s = dropCloneSuffixes(s);
        s = collapseLambdas(s);
        s = collapseTemplates(s);
        s = dropTrailingQualifiers(s);
        s = dropScopeArguments(s);
        s = dropArguments(s);
        s = dropTrailingQualifiers(s);
        s = dropReturnType(s);
        return SPACES.matcher(s).replaceAll(" ").strip();
    }

    /** {@code f [clone .constprop.0]} → {@code f} */
    private static String dropCloneBrackets(String s) {
        int i;
        while ((i = s.indexOf(" [clone ")) >= 0) {
            int e = s.indexOf(']', i);
            s = e < 0 ? s.substring(0, i) : s.substring(0, i) + s.substring(e + 1);
        }
        return s;
    }

    /** {@code f.constprop.3}, {@code f.isra.0}, {@code f.part.1}, {@code f.cold} → {@code f} */
    private static String dropCloneSuffixes(String s) {
        for (String suffix : CLONE_SUFFIXES) {
            int i;
            int from = 0;
            while ((i = s.indexOf(suffix, from)) > 0) {
                int e = i + suffix.length();
                if (e < s.length() && Character.isLetterOrDigit(s.charAt(e)) && s.charAt(e) != '.') {
                    from = e;
                    continue; // ".partial" is a name, not a clone suffix
                }
                while (e < s.length() && (s.charAt(e) == '.' || Character.isDigit(s.charAt(e)))) {
                    e++;
                }
                s = s.substring(0, i) + s.substring(e);
                from = i;
            }
        }
        return s;
    }

    /** {@code {lambda(int)#1}} → {@code {lambda}} */
    private static String collapseLambdas(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("{lambda(", i)) {
                int e = s.indexOf('}', i);
                if (e > 0) {
                    sb.append("{lambda}");
                    i = e + 1;
                    continue;
                }
            }
            sb.append(s.charAt(i++));
        }
        return sb.toString();
    }

    /** Every outermost {@code <…>} becomes {@code <T>}; {@code operator<}, {@code operator<<}, {@code operator->} are left alone. */
    private static String collapseTemplates(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (depth == 0 && endsWithOperator(sb) && (c == '<' || c == '>' || c == '-' || c == '=')) {
                sb.append(c);
                while (i + 1 < s.length() && "<>=".indexOf(s.charAt(i + 1)) >= 0) {
                    sb.append(s.charAt(++i));
                }
                continue;
            }
            if (c == '<') {
                if (depth == 0) {
                    sb.append("<T>");
                }
                depth++;
            } else if (c == '>' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean endsWithOperator(StringBuilder sb) {
        int n = sb.length();
        return n >= 8 && sb.substring(n - 8).equals("operator");
    }

    private static String dropTrailingQualifiers(String s) {
        String t = s.strip();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String q : new String[] {" const", " volatile", " &&", " &", " noexcept", "&&", "&"}) {
                if (t.endsWith(q) && !t.endsWith("operator" + q.strip()) && t.length() > q.length()) {
                    t = t.substring(0, t.length() - q.length()).strip();
                    changed = true;
                }
            }
        }
        return t;
    }

    /** {@code Outer::f(int)::{lambda}} → {@code Outer::f::{lambda}}: argument lists inside a qualified name. */
    private static String dropScopeArguments(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '(' && i > 0 && !s.startsWith("(anonymous namespace)", i) && !sb.toString().endsWith("operator")) {
                int depth = 0;
                int j = i;
                for (; j < s.length(); j++) {
                    char d = s.charAt(j);
                    if (d == '(') {
                        depth++;
                    } else if (d == ')' && --depth == 0) {
                        break;
                    }
                }
                if (j < s.length() && s.startsWith("::", j + 1)) {
                    i = j + 1;
                    continue;
                }
            }
            sb.append(c);
            i++;
        }
        return sb.toString();
    }

    /** Drops the last parenthesised group when it ends the name, except the parens of {@code operator()}. */
    private static String dropArguments(String s) {
        if (!s.endsWith(")")) {
            return s;
        }
        int depth = 0;
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(') {
                depth--;
                if (depth == 0) {
                    String head = s.substring(0, i).stripTrailing();
                    if (head.isEmpty() || head.endsWith("operator")) {
                        return s;
                    }
                    return head;
                }
            }
        }
        return s;
    }

    /** {@code void foo<T>} → {@code foo<T>}: keeps what follows the last top-level blank, but {@code operator new} whole. */
    private static String dropReturnType(String s) {
        int depth = 0;
        int lastSpace = -1;
        int prevSpace = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '<' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == '>' || c == ']' || c == '}') && depth > 0) {
                depth--;
            } else if (c == ' ' && depth == 0) {
                prevSpace = lastSpace;
                lastSpace = i;
            }
        }
        if (lastSpace < 0) {
            return s;
        }
        String before = s.substring(0, lastSpace);
        if (before.endsWith("operator")) {
            return prevSpace < 0 ? s : s.substring(prevSpace + 1);
        }
        return s.substring(lastSpace + 1);
    }
}
