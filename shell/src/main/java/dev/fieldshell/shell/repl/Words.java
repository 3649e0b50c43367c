package dev.fieldshell.shell.repl;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a local command line into words the way the module's tokenizer does: spaces separate,
 * a quote ({@code "} or {@code '}) only at the start of a word quotes up to the same quote, no
 * backslash escapes. Unlike the module, an unterminated quote takes the rest of the line.
 */
public final class Words {
    private Words() {}

    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            char c = line.charAt(i);
            if (c == '"' || c == '\'') {
                int end = line.indexOf(c, i + 1);
                if (end < 0) {
                    words.add(line.substring(i + 1));
                    break;
                }
                words.add(line.substring(i + 1, end));
                i = end + 1;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                words.add(line.substring(start, i));
            }
        }
        return words;
    }

    /**
     * Splits {@code -c} text into lines at {@code ;} outside quotes (a quote counts only at the
     * start of a word, as on the module), trimming each and dropping empty ones.
     */
    public static List<String> splitStatements(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        char prev = ' ';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                cur.append(c);
            } else if ((c == '"' || c == '\'') && Character.isWhitespace(prev)) {
                quote = c;
                cur.append(c);
            } else if (c == ';' || c == '\n') {
                add(out, cur);
                c = ' ';
            } else {
                cur.append(c);
            }
            prev = c;
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        cur.setLength(0);
    }
}
