package dev.fieldshell.kb.heap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.symbols.TextSymbolMap;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BadInputTest {

    @Test
    void dumpEndingInsideARecordSaysSoAndKeepsTheRest() throws Exception {
        String text = TextFormatsTest.V33.substring(0, TextFormatsTest.V33.indexOf("8 bytes (@") + 40);
        HeapAnalysis a = HeapTraceFiles.analyzeText("cut.txt", text);
        WindowReport w = a.windows().get(0);
        assertThat(w.records()).isEqualTo(1);
        assertThat(w.incomplete()).isTrue();
        assertThat(w.notes()).anySatisfy(n -> {
            assertThat(n.kind()).isEqualTo(TraceEvent.Kind.TRUNCATED);
            assertThat(n.line()).isEqualTo(3);
            assertThat(n.text()).contains("ends inside a record");
        });
    }

    @Test
    void overflowNoteMarksTheAnalysisIncompleteButStillRuns() throws Exception {
        HeapAnalysis a = HeapTraceFiles.analyzeText("o.txt", TextFormatsTest.V33);
        assertThat(a.incomplete()).isTrue();
        assertThat(a.chains()).isNotEmpty();
        String report = dev.fieldshell.kb.heap.view.TextReport.render(a, false, f -> false, 10);
        assertThat(report).contains("DATA INCOMPLETE").contains("o.txt:7: the trace buffer overflowed");
    }

    @Test
    void unknownAddressesStayHexAndOthersResolve() throws Exception {
        var syms = TextSymbolMap.parse(
                "0x400d276d: app_main at main.c:12\nnot a symbol line\n400d2700 00000100 T other_fn\n", "symbols.txt");
        assertThat(syms.table().size()).isEqualTo(2);
        assertThat(syms.problems()).singleElement().asString().startsWith("symbols.txt:2");
        HeapAnalyzer an = new HeapAnalyzer(AnalysisOptions.defaults().withResolver(FrameResolver.of(syms.table())));
        HeapTraceReader.read(bytes(TextFormatsTest.V33), "d.txt", an);
        HeapAnalysis a = an.finish(ChainMatcher.NONE);
        // 0x400d276d is exact; 0x400d2776 falls inside other_fn (nm -S size 0x100); 0x400d27c1 too; nothing else is invented
        assertThat(a.chains()).extracting(ChainReport::key)
                .containsExactlyInAnyOrder("app_main < other_fn", "other_fn < other_fn");
        HeapAnalyzer bare = new HeapAnalyzer(AnalysisOptions.defaults());
        HeapTraceReader.read(bytes(TextFormatsTest.V33), "d.txt", bare);
        assertThat(bare.finish(ChainMatcher.NONE).chains()).extracting(ChainReport::key)
                .containsExactlyInAnyOrder("0x400d276d < 0x400d27c1", "0x400d2776 < 0x400d27c1");
    }

    @Test
    void binaryGarbageAndHugeLinesAreSkippedWithoutLoadingThem() throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append("\u0000\u0001\uFFFD".repeat(20_000)).append('\n');
        sb.append(TextFormatsTest.V33);
        HeapAnalysis a = HeapTraceFiles.analyzeText("bin.txt", sb.toString());
        assertThat(a.records()).isEqualTo(2);
        assertThat(a.windows().get(0).notes()).anySatisfy(n -> {
            assertThat(n.line()).isEqualTo(1);
            assertThat(n.text()).contains("longer than");
        });
    }

    /**
     * A 1 GiB OVMS dump generated on the fly: every record is read and counted, memory stays bounded
     * (the surefire JVM has 1 GiB of heap, so keeping the records would fail). The generator writes
     * bytes in place, so the time goes to the reader and the analysis.
     */
    @Test
    void oneGigabyteDumpIsStreamed() throws Exception {
        long target = 1L << 30;
        GeneratedDump dump = new GeneratedDump(target);
        HeapAnalyzer an = new HeapAnalyzer(AnalysisOptions.defaults());
        HeapTraceReader.read(dump, "big.txt", an);
        HeapAnalysis a = an.finish(ChainMatcher.NONE);
        assertThat(dump.produced).isGreaterThanOrEqualTo(target);
        assertThat(a.records()).isEqualTo(dump.records);
        assertThat(a.chains()).hasSize(GeneratedDump.CHAINS);
        long alive = a.chains().stream().mapToLong(ChainReport::alive).sum();
        assertThat(alive).isEqualTo(dump.alive);
        assertThat(a.chains()).allSatisfy(c -> assertThat(c.key()).startsWith("0x400d"));
    }

    /** Produces OVMS-format records until {@code limit} bytes, without storing them. */
    static final class GeneratedDump extends InputStream {
        static final int CHAINS = 50;
        private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        // fixed-width fields, patched in place per record: size, address, ccount, first caller
        // eight frames, as with CONFIG_HEAP_TRACING_STACK_DEPTH=8: a realistic record of some 150 bytes
        private static final String DEEPER = ":0x400e2000:0x400e3010:0x400e4020:0x400e5030:0x400e6040:0x400e7050:0x400e8060";
        private static final String RECORD = "00 bytes (@ 0x00000000) allocated CPU 1 task 0x3ffc92e8 ccount 0x00000000"
                + " caller 0x400d0000" + DEEPER + "\n";
        private static final byte[] FREED = ("freed task 0x3ffc92e8 by 0x400d9999" + DEEPER + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        private final long limit;
        private final byte[] rec = RECORD.getBytes(StandardCharsets.US_ASCII);
        private final byte[] line = new byte[rec.length + FREED.length];
        long produced;
        long records;
        long alive;
        private byte[] chunk = "Heap tracing started/resumed at ccount 0x00000000 = logtime 1000\n".getBytes(StandardCharsets.US_ASCII);
        private int chunkLen = chunk.length;
        private int pos;
        private long cc;

        GeneratedDump(long limit) {
            this.limit = limit;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buf, int off, int len) {
            int n = 0;
            while (n < len) {
                if (pos >= chunkLen) {
                    if (produced >= limit) {
                        break;
                    }
                    next();
                }
                int k = Math.min(len - n, chunkLen - pos);
                System.arraycopy(chunk, pos, buf, off + n, k);
                pos += k;
                n += k;
                produced += k;
            }
            return n == 0 ? -1 : n;
        }

        private void next() {
            int c = (int) (records % CHAINS);
            cc = (cc + 240_000) & 0xffffffffL;
            boolean freed = records % 3 != 0;
            records++;
            if (!freed) {
                alive++;
            }
            decimal(rec, 0, 2, 16 + c); // 16..65: always two digits
            hex(rec, 14, 8, 0x3f800000L + records * 16);
            hex(rec, 65, 8, cc);
            hex(rec, 87, 4, 0x1000 + c * 16L);
            System.arraycopy(rec, 0, line, 0, rec.length);
            chunkLen = rec.length;
            if (freed) {
                System.arraycopy(FREED, 0, line, rec.length, FREED.length);
                chunkLen += FREED.length;
            }
            chunk = line;
            pos = 0;
        }

        /** A decimal of exactly {@code width} digits. */
        private static void decimal(byte[] b, int at, int width, long v) {
            String s = Long.toString(v);
            for (int i = 0; i < width; i++) {
                b[at + i] = i < width - s.length() ? (byte) '0' : (byte) s.charAt(i - (width - s.length()));
            }
        }

        private static void hex(byte[] b, int at, int width, long v) {
            for (int i = width - 1; i >= 0; i--) {
                b[at + i] = HEX[(int) (v & 0xf)];
                v >>>= 4;
            }
        }
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void recordWithANumberOutOfRangeIsSkippedWithALine() throws Exception {
        String text = TextFormatsTest.V33.replaceFirst("\\d+ bytes \\(@", "99999999999999999999999 bytes (@");
        HeapAnalysis a = HeapTraceFiles.analyzeText("big-number.txt", text);
        assertThat(a.records()).isEqualTo(1);
        assertThat(a.windows().get(0).notes()).anySatisfy(n -> assertThat(n.text())
                .startsWith("a number out of range in a record: 99999999999999999999999 bytes"));
    }

    @Test
    void utf8WithoutAnyRecordSaysNothingWasFound() throws Exception {
        HeapAnalysis a = HeapTraceFiles.analyzeText("mail.txt", new String("Hi all,\nno dump today\n".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        assertThat(a.records()).isZero();
        assertThat(a.windows().get(0).format()).isEqualTo(TraceFormat.UNKNOWN);
        assertThat(a.windows().get(0).notes()).extracting(WindowReport.Message::line).contains(1L, 2L);
    }
}
