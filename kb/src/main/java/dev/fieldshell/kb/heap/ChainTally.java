package dev.fieldshell.kb.heap;

import dev.fieldshell.kb.crash.Frame;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Running totals for one chain in one window; constant memory apart from distinct sizes and burst shapes. */
final class ChainTally {
    private static final int MAX_SHAPES = 64;
    private static final int MAX_BURST = 64;

    final String key;
    final List<Frame> frames;
    final boolean allocatorOnly;
    /** Position in its window's chain list (the live-block table refers to chains by it). */
    final int index;
    long count;
    long bytes;
    long alive;
    long aliveBytes;
    long firstRaw = -1;
    long lastRaw = -1;
    long firstT = Long.MIN_VALUE;
    long lastT = Long.MIN_VALUE;
    long firstAliveT = Long.MIN_VALUE;
    /** Live block size → blocks. */
    final LongCounts aliveSizes = new LongCounts();
    final Timeline timeline = new Timeline();
    /** Bursts of one block, by its size, and longer bursts by their sorted sizes: no string per burst. */
    private final LongCounts singleShapes = new LongCounts();
    private final Map<Shape, long[]> shapes = new HashMap<>();
    private long[] burst = new long[8];
    private int burstLen;
    private boolean burstOverflow;
    private long lastAliveT = Long.MIN_VALUE;

    ChainTally(String key, List<Frame> frames, boolean allocatorOnly, int index) {
        this.key = key;
        this.index = index;
        this.frames = frames;
        this.allocatorOnly = allocatorOnly;
    }

    /** Adds a record at time {@code t} (cycles since the window's origin, or MIN_VALUE when unknown). */
    void add(HeapRecord r, long t, long burstGapCycles) {
        count++;
        bytes += r.size();
        if (r.ccount() >= 0) {
            if (firstRaw < 0) {
                firstRaw = r.ccount();
            }
            lastRaw = r.ccount();
        }
        if (t != Long.MIN_VALUE) {
            if (firstT == Long.MIN_VALUE) {
                firstT = t;
            }
            lastT = t;
            timeline.add(t);
        }
        if (r.alive()) {
            alive++;
            aliveBytes += r.size();
            aliveSizes.increment(r.size());
            if (firstAliveT == Long.MIN_VALUE) {
                firstAliveT = t;
            }
            boolean sameBurst = t != Long.MIN_VALUE && lastAliveT != Long.MIN_VALUE && t - lastAliveT <= burstGapCycles;
            if (!sameBurst) {
                closeBurst();
            }
            if (burstLen == burst.length) {
                if (burstLen >= MAX_BURST) {
                    burstOverflow = true;
                } else {
                    burst = Arrays.copyOf(burst, burstLen * 2);
                }
            }
            if (!burstOverflow) {
                burst[burstLen++] = r.size();
            }
            lastAliveT = t == Long.MIN_VALUE ? lastAliveT : t;
        }
    }

    /** A block of this chain was freed after it was recorded (host mode). */
    void released(long size) {
        alive--;
        aliveBytes -= size;
        aliveSizes.decrement(size);
    }

    void closeBurst() {
        if (burstLen > 0 && !burstOverflow) {
            boolean room = singleShapes.size() + shapes.size() < MAX_SHAPES;
            if (burstLen == 1) {
                if (room || singleShapes.contains(burst[0])) {
                    singleShapes.increment(burst[0]);
                }
            } else {
                long[] sorted = Arrays.copyOf(burst, burstLen);
                Arrays.sort(sorted);
                Shape key = new Shape(sorted);
                long[] c = shapes.get(key);
                if (c != null) {
                    c[0]++;
                } else if (room) {
                    shapes.put(key, new long[] {1});
                }
            }
        }
        burstLen = 0;
        burstOverflow = false;
    }

    /** Each burst shape as {@code "2/3/12"} (sizes ascending) with how many bursts had it. */
    void forEachShape(java.util.function.BiConsumer<String, Long> each) {
        singleShapes.forEach((size, n) -> each.accept(Long.toString(size), n));
        shapes.forEach((shape, n) -> each.accept(shape.toString(), n[0]));
    }

    /** Sorted sizes of one burst, compared by value. */
    private record Shape(long[] sizes, int hash) {
        Shape(long[] sizes) {
            this(sizes, Arrays.hashCode(sizes));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Shape s && s.hash == hash && Arrays.equals(s.sizes, sizes);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            StringBuilder k = new StringBuilder();
            for (long v : sizes) {
                if (!k.isEmpty()) {
                    k.append('/');
                }
                k.append(v);
            }
            return k.toString();
        }
    }
}
