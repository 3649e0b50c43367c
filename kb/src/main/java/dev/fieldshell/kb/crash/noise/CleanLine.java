package dev.fieldshell.kb.crash.noise;

/**
 * One line of crash text after noise removal.
 *
 * @param text       the line without ANSI codes, timestamps, log prefixes, quoting or line-end marks
 * @param lineNumber 1-based line in the original input it came from (a flattened line split into
 *                   several clean lines gives them all the same number)
 * @param quoteDepth how many mail quote levels ({@code >}) the original line had
 */
public record CleanLine(String text, int lineNumber, int quoteDepth) {
    public CleanLine {
        text = text == null ? "" : text;
    }

    public boolean isBlank() {
        return text.isBlank();
    }
}
