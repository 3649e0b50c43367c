package dev.fieldshell.kb.heap;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines with a hard cap on their length, so a dump without line breaks (or a binary file)
 * cannot make the reader hold more than {@link #MAX_LINE} characters.
 */
final class LineSource {
    static final int MAX_LINE = 16 * 1024;

    private final Reader in;
    private final char[] buf = new char[64 * 1024];
    private int pos;
    private int len;
    private long lineNo;
    private boolean lastWasCapped;
    private boolean eof;

    LineSource(Reader in) {
        this.in = in;
    }

    /** The next line without its terminator, or null at the end. */
    String next() throws IOException {
        if (eof && pos >= len) {
            return null;
        }
        for (int j = pos; j < len && j - pos <= MAX_LINE; j++) {
            if (buf[j] == '\n') { // the whole line is in the buffer: no copying through a builder
                int end = j > pos && buf[j - 1] == '\r' ? j - 1 : j;
                String line = new String(buf, pos, end - pos);
                pos = j + 1;
                lineNo++;
                lastWasCapped = false;
                return line;
            }
        }
        StringBuilder sb = new StringBuilder(128);
        boolean capped = false;
        while (true) {
            if (pos >= len) {
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len <= 0) {
                    eof = true;
                    len = 0;
                    if (sb.isEmpty() && !capped) {
                        return null;
                    }
                    break;
                }
            }
            char c = buf[pos++];
            if (c == '\n') {
                break;
            }
            if (sb.length() < MAX_LINE) {
                sb.append(c);
            } else {
                capped = true;
            }
        }
        lineNo++;
        lastWasCapped = capped;
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == '\r') {
            sb.setLength(n - 1);
        }
        return sb.toString();
    }

    /** 1-based number of the line last returned. */
    long lineNumber() {
        return lineNo;
    }

    /** The line last returned was longer than {@link #MAX_LINE} and was cut. */
    boolean lastWasCapped() {
        return lastWasCapped;
    }
}
