package dev.fieldshell.kb.heap;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines in place, without decoding or copying them: the current line is
 * {@code buf[start, end)}, valid until the next call. Lines are capped at {@link #MAX_LINE} bytes, so a dump
 * without line breaks (or a binary file) cannot make the reader hold more.
 */
final class ByteLines {
    static final int MAX_LINE = 16 * 1024;

    private final InputStream in;
    /** Far more than the cap, so a capped line's head stays put while the rest of it is read and dropped. */
    private final byte[] buf = new byte[256 * 1024];
    private int pos;
    private int len;
    private boolean eof;
    private long lineNo;
    private boolean capped;
    int start;
    int end;

    ByteLines(InputStream in) {
        this.in = in;
    }

    byte[] buf() {
        return buf;
    }

    /** Advances to the next line (terminator and a trailing CR dropped); false at the end of the input. */
    boolean next() throws IOException {
        capped = false;
        int scanFrom = pos;
        while (true) {
            for (int j = scanFrom; j < len; j++) {
                if (buf[j] == '\n') {
                    if (j - pos > MAX_LINE) {
                        break;
                    }
                    return line(j, j + 1);
                }
            }
            if (len - pos > MAX_LINE) {
                skipRestOfLine();
                return true;
            }
            if (eof) {
                if (pos >= len) {
                    return false;
                }
                return line(len, len);
            }
            scanFrom = len - pos;
            fill();
            scanFrom += pos;
        }
    }

    private boolean line(int nl, int next) {
        start = pos;
        end = nl > pos && buf[nl - 1] == '\r' ? nl - 1 : nl;
        pos = next;
        lineNo++;
        return true;
    }

    /** Keeps the first {@link #MAX_LINE} bytes of an over-long line and drops the rest up to its terminator. */
    private void skipRestOfLine() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, len - pos);
            len -= pos;
            pos = 0;
        }
        start = pos;
        end = pos + MAX_LINE;
        capped = true;
        lineNo++;
        int j = end;
        while (true) {
            for (; j < len; j++) {
                if (buf[j] == '\n') {
                    pos = j + 1;
                    return;
                }
            }
            if (eof) {
                pos = len;
                return;
            }
            // keep the capped head in place and reuse the rest of the buffer for the skipped tail
            len = end;
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                eof = true;
                pos = len;
                return;
            }
            j = len;
            len += n;
        }
    }

    /** Moves the unread part to the front and reads more after it. */
    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, len - pos);
            len -= pos;
            pos = 0;
        }
        while (len < buf.length) {
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                eof = true;
                return;
            }
            if (n > 0) {
                len += n;
                return;
            }
        }
    }

    /** 1-based number of the line last returned. */
    long lineNumber() {
        return lineNo;
    }

    /** The line last returned was longer than {@link #MAX_LINE} bytes and was cut. */
    boolean lastWasCapped() {
        return capped;
    }
}
