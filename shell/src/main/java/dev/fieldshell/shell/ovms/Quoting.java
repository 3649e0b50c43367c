package dev.fieldshell.shell.ovms;

import java.util.ArrayList;
import java.util.List;

/**
 * Quoting of command arguments by the module's tokenizer rules (console reference §3.1): quotes
 * count only at the start of a token, a closing quote must be followed by a space or the end of
 * the line, and there are no escapes. Some texts therefore cannot be carried on a command line at
 * all; those are refused with the reason, never altered.
 *
 * <p>Non-ASCII is refused too. microrl drops bytes it takes for control characters with
 * {@code (x) <= 31} on a plain {@code char}; on Xtensa GCC {@code char} is unsigned, so UTF-8 bytes
 * are probably kept, but that is unverified on a real module (§11). A file holding non-ASCII text
 * goes up by scp when the link can upload, or the plan is refused.
 */
public final class Quoting {

    private Quoting() {}

    /** One argument, either carried as a token or refused. */
    public sealed interface Arg {
        /** The argument written as a token that the tokenizer turns back into exactly the text. */
        record Token(String token, boolean quoted) implements Arg {}

        /** The text cannot be carried as one argument. */
        record Refused(String reason) implements Arg {}
    }

    /** A whole command line, or why it cannot be built. */
    public sealed interface Line {
        record Ok(String line) implements Line {}

        record Refused(String reason) implements Line {}
    }

    /** Writes {@code text} as one argument, bare when it needs no quotes, else in the quote kind it lacks. */
    public static Arg arg(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 31 || c == 127) {
                return new Arg.Refused(String.format("control character 0x%02x at offset %d: the line editor drops it or acts on it", (int) c, i));
            }
            if (c > 126) {
                return new Arg.Refused(String.format("non-ASCII character U+%04X at offset %d: whether a module keeps it is unverified", (int) c, i));
            }
        }
        boolean needsQuotes = text.isEmpty() || text.indexOf(' ') >= 0 || text.startsWith("\"") || text.startsWith("'");
        if (!needsQuotes) {
            return new Arg.Token(text, false);
        }
        if (text.indexOf('"') < 0) {
            return new Arg.Token('"' + text + '"', true);
        }
        if (text.indexOf('\'') < 0) {
            return new Arg.Token('\'' + text + '\'', true);
        }
        return new Arg.Refused("holds both quote kinds and " + (text.indexOf(' ') >= 0 ? "a space" : "starts with a quote")
                + ": the module's tokenizer has no escapes");
    }

    /**
     * Builds a command line from fixed words (written as is) and arguments (quoted as needed), and
     * proves it by splitting it again with {@link Tokenizer}: the result must be exactly the words
     * followed by the arguments.
     */
    public static Line line(List<String> words, List<String> args) {
        if (!args.isEmpty() && args.get(args.size() - 1).equals("?")) {
            // Reference §3.2: a last argument of "?" (quoted or not, the quotes are gone by then)
            // makes the module print the command's usage instead of running it.
            return new Line.Refused("the last argument of '" + String.join(" ", words) + "' is '?', which makes the module print the usage instead of running it");
        }
        StringBuilder sb = new StringBuilder(String.join(" ", words));
        for (int i = 0; i < args.size(); i++) {
            Arg a = arg(args.get(i));
            if (a instanceof Arg.Refused r) {
                return new Line.Refused("argument " + (i + 1) + " of '" + String.join(" ", words) + "': " + r.reason());
            }
            sb.append(' ').append(((Arg.Token) a).token());
        }
        String line = sb.toString();
        List<String> expected = new ArrayList<>();
        for (String w : words) {
            expected.addAll(List.of(w.split(" +")));
        }
        expected.addAll(args);
        return switch (Tokenizer.split(line)) {
            case Tokenizer.Split.Refused r -> new Line.Refused("'" + abbreviate(line) + "': " + r.reason());
            case Tokenizer.Split.Tokens t when t.tokens().equals(expected) -> new Line.Ok(line);
            case Tokenizer.Split.Tokens t -> new Line.Refused("'" + abbreviate(line) + "' would split into " + t.tokens().size()
                    + " arguments, not the " + expected.size() + " intended");
        };
    }

    public static Line line(String words, String... args) {
        return line(List.of(words), List.of(args));
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
