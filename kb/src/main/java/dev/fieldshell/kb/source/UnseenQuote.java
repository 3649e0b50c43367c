package dev.fieldshell.kb.source;

/**
 * What a thread already says, to tell which blocks of a comment's quote it does not hold yet
 * (blank-line separated, compared with runs of white space as one blank, so re-wrapped lines still
 * count as seen). The thread's text is kept collapsed and grows as comments are read, so a thread of
 * many quoting comments costs linear work; past {@link #MAX_CHARS} every quote counts as seen (the
 * old rule: quotes dropped), which bounds the work of a pathological thread.
 */
final class UnseenQuote {
    static final int MAX_CHARS = 256 * 1024;
    private static final java.util.regex.Pattern BLANK_LINE = java.util.regex.Pattern.compile("\n\\s*\n");

    private final StringBuilder seen = new StringBuilder();

    UnseenQuote(CharSequence start) {
        add(start);
    }

    void add(CharSequence text) {
        if (seen.length() <= MAX_CHARS) {
            seen.append(' ');
            collapse(text, seen);
        }
    }

    /** The blocks of {@code quoted} the thread does not hold, blank-line separated; "" when none. */
    String unseen(String quoted) {
        if (seen.length() > MAX_CHARS) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String block : BLANK_LINE.split(quoted)) {
            StringBuilder b = new StringBuilder();
            collapse(block, b);
            if (b.length() > 0 && seen.indexOf(b.toString()) < 0) {
                out.append(out.length() == 0 ? "" : "\n\n").append(block.strip());
            }
        }
        return out.toString();
    }

    private static void collapse(CharSequence s, StringBuilder sb) {
        int start = sb.length();
        boolean blank = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                blank = sb.length() > start;
            } else {
                if (blank) {
                    sb.append(' ');
                    blank = false;
                }
                sb.append(c);
            }
        }
    }
}
