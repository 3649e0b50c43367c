package dev.fieldshell.kb.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines with their byte offsets, in constant memory per line: a line longer than the limit is
 * cut and the rest of it skipped without being stored; bytes that are not UTF-8 make the line be read
 * as Latin-1 (old mail archives mix charsets) and are reported by offset.
 */
final class LineReader {
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private long bufStart;
    private byte[] line = new byte[256];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Offset of the next unread byte. */
    long offset() {
        return bufStart + pos;
    }

    /** The next line, or null at the end. */
    Line next() throws IOException {
        if (pos >= limit && !fill()) {
            return null;
        }
        long start = offset();
        int len = 0;
        long total = 0;
        boolean ended = false;
        while (!ended) {
            if (pos >= limit && !fill()) {
                break;
            }
            int i = pos;
            while (i < limit && buf[i] != '\n') {
                i++;
            }
            int chunk = i - pos;
            int keep = (int) Math.max(0, Math.min(chunk, (long) maxLineBytes - total));
            if (keep > 0) {
                ensure(len + keep);
                System.arraycopy(buf, pos, line, len, keep);
                len += keep;
            }
            total += chunk;
            pos = i;
            if (i < limit) {
                pos++;
                ended = true;
            }
        }
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        long cutAt = total > maxLineBytes ? maxLineBytes : -1;
        return decode(len, start, cutAt);
    }

    private Line decode(int len, long start, long cutAt) {
        boolean ascii = true;
        for (int i = 0; i < len; i++) {
            if (line[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new Line(new String(line, 0, len, StandardCharsets.ISO_8859_1), start, cutAt, -1);
        }
        try {
            CharBuffer cb = utf8.reset().decode(ByteBuffer.wrap(line, 0, len));
            return new Line(cb.toString(), start, cutAt, -1);
        } catch (CharacterCodingException e) {
            int bad = firstInvalidUtf8(line, len);
            if (cutAt >= 0 && bad >= len - 4) {
                // the cut split a multi-byte character: not the input's fault
                return new Line(new String(line, 0, bad, StandardCharsets.UTF_8), start, cutAt, -1);
            }
            return new Line(new String(line, 0, len, StandardCharsets.ISO_8859_1), start, cutAt, start + bad);
        }
    }

    static int firstInvalidUtf8(byte[] b, int len) {
        int i = 0;
        while (i < len) {
            int c = b[i] & 0xff;
            int n;
            if (c < 0x80) {
                n = 0;
            } else if (c >= 0xc2 && c <= 0xdf) {
                n = 1;
            } else if (c >= 0xe0 && c <= 0xef) {
                n = 2;
            } else if (c >= 0xf0 && c <= 0xf4) {
                n = 3;
            } else {
                return i;
            }
            for (int k = 1; k <= n; k++) {
                if (i + k >= len || (b[i + k] & 0xc0) != 0x80) {
                    return i;
                }
            }
            i += n + 1;
        }
        return len;
    }

    private void ensure(int size) {
        if (size > line.length) {
            byte[] bigger = new byte[Math.max(size, line.length * 2)];
            System.arraycopy(line, 0, bigger, 0, line.length);
            line = bigger;
        }
    }

    private boolean fill() throws IOException {
        bufStart += limit;
        pos = 0;
        limit = 0;
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        limit = n;
        return true;
    }
}
