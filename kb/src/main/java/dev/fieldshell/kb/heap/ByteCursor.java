package dev.fieldshell.kb.heap;

/** A position in an ASCII line held as bytes, with the few number and literal readers the record parsers need. */
final class ByteCursor {
    final byte[] b;
    final int end;
    int i;

    ByteCursor(byte[] b, int from, int to) {
        this.b = b;
        this.i = from;
        this.end = to;
    }

    boolean atEnd() {
        return i == end;
    }

    /** Skips {@code lit} (ASCII) if the line continues with it. */
    boolean skip(String lit) {
        int n = lit.length();
        if (end - i < n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (b[i + k] != lit.charAt(k)) {
                return false;
            }
        }
        i += n;
        return true;
    }

    void spaces() {
        while (i < end && b[i] == ' ') {
            i++;
        }
    }

    /** Up to 18 decimal digits; -1 when there is none. */
    long decimal() {
        int start = i;
        long v = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9' && i - start < 18) {
            v = v * 10 + (b[i++] - '0');
        }
        return i == start ? -1 : v;
    }

    /** {@code 0x} and up to 16 hex digits; -1 when absent. */
    long hex0x() {
        if (!skip("0x")) {
            return -1;
        }
        int start = i;
        long v = 0;
        while (i < end && i - start < 16) {
            int d = digit(b[i]);
            if (d < 0) {
                break;
            }
            v = (v << 4) | d;
            i++;
        }
        return i == start ? -1 : v;
    }

    static int digit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** The hex number in {@code b[from, to)}, or -1 when it is not one. */
    static long hex(byte[] b, int from, int to) {
        long v = 0;
        for (int k = from; k < to; k++) {
            int d = digit(b[k]);
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }
}
