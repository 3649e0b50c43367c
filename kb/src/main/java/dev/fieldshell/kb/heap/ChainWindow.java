package dev.fieldshell.kb.heap;

import java.util.OptionalLong;

/**
 * One chain in one window.
 *
 * @param window          the window's label
 * @param count           allocations by this chain
 * @param bytes           bytes allocated
 * @param alive           of those, not freed
 * @param aliveBytes      bytes not freed
 * @param firstCcount     raw CCOUNT of the first allocation, -1 when absent
 * @param lastCcount      raw CCOUNT of the last allocation, -1 when absent
 * @param firstLogtimeMs  first allocation in OVMS log time (from the header's anchor), when anchored
 * @param lastLogtimeMs   last allocation in log time, when anchored
 * @param firstFraction   where in the window its first live block falls (0 = start, 1 = last record), NaN unknown
 * @param perMinute       allocations per minute over the window's duration, NaN when the duration is unknown
 * @param alivePerMinute  live blocks per minute, NaN when unknown
 * @param repeats         whole fingerprint occurrences in this window
 * @param timeline        allocations per bucket of the window's timeline
 */
public record ChainWindow(
        String window,
        long count,
        long bytes,
        long alive,
        long aliveBytes,
        long firstCcount,
        long lastCcount,
        OptionalLong firstLogtimeMs,
        OptionalLong lastLogtimeMs,
        double firstFraction,
        double perMinute,
        double alivePerMinute,
        long repeats,
        long[] timeline) {

    public boolean present() {
        return count > 0;
    }

    public static ChainWindow absent(String window, int buckets) {
        return new ChainWindow(window, 0, 0, 0, 0, -1, -1, OptionalLong.empty(), OptionalLong.empty(), Double.NaN, 0, 0,
                0, new long[buckets]);
    }
}
