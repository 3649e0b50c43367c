package dev.fieldshell.shell.ovms;

import java.util.ArrayList;
import java.util.List;

/**
 * The module's command-line tokenizer (microrl {@code split()}, console reference §2 and §3.1), as a
 * pure function. fieldshell uses it to prove that every line it sends splits into exactly the
 * arguments it meant, before the line leaves the machine.
 */
public final class Tokenizer {

    /** microrl's line buffer holds 800 bytes, one of them the terminating NUL. */
    public static final int MAX_LINE = 799;
    public static final int MAX_TOKENS = 128;
    public static final int MAX_QUOTED_TOKENS = 10;
    /** What the module prints when {@code split()} fails; nothing of the line runs. */
    public static final String QUOTING_ERROR = "ERROR:too many tokens or invalid quoting";

    private Tokenizer() {}

    /** The outcome of splitting one line. */
    public sealed interface Split {
        /** The line splits into these arguments. */
        record Tokens(List<String> tokens) implements Split {}

        /** The module would refuse the line; {@code reason} says why in our words, {@code offset} where (char index). */
        record Refused(String reason, int offset) implements Split {}
    }

    /**
     * Splits a line as the module does. Lines the module would not even receive intact (longer
     * than {@link #MAX_LINE}, or with control characters that the line editor drops or acts on)
     * are refused here too, so that no caller relies on such a line.
     */
    public static Split split(String line) {
        if (line.length() > MAX_LINE) {
            return new Split.Refused("line is " + line.length() + " characters; the module keeps only " + MAX_LINE, MAX_LINE);
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c <= 31 || c == 127) {
                return new Split.Refused(String.format("control character 0x%02x; the line editor drops it or acts on it", (int) c), i);
            }
        }
        List<String> tokens = new ArrayList<>();
        int quoted = 0;
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                return new Split.Tokens(List.copyOf(tokens));
            }
            if (tokens.size() == MAX_TOKENS) {
                return new Split.Refused("more than " + MAX_TOKENS + " tokens", i);
            }
            char c = line.charAt(i);
            if (c == '"' || c == '\'') {
                int close = line.indexOf(c, i + 1);
                if (close < 0) {
                    return new Split.Refused("unterminated " + c + " quote", i);
                }
                if (close + 1 < n && line.charAt(close + 1) != ' ') {
                    return new Split.Refused("closing " + c + " quote is followed by '" + line.charAt(close + 1) + "', not a space", close);
                }
                if (++quoted > MAX_QUOTED_TOKENS) {
                    return new Split.Refused("more than " + MAX_QUOTED_TOKENS + " quoted tokens", i);
                }
                tokens.add(line.substring(i + 1, close));
                i = close + 1;
            } else {
                int end = line.indexOf(' ', i);
                if (end < 0) {
                    end = n;
                }
                tokens.add(line.substring(i, end));
                i = end;
            }
        }
    }
}
