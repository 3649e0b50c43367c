package dev.fieldshell.kb.heap;

import java.util.Arrays;

/**
 * Non-negative long → count, open addressing over primitive arrays: per-record tallies (live sizes,
 * single-block bursts) would otherwise box a {@code Long} on every record. Keys are never removed; a count
 * that drops to zero stays as an entry and is left out by {@link #forEach}.
 */
final class LongCounts {
    private static final long EMPTY = Long.MIN_VALUE;

    /** Receives one entry. */
    interface Entry {
        void accept(long key, long count);
    }

    private long[] keys = new long[16];
    private long[] counts = new long[16];
    private int size;

    LongCounts() {
        Arrays.fill(keys, EMPTY);
    }

    /** Distinct keys ever added. */
    int size() {
        return size;
    }

    void increment(long key) {
        int i = find(key);
        if (keys[i] == EMPTY) {
            if ((size + 1) * 2 > keys.length) {
                grow();
                i = find(key);
            }
            keys[i] = key;
            size++;
        }
        counts[i]++;
    }

    /** Counts one fewer of {@code key} if it has any. */
    void decrement(long key) {
        int i = find(key);
        if (keys[i] != EMPTY && counts[i] > 0) {
            counts[i]--;
        }
    }

    boolean contains(long key) {
        return keys[find(key)] != EMPTY;
    }

    /** Every key with a count above zero, in no particular order. */
    void forEach(Entry each) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY && counts[i] > 0) {
                each.accept(keys[i], counts[i]);
            }
        }
    }

    private int find(long key) {
        int mask = keys.length - 1;
        int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldK = keys;
        long[] oldC = counts;
        keys = new long[oldK.length * 2];
        counts = new long[oldK.length * 2];
        Arrays.fill(keys, EMPTY);
        for (int j = 0; j < oldK.length; j++) {
            if (oldK[j] != EMPTY) {
                int i = find(oldK[j]);
                keys[i] = oldK[j];
                counts[i] = oldC[j];
            }
        }
    }
}
