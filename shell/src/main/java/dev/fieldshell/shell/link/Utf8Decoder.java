package dev.fieldshell.shell.link;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decodes UTF-8 arriving in arbitrary chunks (a character may be split between two reads). */
final class Utf8Decoder {
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer carry = ByteBuffer.allocate(0);

    String decode(byte[] b, int off, int len) {
        ByteBuffer in = ByteBuffer.allocate(carry.remaining() + len);
        in.put(carry).put(b, off, len).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, false);
        carry = ByteBuffer.allocate(in.remaining()).put(in).flip();
        return out.flip().toString();
    }
}
