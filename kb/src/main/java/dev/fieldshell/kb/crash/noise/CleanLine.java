package dev.fieldshell.kb.crash.noise;

/**
 * One line of crash text after noise removal.
 *
 * @param text       the line without ANSI codes, timestamps, log prefixes, quoting or line-end marks
 * @param lineNumber 1-based line in the original input it came from (a flattened line split into
 *                   several clean lines gives them all the same number)
 * @param quoteDepth how many mail quote levels ({@code >}) the original line had
 * @param level      the level letter of the ESP_LOG prefix removed from it ({@code E}, {@code W}, {@code I},
 *                   {@code D}, {@code V}), or {@link #NO_LEVEL}: an {@code E} line right before an abort is
 *                   usually why the firmware gave up
 * @param logTag     the tag of that prefix ({@code system_api}); empty when none
 */
public record CleanLine(String text, int lineNumber, int quoteDepth, char level, String logTag) {
    public static final char NO_LEVEL = '\0';

    public CleanLine {
        text = text == null ? "" : text;
        logTag = logTag == null ? "" : logTag;
    }

    public CleanLine(String text, int lineNumber, int quoteDepth) {
        this(text, lineNumber, quoteDepth, NO_LEVEL, "");
    }

    public boolean isBlank() {
        return text.isBlank();
    }
}
