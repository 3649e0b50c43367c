package dev.fieldshell.kb.heap;

/**
 * Address → (chain index, size) of blocks still live in a window: open addressing over primitive
 * arrays, because it is touched once per record and boxing would dominate the analysis time.
 */
final class LiveBlocks {
    private static final long EMPTY = Long.MIN_VALUE;

    /** Key and value of slot i at 2i and 2i+1: one cache line per probe instead of two. */
    private long[] table;
    private int mask;
    private int size;
    private final int limit;

    LiveBlocks(int limit) {
        this.limit = limit;
        table = emptyTable(1024);
        mask = 1023;
    }

    int size() {
        return size;
    }

    boolean full() {
        return size >= limit;
    }

    /** Puts a block; returns false when the table is at its limit and the address was new. */
    boolean put(long address, int chain, long blockSize) {
        if (size * 2 >= mask + 1) {
            grow();
        }
        int i = slot(address);
        long[] t = table;
        while (t[2 * i] != EMPTY) {
            if (t[2 * i] == address) {
                t[2 * i + 1] = pack(chain, blockSize);
                return true;
            }
            i = (i + 1) & mask;
        }
        if (size >= limit) {
            return false;
        }
        t[2 * i] = address;
        t[2 * i + 1] = pack(chain, blockSize);
        size++;
        return true;
    }

    /** Removes a block; its packed value, or -1 when it was not there. */
    long remove(long address) {
        int i = slot(address);
        long[] t = table;
        while (t[2 * i] != EMPTY) {
            if (t[2 * i] == address) {
                long v = t[2 * i + 1];
                deleteAt(i);
                return v;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    static int chainOf(long packed) {
        return (int) (packed >>> 32);
    }

    static long sizeOf(long packed) {
        return packed & 0xffffffffL;
    }

    private static long pack(int chain, long blockSize) {
        return ((long) chain << 32) | (blockSize & 0xffffffffL);
    }

    private int slot(long address) {
        long h = address * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }

    /** Backward-shift deletion keeps probe chains intact without tombstones. */
    private void deleteAt(int i) {
        long[] t = table;
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            long k = t[2 * j];
            if (k == EMPTY) {
                break;
            }
            int home = slot(k);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                t[2 * hole] = k;
                t[2 * hole + 1] = t[2 * j + 1];
                hole = j;
            }
        }
        t[2 * hole] = EMPTY;
        size--;
    }

    private static long[] emptyTable(int slots) {
        long[] t = new long[2 * slots];
        for (int i = 0; i < t.length; i += 2) {
            t[i] = EMPTY;
        }
        return t;
    }

    private void grow() {
        long[] old = table;
        int slots = (mask + 1) * 2;
        table = emptyTable(slots);
        mask = slots - 1;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != EMPTY) {
                int s = slot(old[i]);
                while (table[2 * s] != EMPTY) {
                    s = (s + 1) & mask;
                }
                table[2 * s] = old[i];
                table[2 * s + 1] = old[i + 1];
            }
        }
    }
}
