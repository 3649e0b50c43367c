package dev.fieldshell.kb.heap;

/**
 * Counts events over time in a fixed number of buckets whose width doubles whenever a later time
 * arrives, so memory stays constant however long the window is. Widths are the base width times a
 * power of two, so timelines sharing a base can be put on a common width exactly.
 */
final class Timeline {
    static final int BUCKETS = 64;
    static final long BASE_WIDTH = 1L << 16;

    private final long[] counts = new long[BUCKETS];
    private long width = BASE_WIDTH;
    /** log2 of width: a shift instead of a division, since this runs per record. */
    private int shift = Long.numberOfTrailingZeros(BASE_WIDTH);

    void add(long t) {
        if (t < 0) {
            t = 0;
        }
        while ((t >>> shift) >= BUCKETS) {
            for (int i = 0; i < BUCKETS / 2; i++) {
                counts[i] = counts[2 * i] + counts[2 * i + 1];
            }
            for (int i = BUCKETS / 2; i < BUCKETS; i++) {
                counts[i] = 0;
            }
            width *= 2;
            shift++;
        }
        counts[(int) (t >>> shift)]++;
    }

    long width() {
        return width;
    }

    /** The counts re-binned to {@code target} width (a multiple of this one's), covering {@code span} cycles. */
    long[] rebin(long target, long span) {
        int n = (int) Math.max(1, Math.min(BUCKETS, (span + target) / target));
        long[] out = new long[n];
        long factor = Math.max(1, target / width);
        for (int i = 0; i < BUCKETS; i++) {
            int j = (int) (i / factor);
            if (counts[i] != 0) {
                out[Math.min(j, n - 1)] += counts[i];
            }
        }
        return out;
    }
}
