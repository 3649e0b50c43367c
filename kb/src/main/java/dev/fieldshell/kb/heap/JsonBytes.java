package dev.fieldshell.kb.heap;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A pull tokenizer for JSON read as UTF-8 bytes. The heap readers need one because a million-record window is
 * mostly short hex strings and small numbers: here they are read in place, without decoding to characters,
 * creating a String or a field-name symbol per token, and the little code there is compiles quickly in a
 * fresh JVM (Jackson's parser is several times larger). Strict JSON apart from leading zeros in numbers; a
 * string may be at most {@link #MAX_STRING} bytes, so a damaged file cannot make it hold more.
 */
final class JsonBytes {
    static final int MAX_STRING = 1 << 20;

    /** What {@link #next} read. */
    enum Token { START_OBJECT, END_OBJECT, START_ARRAY, END_ARRAY, FIELD_NAME, STRING, INT, FLOAT, TRUE, FALSE, NULL, END }

    /** The input is not JSON from {@link #offset} on. */
    static final class Malformed extends IOException {
        final long offset;

        Malformed(String message, long offset) {
            super(message);
            this.offset = offset;
        }
    }

    private static final byte OBJECT = 1;
    private static final byte ARRAY = 2;
    /** Per nesting level: nothing read yet, a value read (a comma or the close comes next), a field name read. */
    private static final byte FRESH = 0;
    private static final byte AFTER_VALUE = 1;
    private static final byte AFTER_NAME = 2;

    private final InputStream in;
    private byte[] buf = new byte[64 * 1024];
    private int pos;
    private int len;
    private boolean eof;
    /** Bytes dropped from the front of {@link #buf} so far, for offsets. */
    private long dropped;
    private byte[] kind = new byte[32];
    private byte[] state = new byte[32];
    private int depth;
    private Token token;
    // the current string, field name or number: buf[start, end), or the decoded text when it had escapes
    private int start;
    private int end;
    private String escaped;
    /** Bytes from here on are not dropped by {@link #fill} (the field name just read). */
    private int hold = Integer.MAX_VALUE;

    JsonBytes(InputStream in) {
        this.in = in;
    }

    /** The byte offset in the input where the next token starts (or the error was found). */
    long offset() {
        return dropped + pos;
    }

    Token token() {
        return token;
    }

    /** Reads the next token; {@link Token#END} once the top-level value is complete. */
    Token next() throws IOException {
        escaped = null;
        if (depth == 0 && state[0] == AFTER_VALUE) {
            return token = Token.END;
        }
        int c = skipSpace();
        byte s = state[depth];
        if (depth > 0 && kind[depth] == OBJECT && s != AFTER_NAME) {
            if (c == '}') {
                pos++;
                return close(Token.END_OBJECT);
            }
            if (s == AFTER_VALUE) {
                if (c != ',') {
                    throw unexpected(c, "',' or '}'");
                }
                pos++;
                c = skipSpace();
            }
            if (c != '"') {
                throw unexpected(c, "a field name");
            }
            string();
            hold = start; // the name stays readable while the colon after it is looked for
            int colon = skipSpace();
            hold = Integer.MAX_VALUE;
            if (colon != ':') {
                throw unexpected(colon, "':'");
            }
            pos++;
            state[depth] = AFTER_NAME;
            return token = Token.FIELD_NAME;
        }
        if (depth > 0 && kind[depth] == ARRAY) {
            if (c == ']') {
                pos++;
                return close(Token.END_ARRAY);
            }
            if (s == AFTER_VALUE) {
                if (c != ',') {
                    throw unexpected(c, "',' or ']'");
                }
                pos++;
                c = skipSpace();
            }
        }
        return value(c);
    }

    private Token value(int c) throws IOException {
        switch (c) {
            case '{' -> {
                pos++;
                return open(OBJECT, Token.START_OBJECT);
            }
            case '[' -> {
                pos++;
                return open(ARRAY, Token.START_ARRAY);
            }
            case '"' -> {
                string();
                return done(Token.STRING);
            }
            case 't' -> {
                literal("true");
                return done(Token.TRUE);
            }
            case 'f' -> {
                literal("false");
                return done(Token.FALSE);
            }
            case 'n' -> {
                literal("null");
                return done(Token.NULL);
            }
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return done(number());
                }
                throw unexpected(c, "a value");
            }
        }
    }

    private Token done(Token t) {
        state[depth] = AFTER_VALUE;
        return token = t;
    }

    private Token open(byte k, Token t) {
        if (++depth == kind.length) {
            kind = java.util.Arrays.copyOf(kind, depth * 2);
            state = java.util.Arrays.copyOf(state, depth * 2);
        }
        kind[depth] = k;
        state[depth] = FRESH;
        return token = t;
    }

    private Token close(Token t) {
        depth--;
        state[depth] = AFTER_VALUE;
        return token = t;
    }

    /** After a START token: reads up to and including its END token; otherwise does nothing. */
    void skipChildren() throws IOException {
        if (token != Token.START_OBJECT && token != Token.START_ARRAY) {
            return;
        }
        int d = depth;
        while (depth >= d) {
            next();
        }
    }

    /** The current string or field name, decoded. */
    String text() {
        return escaped != null ? escaped : new String(buf, start, end - start, StandardCharsets.UTF_8);
    }

    /** Whether the current string or field name is exactly {@code ascii}. */
    boolean is(byte[] ascii) {
        if (escaped != null) {
            return escaped.equals(new String(ascii, StandardCharsets.US_ASCII));
        }
        return java.util.Arrays.equals(buf, start, end, ascii, 0, ascii.length);
    }

    /** The current string as {@code 0x} and 1–16 hex digits, or -1 when it is anything else. */
    long hexValue() {
        if (escaped != null || end - start < 3 || end - start > 18 || buf[start] != '0' || (buf[start + 1] | 0x20) != 'x') {
            return -1;
        }
        long v = 0;
        for (int i = start + 2; i < end; i++) {
            int d = ByteCursor.digit(buf[i]);
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** The current INT token; beyond 64 bits, its low 64 bits (as Jackson's BigInteger.longValue() gave). */
    long longValue() {
        int n = end - start;
        if (n <= 18) {
            boolean neg = buf[start] == '-';
            long v = 0;
            for (int i = neg ? start + 1 : start; i < end; i++) {
                v = v * 10 + (buf[i] - '0');
            }
            return neg ? -v : v;
        }
        return new BigInteger(new String(buf, start, n, StandardCharsets.US_ASCII)).longValue();
    }

    /** The current INT or FLOAT token. */
    double doubleValue() {
        return Double.parseDouble(new String(buf, start, end - start, StandardCharsets.US_ASCII));
    }

    // --- scanning ---------------------------------------------------------------------------------

    private int skipSpace() throws IOException {
        while (true) {
            while (pos < len) {
                byte b = buf[pos];
                if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                    return b & 0xff;
                }
                pos++;
            }
            if (!fill(pos)) {
                throw new Malformed("unexpected end of input", offset());
            }
        }
    }

    /** A string at {@code pos} (its opening quote): its bytes in place when it has no escapes. */
    private void string() throws IOException {
        int from = pos + 1;
        int i = from;
        while (true) {
            while (i < len) {
                byte b = buf[i];
                if (b == '"') {
                    if (i - from > MAX_STRING) {
                        throw new Malformed("a string longer than " + MAX_STRING + " bytes", dropped + from);
                    }
                    start = from;
                    end = i;
                    pos = i + 1;
                    return;
                }
                if (b == '\\' || (b >= 0 && b < 0x20)) {
                    pos = from;
                    escaped(i);
                    return;
                }
                i++;
            }
            if (i - from > MAX_STRING) {
                throw new Malformed("a string longer than " + MAX_STRING + " bytes", dropped + from);
            }
            i -= from;
            boolean more = fill(from);
            from = 0;
            if (!more) {
                throw new Malformed("unexpected end of input inside a string", dropped + len);
            }
        }
    }

    /** The slow path: a string with escapes (or a control character, which is an error). */
    private void escaped(int at) throws IOException {
        StringBuilder text = new StringBuilder();
        java.io.ByteArrayOutputStream run = new java.io.ByteArrayOutputStream(); // UTF-8 between escapes
        run.write(buf, pos, at - pos);
        pos = at;
        while (true) {
            int c = read();
            if (c == '"') {
                break;
            }
            if (c < 0x20) {
                throw new Malformed(c < 0 ? "unexpected end of input inside a string" : "a control character inside a string",
                        offset() - 1);
            }
            if (c != '\\') {
                run.write(c);
            } else {
                text.append(run.toString(StandardCharsets.UTF_8));
                run.reset();
                int e = read();
                switch (e) {
                    case '"', '\\', '/' -> text.append((char) e);
                    case 'b' -> text.append('\b');
                    case 'f' -> text.append('\f');
                    case 'n' -> text.append('\n');
                    case 'r' -> text.append('\r');
                    case 't' -> text.append('\t');
                    case 'u' -> {
                        int v = 0;
                        for (int k = 0; k < 4; k++) {
                            int d = read();
                            int x = d < 0 ? -1 : ByteCursor.digit((byte) d);
                            if (x < 0) {
                                throw new Malformed("a bad \\u escape", offset() - 1);
                            }
                            v = (v << 4) | x;
                        }
                        text.append((char) v); // surrogate pairs arrive as two escapes and pair up here
                    }
                    default -> throw new Malformed(e < 0 ? "unexpected end of input inside a string" : "a bad escape",
                            offset() - 1);
                }
            }
            if (text.length() + run.size() > MAX_STRING) {
                throw new Malformed("a string longer than " + MAX_STRING + " bytes", offset());
            }
        }
        escaped = text.append(run.toString(StandardCharsets.UTF_8)).toString();
    }

    private int read() throws IOException {
        if (pos >= len && !fill(pos)) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    private Token number() throws IOException {
        int from = pos;
        int i = pos + 1;
        boolean fraction = false;
        while (true) {
            while (i < len) {
                byte b = buf[i];
                if (b >= '0' && b <= '9') {
                    i++;
                } else if (b == '.' || b == 'e' || b == 'E' || b == '+' || b == '-') {
                    fraction = true;
                    i++;
                } else {
                    return numberEnds(from, i, fraction);
                }
            }
            if (i - from > 1024) {
                throw new Malformed("a number longer than 1024 characters", dropped + from);
            }
            i -= from;
            boolean more = fill(from);
            from = 0;
            if (!more) {
                return numberEnds(from, i, fraction);
            }
        }
    }

    private Token numberEnds(int from, int to, boolean fraction) throws Malformed {
        start = from;
        end = to;
        pos = to;
        String bad = null;
        int k = from;
        if (buf[k] == '-') {
            k++;
        }
        int digits = k;
        while (k < to && buf[k] >= '0' && buf[k] <= '9') {
            k++;
        }
        if (k == digits) {
            bad = "a number without digits";
        } else if (fraction) {
            if (k < to && buf[k] == '.') {
                int f = ++k;
                while (k < to && buf[k] >= '0' && buf[k] <= '9') {
                    k++;
                }
                bad = k == f ? "a number without digits after '.'" : null;
            }
            if (bad == null && k < to && (buf[k] == 'e' || buf[k] == 'E')) {
                k++;
                if (k < to && (buf[k] == '+' || buf[k] == '-')) {
                    k++;
                }
                int e = k;
                while (k < to && buf[k] >= '0' && buf[k] <= '9') {
                    k++;
                }
                bad = k == e ? "a number without exponent digits" : null;
            }
            if (bad == null && k != to) {
                bad = "a malformed number";
            }
        }
        if (bad != null) {
            throw new Malformed(bad, dropped + from);
        }
        return fraction ? Token.FLOAT : Token.INT;
    }

    private void literal(String word) throws IOException {
        for (int k = 0; k < word.length(); k++) {
            int c = read();
            if (c != word.charAt(k)) {
                throw new Malformed(c < 0 ? "unexpected end of input" : "an unknown word (expected '" + word + "')",
                        offset() - 1);
            }
        }
    }

    private Malformed unexpected(int c, String expected) {
        if (c < 0) {
            return new Malformed("unexpected end of input, expected " + expected, offset());
        }
        String what = c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
        return new Malformed("unexpected " + what + ", expected " + expected, offset());
    }

    /**
     * Drops the bytes before {@code keep} (before {@link #hold} if that is earlier), moving the rest to the front,
     * and reads more after them, growing the buffer when nothing can be dropped. False at the end of the input.
     */
    private boolean fill(int keep) throws IOException {
        keep = Math.min(keep, hold);
        if (keep > 0) {
            start -= keep;
            end -= keep;
            if (hold != Integer.MAX_VALUE) {
                hold -= keep;
            }
            System.arraycopy(buf, keep, buf, 0, len - keep);
            len -= keep;
            pos -= keep;
            dropped += keep;
        } else if (len == buf.length) {
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        if (eof) {
            return false;
        }
        while (true) {
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                eof = true;
                return false;
            }
            if (n > 0) {
                len += n;
                return true;
            }
        }
    }
}
