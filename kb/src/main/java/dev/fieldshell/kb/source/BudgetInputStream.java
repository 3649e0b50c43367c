package dev.fieldshell.kb.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Lets at most a budget of bytes through between calls to {@link #renew()}: one over-large JSON
 * element fails with a {@link LimitExceededException} instead of being built in memory.
 */
final class BudgetInputStream extends FilterInputStream {
    private final long budget;
    private long used;
    private long total;

    BudgetInputStream(InputStream in, long budget) {
        super(in);
        this.budget = budget;
    }

    void renew() {
        used = 0;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (used >= budget) {
            throw new LimitExceededException(total, "JSON element larger than " + budget + " bytes");
        }
        int n = super.read(b, off, (int) Math.min(len, budget - used));
        if (n > 0) {
            used += n;
            total += n;
        }
        return n;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
