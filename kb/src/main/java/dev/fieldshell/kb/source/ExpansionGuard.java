package dev.fieldshell.kb.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Wraps a decompressing stream and stops it when it expands past {@link ImportLimits#maxExpandedBytes()}
 * or, after {@link ImportLimits#ratioCheckAfterBytes()}, past {@link ImportLimits#maxExpansionRatio()}
 * times the compressed bytes read: a compression bomb ends as a {@link LimitExceededException}.
 */
final class ExpansionGuard extends FilterInputStream {
    private final CountingInputStream compressed;
    private final ImportLimits limits;
    private long expanded;

    ExpansionGuard(InputStream decompressed, CountingInputStream compressed, ImportLimits limits) {
        super(decompressed);
        this.compressed = compressed;
        this.limits = limits;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            expanded += n;
            check();
        }
        return n;
    }

    private void check() throws LimitExceededException {
        if (expanded > limits.maxExpandedBytes()) {
            throw new LimitExceededException(expanded, "compressed input expands past " + limits.maxExpandedBytes()
                    + " bytes; stopped there (compression bomb?)");
        }
        if (expanded > limits.ratioCheckAfterBytes() && expanded > (long) limits.maxExpansionRatio() * Math.max(1, compressed.count())) {
            throw new LimitExceededException(expanded, "compressed input expands more than " + limits.maxExpansionRatio()
                    + ":1 (" + compressed.count() + " compressed bytes gave " + expanded + "); stopped there (compression bomb?)");
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
