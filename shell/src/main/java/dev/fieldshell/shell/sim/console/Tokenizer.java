package dev.fieldshell.shell.sim.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The module's command-line tokenizer, as microrl's {@code split()} does it (reference §3.1).
 *
 * <p>Tokens are separated by spaces only (runs collapse). A token that <em>starts</em> with
 * {@code '} or {@code "} runs to the next identical quote, which must be followed by a space or
 * the end of the line. There is no escape character. At most 10 quoted tokens and 128 tokens.
 * Any violation fails the whole line.
 */
public final class Tokenizer {
    public static final int MAX_TOKENS = 128;
    public static final int MAX_QUOTED = 10;
    public static final String ERROR = "ERROR:too many tokens or invalid quoting";

    private Tokenizer() {}

    /** The tokens of {@code line}, or empty when microrl would print {@link #ERROR}. */
    public static Optional<List<String>> split(String line) {
        List<String> tokens = new ArrayList<>();
        int quoted = 0;
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                return Optional.of(tokens);
            }
            char c = line.charAt(i);
            if (c == '"' || c == '\'') {
                if (++quoted > MAX_QUOTED) {
                    return Optional.empty();
                }
                int close = line.indexOf(c, i + 1);
                if (close < 0) {
                    return Optional.empty();
                }
                if (close + 1 < n && line.charAt(close + 1) != ' ') {
                    return Optional.empty();
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
            if (tokens.size() > MAX_TOKENS) {
                return Optional.empty();
            }
        }
    }
}
