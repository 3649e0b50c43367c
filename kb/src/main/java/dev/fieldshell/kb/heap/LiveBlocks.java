package dev.fieldshell.kb.heap;

/**
 * Address → (chain index, size) of blocks still live in a window: open addressing over primitive
 * arrays, because it is touched once per record and boxing would dominate the analysis time.
 */
final class LiveBlocks {
    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys;
    private long[] values;
    private int size;
    private final int limit;

    LiveBlocks(int limit) {
        this.limit = limit;
        keys = new long[1024];
        values = new long[1024];
        java.util.Arrays.fill(keys, EMPTY);
    }

    int size() {
        return size;
    }

    boolean full() {
        return size >= limit;
    }

    /** Puts a block; returns false when the table is at its limit and the address was new. */
    boolean put(long address, int chain, long blockSize) {
        if (size * 2 >= keys.length) {
            grow();
        }
        int i = slot(address);
        while (keys[i] != EMPTY) {
            if (keys[i] == address) {
                values[i] = pack(chain, blockSize);
                return true;
            }
            i = (i + 1) & (keys.length - 1);
        }
        if (size >= limit) {
            return false;
        }
        keys[i] = address;
        values[i] = pack(chain, blockSize);
        size++;
        return true;
    }

    /** Removes a block; its packed value, or -1 when it was not there. */
    long remove(long address) {
        int i = slot(address);
        while (keys[i] != EMPTY) {
            if (keys[i] == address) {
                long v = values[i];
                deleteAt(i);
                return v;
            }
            i = (i + 1) & (keys.length - 1);
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
        return (int) (h >>> 40) & (keys.length - 1);
    }

    /** Backward-shift deletion keeps probe chains intact without tombstones. */
    private void deleteAt(int i) {
        int mask = keys.length - 1;
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (keys[j] == EMPTY) {
                break;
            }
            int home = slot(keys[j]);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = EMPTY;
        size--;
    }

    private void grow() {
        long[] oldK = keys;
        long[] oldV = values;
        keys = new long[oldK.length * 2];
        values = new long[oldK.length * 2];
        java.util.Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < oldK.length; i++) {
            if (oldK[i] != EMPTY) {
                int s = slot(oldK[i]);
                while (keys[s] != EMPTY) {
                    s = (s + 1) & (keys.length - 1);
                }
                keys[s] = oldK[i];
                values[s] = oldV[i];
                size++;
            }
        }
    }
}
