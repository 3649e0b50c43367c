package dev.fieldshell.kb.heap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Finds the per-occurrence size multiset of a chain from its live sizes and the bursts it was allocated in. */
final class FingerprintFinder {
    private static final int MAX_BLOCKS = 32;

    private FingerprintFinder() {}

    /**
     * @param aliveSizes live block size → count
     * @param shapes     burst shape ({@code "2/3/12"}, sizes ascending) → how many bursts had it
     * @param minRepeats how often a pattern must occur to count
     */
    static Fingerprint find(SortedMap<Long, Long> aliveSizes, Map<String, Long> shapes, int minRepeats) {
        Fingerprint best = Fingerprint.NONE;
        for (Map.Entry<String, Long> e : shapes.entrySet()) {
            if (e.getValue() < minRepeats) {
                continue;
            }
            List<Long> sizes = parse(e.getKey());
            long repeats = repeats(sizes, aliveSizes);
            if (repeats >= minRepeats && score(sizes, repeats) > score(best.sizes(), best.repeats())) {
                best = new Fingerprint(sizes, repeats, "bursts");
            }
        }
        if (best.found()) {
            return best;
        }
        long g = 0;
        long blocks = 0;
        for (long c : aliveSizes.values()) {
            g = gcd(g, c);
        }
        if (g >= minRepeats) {
            List<Long> sizes = new ArrayList<>();
            for (Map.Entry<Long, Long> e : aliveSizes.entrySet()) {
                for (long i = 0; i < e.getValue() / g; i++) {
                    sizes.add(e.getKey());
                }
                blocks += e.getValue() / g;
            }
            if (blocks <= MAX_BLOCKS) {
                return new Fingerprint(sizes, g, "counts");
            }
        }
        return Fingerprint.NONE;
    }

    /** Whole occurrences of {@code sizes} that {@code aliveSizes} holds. */
    static long repeats(List<Long> sizes, SortedMap<Long, Long> aliveSizes) {
        if (sizes.isEmpty()) {
            return 0;
        }
        TreeMap<Long, Long> need = new TreeMap<>();
        sizes.forEach(s -> need.merge(s, 1L, Long::sum));
        long r = Long.MAX_VALUE;
        for (Map.Entry<Long, Long> e : need.entrySet()) {
            r = Math.min(r, aliveSizes.getOrDefault(e.getKey(), 0L) / e.getValue());
        }
        return r;
    }

    private static long score(List<Long> sizes, long repeats) {
        return sizes.size() * repeats;
    }

    private static List<Long> parse(String shape) {
        List<Long> out = new ArrayList<>();
        for (String s : shape.split("/")) {
            out.add(Long.parseLong(s));
        }
        return out;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
