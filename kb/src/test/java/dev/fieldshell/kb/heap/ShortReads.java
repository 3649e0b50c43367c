package dev.fieldshell.kb.heap;

import java.io.InputStream;
import java.util.Random;

/** Test input that hands out its bytes in random short pieces, as a pipe or a decompressor may. */
final class ShortReads extends InputStream {
    private final byte[] data;
    private final Random rnd;
    private final int most;
    private int pos;

    /** Pieces of 1–50 bytes or 1–70,000 bytes, half and half. */
    ShortReads(byte[] data, Random rnd) {
        this(data, rnd, 0);
    }

    /** Pieces of 1 to {@code most} bytes. */
    ShortReads(byte[] data, Random rnd, int most) {
        this.data = data;
        this.rnd = rnd;
        this.most = most;
    }

    @Override
    public int read() {
        return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= data.length) {
            return -1;
        }
        int n = Math.min(Math.min(len, data.length - pos), 1 + rnd.nextInt(most > 0 ? most : rnd.nextBoolean() ? 50 : 70_000));
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }
}
