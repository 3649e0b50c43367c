package dev.fieldshell.kb.heap;

import dev.fieldshell.kb.crash.Frame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The raw caller addresses of a record, innermost first, zero padding dropped. Kept as primitives with the
 * hash computed once, because the analysis looks a chain up by them for every record.
 */
public final class Callers {
    public static final Callers NONE = new Callers(new long[0]);

    private final long[] addresses;
    private final int hash;

    private Callers(long[] addresses) {
        this(addresses, Arrays.hashCode(addresses));
    }

    private Callers(long[] addresses, int hash) {
        this.addresses = addresses;
        this.hash = hash;
    }

    /** {@link Arrays#hashCode(long[])} of the first {@code n} addresses of {@code a}. */
    static int hash(long[] a, int n) {
        int h = 1;
        for (int i = 0; i < n; i++) {
            long v = a[i];
            h = 31 * h + (int) (v ^ (v >>> 32));
        }
        return h;
    }

    /** Whether these are exactly the first {@code n} addresses of {@code a}, whose {@link #hash} is {@code h}. */
    boolean sameAs(long[] a, int n, int h) {
        return h == hash && n == addresses.length && Arrays.equals(addresses, 0, n, a, 0, n);
    }

    static Callers of(long[] a, int n, int hash) {
        return n == 0 ? NONE : new Callers(Arrays.copyOf(a, n), hash);
    }

    /** The first {@code n} addresses of {@code a} (copied). */
    public static Callers of(long[] a, int n) {
        return n == 0 ? NONE : new Callers(Arrays.copyOf(a, n));
    }

    public int size() {
        return addresses.length;
    }

    public long address(int i) {
        return addresses[i];
    }

    /** As unresolved frames. */
    public List<Frame> frames() {
        List<Frame> out = new ArrayList<>(addresses.length);
        for (long a : addresses) {
            out.add(Frame.raw(a, 0));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Callers c && c.hash == hash && Arrays.equals(c.addresses, addresses));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (long a : addresses) {
            s.append(s.isEmpty() ? "" : ":").append("0x").append(Long.toHexString(a));
        }
        return s.toString();
    }
}
