package dev.fieldshell.kb.heap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.symbols.TextSymbolMap;
import java.io.Reader;
import java.io.StringReader;
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
        HeapTraceReader.read(new StringReader(TextFormatsTest.V33), "d.txt", an);
        HeapAnalysis a = an.finish(ChainMatcher.NONE);
        // 0x400d276d is exact; 0x400d2776 falls inside other_fn (nm -S size 0x100); 0x400d27c1 too; nothing else is invented
        assertThat(a.chains()).extracting(ChainReport::key)
                .containsExactlyInAnyOrder("app_main < other_fn", "other_fn < other_fn");
        HeapAnalyzer bare = new HeapAnalyzer(AnalysisOptions.defaults());
        HeapTraceReader.read(new StringReader(TextFormatsTest.V33), "d.txt", bare);
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
     * (the surefire JVM has 1 GiB of heap, so keeping the records would fail).
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
    }

    /** Produces OVMS-format records until {@code limit} characters, without storing them. */
    static final class GeneratedDump extends Reader {
        static final int CHAINS = 50;
        private final long limit;
        long produced;
        long records;
        long alive;
        private String chunk = "Heap tracing started/resumed at ccount 0x00000000 = logtime 1000\n";
        private int pos;
        private long cc;

        GeneratedDump(long limit) {
            this.limit = limit;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            int n = 0;
            while (n < len) {
                if (pos >= chunk.length()) {
                    if (produced >= limit) {
                        break;
                    }
                    chunk = next();
                    pos = 0;
                }
                int k = Math.min(len - n, chunk.length() - pos);
                chunk.getChars(pos, pos + k, buf, off + n);
                pos += k;
                n += k;
                produced += k;
            }
            return n == 0 ? -1 : n;
        }

        private String next() {
            int c = (int) (records % CHAINS);
            cc = (cc + 240_000) & 0xffffffffL;
            boolean freed = records % 3 != 0;
            records++;
            if (!freed) {
                alive++;
            }
            String rec = (16 + c) + " bytes (@ 0x" + Long.toHexString(0x3f800000L + records * 16)
                    + ") allocated CPU 1 task 0x3ffc92e8 ccount 0x" + Long.toHexString(cc) + " caller 0x400d"
                    + Integer.toHexString(0x1000 + c * 16) + ":0x400e2000\n";
            return freed ? rec + "freed task 0x3ffc92e8 by 0x400d9999:0x400e2000\n" : rec;
        }

        @Override
        public void close() {}
    }

    @Test
    void utf8WithoutAnyRecordSaysNothingWasFound() throws Exception {
        HeapAnalysis a = HeapTraceFiles.analyzeText("mail.txt", new String("Hi all,\nno dump today\n".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        assertThat(a.records()).isZero();
        assertThat(a.windows().get(0).format()).isEqualTo(TraceFormat.UNKNOWN);
        assertThat(a.windows().get(0).notes()).extracting(WindowReport.Message::line).contains(1L, 2L);
    }
}
