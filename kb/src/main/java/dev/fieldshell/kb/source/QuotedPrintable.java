package dev.fieldshell.kb.source;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Quoted-printable decoding (RFC 2045), lenient: malformed escapes are kept as they are. */
final class QuotedPrintable {
    private QuotedPrintable() {}

    static byte[] decode(String s) {
        byte[] in = s.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '=') {
                if (i + 1 < in.length && in[i + 1] == '\n') {
                    i += 1;
                    continue;
                }
                if (i + 2 < in.length && in[i + 1] == '\r' && in[i + 2] == '\n') {
                    i += 2;
                    continue;
                }
                if (i + 2 < in.length) {
                    int hi = Character.digit(in[i + 1], 16);
                    int lo = Character.digit(in[i + 2], 16);
                    if (hi >= 0 && lo >= 0) {
                        out.write(hi * 16 + lo);
                        i += 2;
                        continue;
                    }
                }
                if (i == in.length - 1) {
                    continue; // soft break at the very end
                }
            }
            out.write(b);
        }
        return out.toByteArray();
    }
}
