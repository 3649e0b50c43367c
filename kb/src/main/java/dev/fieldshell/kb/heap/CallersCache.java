package dev.fieldshell.kb.heap;

/**
 * Parses caller lists and hands out one shared {@link Callers} per distinct list recently seen, so a dump that
 * repeats the same few hundred chains a million times allocates nothing per record for them and the analysis
 * finds its chain by identity. Direct-mapped and fixed in size: a miss only costs an allocation.
 */
final class CallersCache {
    private static final int SLOTS = 1 << 12;

    private final Callers[] slots = new Callers[SLOTS];
    private long[] scratch = new long[16];
    private int n;

    /** Starts a new list. */
    void clear() {
        n = 0;
    }

    void add(long address) {
        if (n == scratch.length) {
            scratch = java.util.Arrays.copyOf(scratch, n * 2);
        }
        scratch[n++] = address;
    }

    /** The list added since {@link #clear}. */
    Callers get() {
        if (n == 0) {
            return Callers.NONE;
        }
        int h = Callers.hash(scratch, n);
        int i = (h ^ (h >>> 16)) & (SLOTS - 1);
        Callers c = slots[i];
        if (c != null && c.sameAs(scratch, n, h)) {
            return c;
        }
        c = Callers.of(scratch, n, h);
        slots[i] = c;
        return c;
    }

    /**
     * {@code 0x400d276d:0x400d27c1} (or space-separated) in {@code b[from, to)} → caller addresses; zero padding and
     * tokens that are not {@code 0x} numbers of at most 16 digits are dropped.
     */
    Callers parse(byte[] b, int from, int to) {
        clear();
        int k = from;
        while (k < to) {
            while (k < to && (b[k] == ':' || b[k] == ' ')) {
                k++;
            }
            int start = k;
            while (k < to && b[k] != ':' && b[k] != ' ') {
                k++;
            }
            if (k - start > 2 && k - start <= 18 && b[start] == '0' && b[start + 1] == 'x') {
                long a = ByteCursor.hex(b, start + 2, k);
                if (a > 0) {
                    add(a);
                }
            }
        }
        return get();
    }
}
