package dev.fieldshell.kb.heap.view;

/** Eight-level block characters for a row of counts. */
final class Sparkline {
    private static final char[] LEVELS = {' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    private Sparkline() {}

    static String of(long[] counts, int width) {
        long[] c = fit(counts, width);
        long max = 0;
        for (long v : c) {
            max = Math.max(max, v);
        }
        StringBuilder sb = new StringBuilder(c.length);
        for (long v : c) {
            int level = max == 0 || v == 0 ? 0 : (int) Math.max(1, Math.round(8.0 * v / max));
            sb.append(LEVELS[level]);
        }
        return sb.toString();
    }

    /** Sums neighbouring buckets until at most {@code width} remain. */
    static long[] fit(long[] counts, int width) {
        if (counts.length <= width) {
            return counts;
        }
        int factor = (counts.length + width - 1) / width;
        long[] out = new long[(counts.length + factor - 1) / factor];
        for (int i = 0; i < counts.length; i++) {
            out[i / factor] += counts[i];
        }
        return out;
    }
}
