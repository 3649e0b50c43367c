package dev.fieldshell.kb.source;

/**
 * Bounds that keep hostile or broken input from exhausting memory or time.
 *
 * @param maxLineBytes         a longer line is cut there and the rest of it skipped
 * @param maxMessageBytes      a longer mail or crash log is skipped
 * @param maxJsonElementBytes  a longer GitHub issue object is skipped
 * @param maxJsonDepth         deeper JSON nesting is rejected
 * @param maxExpandedBytes     a compressed input expanding past this is cut there
 * @param maxExpansionRatio    after {@code ratioCheckAfterBytes}, expanded/compressed above this is a bomb
 * @param ratioCheckAfterBytes when the ratio check starts
 */
public record ImportLimits(int maxLineBytes, long maxMessageBytes, long maxJsonElementBytes, int maxJsonDepth,
        long maxExpandedBytes, int maxExpansionRatio, long ratioCheckAfterBytes) {

    public static final ImportLimits DEFAULT = new ImportLimits(1 << 20, 16L << 20, 32L << 20, 64, 2L << 30, 200, 64L << 20);
}
