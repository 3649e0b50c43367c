package dev.fieldshell.kb.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldshell.kb.heap.view.JsonReport;
import dev.fieldshell.kb.heap.view.TextReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reading on a second thread gives the reports reading on the analysing thread gives, whatever the batch size. */
class ReadAheadTest {
    /** 1: every event handed over on its own; ReadAhead.BATCH: the real size; 7 splits records and windows unevenly. */
    private static final int[] BATCHES = {1, 7, ReadAhead.BATCH};

    private static String generated(Reader gen) throws IOException {
        StringWriter w = new StringWriter();
        try (gen) {
            gen.transferTo(w);
        }
        return w.toString();
    }

    private static List<String> dumps() throws IOException {
        return List.of(
                Seed003Dumps.window90(),
                Seed003Dumps.window600(),
                TextFormatsTest.V33,
                TextFormatsTest.V51,
                TextFormatsTest.OVMS_MAIL,
                JsonFormatsTest.SYSVIEW,
                TextFormatsTest.V33 + TextFormatsTest.V51, // two windows in one file
                TextFormatsTest.OVMS_MAIL.substring(0, TextFormatsTest.OVMS_MAIL.length() / 2), // cut mid-record
                generated(new HeapAnalysisBenchmark.TextDump(2_000)),
                generated(new HeapAnalysisBenchmark.JsonDump(2_000)));
    }

    /** Both report forms, for two files read one after the other into one analysis (as {@code heap compare} does). */
    private static String report(String a, String b, int batch) throws IOException {
        HeapAnalyzer an = new HeapAnalyzer(AnalysisOptions.defaults());
        for (String[] f : List.of(new String[] {"a.txt", a}, new String[] {"b.txt", b})) {
            InputStream in = new ShortReads(f[1].getBytes(StandardCharsets.UTF_8), new Random(f[1].length()));
            if (batch == 0) {
                HeapTraceReader.read(in, f[0], an);
            } else {
                ReadAhead.run(s -> HeapTraceReader.read(in, f[0], s), an, batch);
            }
        }
        HeapAnalysis result = an.finish(ChainMatcher.NONE);
        return JsonReport.render(result) + TextReport.render(result, false, AnalysisOptions.defaults().allocatorFrame(), 20);
    }

    @Test
    void reportsAreTheSameForEveryBatchSizeAsReadingOnOneThread() throws IOException {
        List<String> dumps = dumps();
        for (int i = 0; i < dumps.size(); i++) {
            String a = dumps.get(i);
            String b = dumps.get((i + 3) % dumps.size());
            String sequential = report(a, b, 0);
            assertThat(sequential).contains("\"chains\"");
            for (int batch : BATCHES) {
                if (batch == 1 && a.length() + b.length() > 100_000) {
                    continue; // a thread hand-over per event: slow on a busy machine, and the small dumps cover it
                }
                assertThat(report(a, b, batch)).as("dump %d, batch %d", i, batch).isEqualTo(sequential);
            }
        }
    }

    @Test
    void theSinkSeesEveryEventInOrderAndThenTheReadersFailure() {
        List<TraceEvent> seen = new ArrayList<>();
        IOException broken = new IOException("the link dropped");
        assertThatThrownBy(() -> ReadAhead.run(s -> {
            for (int i = 0; i < 10; i++) {
                s.accept(new TraceEvent.Note(TraceEvent.Kind.SKIPPED, i, "line " + i));
            }
            throw broken;
        }, seen::add, 3)).isSameAs(broken);
        assertThat(seen).extracting(e -> ((TraceEvent.Note) e).line()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void aFailingSinkStopsTheReader() throws Exception {
        Thread[] readerThread = new Thread[1];
        RuntimeException full = new IllegalStateException("sink gave up");
        assertThatThrownBy(() -> ReadAhead.run(s -> {
            readerThread[0] = Thread.currentThread();
            while (true) { // an endless dump: only the hand-over can stop it
                s.accept(new TraceEvent.Note(TraceEvent.Kind.SKIPPED, 0, "again"));
            }
        }, e -> {
            throw full;
        }, 2)).isSameAs(full);
        readerThread[0].join(10_000);
        assertThat(readerThread[0].isAlive()).isFalse();
    }

    @Test
    void badInputSaysTheSameThroughTheSecondThread() throws IOException {
        byte[] notADump = "{\"leaks\": [{\"sz\": 8, \"addr\": ".getBytes(StandardCharsets.UTF_8);
        HeapAnalyzer one = new HeapAnalyzer(AnalysisOptions.defaults());
        HeapTraceReader.read(new ByteArrayInputStream(notADump), "cut.json", one);
        HeapAnalyzer two = new HeapAnalyzer(AnalysisOptions.defaults());
        HeapTraceReader.readAhead(new ByteArrayInputStream(notADump), "cut.json", two);
        String a = JsonReport.render(one.finish(ChainMatcher.NONE));
        assertThat(JsonReport.render(two.finish(ChainMatcher.NONE))).isEqualTo(a).contains("cut.json");
    }
}
