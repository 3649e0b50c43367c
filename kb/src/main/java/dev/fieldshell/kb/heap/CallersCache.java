package dev.fieldshell.kb.heap;

/**
 * Parses caller lists and hands out one shared {@link Callers} per distinct list recently seen, so a dump that
 * repeats the same few hundred chains a million times allocates nothing per record for them and the analysis
 * finds its chain by identity; a list given as text is looked up by its bytes before it is parsed. Fixed in
 * size (direct-mapped, the text cache two-way): a miss only costs a parse and an allocation.
 */
final class CallersCache {
    private static final int SLOTS = 1 << 12;

    /** Caller lists longer than this as text are parsed every time (the text cache keeps a copy of each). */
    private static final int MAX_TEXT = 512;

    private final Callers[] slots = new Callers[SLOTS];
    // the text cache: caller-list text (as bytes) → its parsed list
    private static final int TEXT_SLOTS = 1 << 13;
    private final byte[][] texts = new byte[TEXT_SLOTS][];
    private final int[] textHashes = new int[TEXT_SLOTS];
    private final Callers[] parsed = new Callers[TEXT_SLOTS];
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
     * tokens that are not {@code 0x} numbers of at most 16 digits are dropped. The same text gives the same list, so
     * text seen recently is looked up by its bytes and not parsed again.
     */
    Callers parse(byte[] b, int from, int to) {
        int n = to - from;
        if (n == 0 || n > MAX_TEXT) {
            return parseText(b, from, to);
        }
        int h = 1;
        for (int k = from; k < to; k++) {
            h = 31 * h + b[k];
        }
        // two ways: a text and the one it collides with can both stay (a dump repeats some hundreds of lists)
        int i = (h ^ (h >>> 16)) & (TEXT_SLOTS - 1);
        if (textHashes[i] == h && texts[i] != null && java.util.Arrays.equals(texts[i], 0, texts[i].length, b, from, to)) {
            return parsed[i];
        }
        int j = i ^ 1;
        if (textHashes[j] == h && texts[j] != null && java.util.Arrays.equals(texts[j], 0, texts[j].length, b, from, to)) {
            return parsed[j];
        }
        Callers c = parseText(b, from, to);
        texts[j] = texts[i];
        textHashes[j] = textHashes[i];
        parsed[j] = parsed[i];
        texts[i] = java.util.Arrays.copyOfRange(b, from, to);
        textHashes[i] = h;
        parsed[i] = c;
        return c;
    }

    private Callers parseText(byte[] b, int from, int to) {
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
