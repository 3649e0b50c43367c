package dev.fieldshell.kb.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldshell.kb.heap.JsonBytes.Token;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tokens read in place must be the same whatever the buffer boundaries and read sizes. */
class JsonBytesTest {

    private record Rec(long sz, long addr, String note, double ts) {}

    @Test
    void readsValuesAcrossBufferBoundariesAndShortReads() throws Exception {
        Random rnd = new Random(11);
        List<Rec> want = new ArrayList<>();
        StringBuilder doc = new StringBuilder("{\"leaks\": [");
        for (int i = 0; i < 5_000; i++) {
            long sz = rnd.nextInt(10) == 0 ? -rnd.nextInt(1000) : rnd.nextLong(1L << 40);
            long addr = rnd.nextLong(1L << 32);
            String note = switch (rnd.nextInt(100)) {
                case 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 -> "plain";
                case 10, 11, 12, 13, 14, 15, 16, 17, 18, 19 -> "quote \" and \\ slash, tab\t, ünïcödé, 😀";
                case 20 -> "x".repeat(rnd.nextInt(100_000)); // longer than the 64 KiB buffer now and then
                default -> "";
            };
            double ts = rnd.nextInt(1000) / 8.0;
            want.add(new Rec(sz, addr, note, ts));
            doc.append(i == 0 ? "" : ",").append(rnd.nextBoolean() ? "\n  " : "")
                    .append("{\"sz\":").append(sz)
                    .append(", \"addr\" : \"0x").append(Long.toHexString(addr)).append('"')
                    .append(",\"note\":\"").append(escape(note, rnd)).append('"')
                    .append(",\"ts\":").append(rnd.nextBoolean() ? Double.toString(ts) : ts * 1000 + "e-3")
                    .append(",\"skip\":[{\"a\":[true,false,null]},{}]}");
        }
        doc.append("]}");
        byte[] bytes = doc.toString().getBytes(StandardCharsets.UTF_8);

        read(want, new JsonBytes(new ShortReads(bytes, rnd)));
        read(want, new JsonBytes(new ShortReads(bytes, rnd, 16))); // a boundary inside or next to every kind of token
    }

    private static void read(List<Rec> want, JsonBytes j) throws Exception {
        assertThat(j.next()).isEqualTo(Token.START_OBJECT);
        assertThat(j.next()).isEqualTo(Token.FIELD_NAME);
        assertThat(j.is("leaks".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(j.next()).isEqualTo(Token.START_ARRAY);
        for (Rec r : want) {
            assertThat(j.next()).isEqualTo(Token.START_OBJECT);
            assertThat(j.next()).isEqualTo(Token.FIELD_NAME);
            assertThat(j.text()).isEqualTo("sz");
            assertThat(j.next()).isEqualTo(Token.INT);
            assertThat(j.longValue()).isEqualTo(r.sz());
            assertThat(j.next()).isEqualTo(Token.FIELD_NAME);
            assertThat(j.is("addr".getBytes(StandardCharsets.US_ASCII))).isTrue();
            assertThat(j.next()).isEqualTo(Token.STRING);
            assertThat(j.hexValue()).isEqualTo(r.addr());
            assertThat(j.next()).isEqualTo(Token.FIELD_NAME);
            assertThat(j.next()).isEqualTo(Token.STRING);
            assertThat(j.text()).isEqualTo(r.note());
            assertThat(j.next()).isEqualTo(Token.FIELD_NAME);
            assertThat(j.next()).isEqualTo(Token.FLOAT);
            assertThat(j.doubleValue()).isEqualTo(r.ts());
            assertThat(j.next()).isEqualTo(Token.FIELD_NAME);
            assertThat(j.next()).isEqualTo(Token.START_ARRAY);
            j.skipChildren();
            assertThat(j.token()).isEqualTo(Token.END_ARRAY);
            assertThat(j.next()).isEqualTo(Token.END_OBJECT);
        }
        assertThat(j.next()).isEqualTo(Token.END_ARRAY);
        assertThat(j.next()).isEqualTo(Token.END_OBJECT);
        assertThat(j.next()).isEqualTo(Token.END);
    }

    /** JSON string escaping, with \\u escapes (surrogate pairs for characters beyond the BMP) chosen at random. */
    private static String escape(String s, Random rnd) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c > 0x7f && rnd.nextBoolean()) {
                for (char half : Character.toChars(c)) {
                    out.append(String.format("\\u%04x", (int) half));
                }
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    @Test
    void malformedInputSaysWhereAndWhat() {
        assertThatThrownBy(() -> drain("{\"a\": [1, 2,]}"))
                .isInstanceOfSatisfying(JsonBytes.Malformed.class, e -> assertThat(e.offset).isEqualTo(12))
                .hasMessage("unexpected ']', expected a value");
        assertThatThrownBy(() -> drain("{\"a\": [1, 2"))
                .isInstanceOfSatisfying(JsonBytes.Malformed.class, e -> assertThat(e.offset).isEqualTo(11))
                .hasMessage("unexpected end of input");
        assertThatThrownBy(() -> drain("{\"a\" 1}")).hasMessage("unexpected '1', expected ':'");
        assertThatThrownBy(() -> drain("{\"a\": 1.}")).hasMessage("a number without digits after '.'");
        assertThatThrownBy(() -> drain("{\"a\": tru}")).hasMessageContaining("expected 'true'");
        assertThatThrownBy(() -> drain("{\"a\": \"x" + "y".repeat(JsonBytes.MAX_STRING) + "\"}"))
                .hasMessage("a string longer than " + JsonBytes.MAX_STRING + " bytes");
    }

    private static void drain(String json) throws Exception {
        JsonBytes j = new JsonBytes(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        while (j.next() != Token.END) {
            // read every token
        }
    }
}
