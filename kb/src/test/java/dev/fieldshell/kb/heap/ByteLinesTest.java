package dev.fieldshell.kb.heap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Lines split in place must be the same lines whatever the buffer boundaries and read sizes. */
class ByteLinesTest {

    @Test
    void splitsLikeAPlainSplitAcrossBufferBoundariesAndShortReads() throws Exception {
        Random rnd = new Random(7);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<String> want = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            int len = rnd.nextInt(10) == 0 ? rnd.nextInt(40_000) : rnd.nextInt(200);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < len; k++) {
                sb.append((char) ('a' + rnd.nextInt(26)));
            }
            String line = sb.toString();
            boolean crlf = rnd.nextBoolean();
            all.writeBytes((line + (crlf ? "\r\n" : "\n")).getBytes(StandardCharsets.US_ASCII));
            want.add(line.length() > ByteLines.MAX_LINE ? line.substring(0, ByteLines.MAX_LINE) + "|capped" : line);
        }
        all.writeBytes("last line without a terminator".getBytes(StandardCharsets.US_ASCII));
        want.add("last line without a terminator");

        ByteLines lines = new ByteLines(new ShortReads(all.toByteArray(), rnd));
        List<String> got = new ArrayList<>();
        while (lines.next()) {
            String s = new String(lines.buf(), lines.start, lines.end - lines.start, StandardCharsets.US_ASCII);
            got.add(lines.lastWasCapped() ? s + "|capped" : s);
            assertThat(lines.lineNumber()).isEqualTo(got.size());
        }
        assertThat(got).hasSize(want.size());
        for (int i = 0; i < want.size(); i++) {
            assertThat(got.get(i)).as("line %d", i + 1).isEqualTo(want.get(i));
        }
    }

    @Test
    void emptyInputHasNoLines() throws Exception {
        assertThat(new ByteLines(InputStream.nullInputStream()).next()).isFalse();
        ByteLines one = new ByteLines(new java.io.ByteArrayInputStream("\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(one.next()).isTrue();
        assertThat(one.end - one.start).isZero();
        assertThat(one.next()).isFalse();
    }
}
