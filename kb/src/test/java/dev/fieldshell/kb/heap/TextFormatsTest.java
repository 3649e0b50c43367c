package dev.fieldshell.kb.heap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each text format parsed from the samples in crash-formats.md §4 and seed 000. */
class TextFormatsTest {

    static final String V33 = """
            2 allocations trace (100 entry buffer)
            32 bytes (@ 0x3ffaf214) allocated CPU 0 ccount 0x2e9b7384 caller 0x400d276d:0x400d27c1
            8 bytes (@ 0x3ffaf804) allocated CPU 0 ccount 0x2e9b79c0 caller 0x400d2776:0x400d27c1
            freed by 0x400d2791:0x400d27c1
            40 bytes 'leaked' in trace (2 allocations)
            total allocations 1207 total frees 3356
            (NB: Buffer has overflowed, so trace data is incomplete.)
            """;

    static final String V51 = """
            ====== Heap Trace: 2 records (100 capacity) ======
                32 bytes (@ 0x3ffaf214, Internal) allocated CPU 0 ccount 0x2e9b7384 caller 0x400d276d:0x400d27c1
               100 bytes (@ 0x3f800a10,    PSRAM) allocated CPU 1 ccount 0x2e9b8001 caller 0x400d2776:0x400d27c1
            freed by 0x400d2791:0x400d27c1
            ====== Heap Trace Summary ======
            Mode: Heap Trace All
            32 bytes alive in trace (1/2 allocations)
            records: 2 (100 capacity, 14 high water mark)
            hashmap: 512 capacity (10 hits, 2 misses)
            total allocations: 1207
            total frees: 3356
            ================================
            """;

    /** Seed 000 as it arrived by mail: quoted with "> ", records wrapped after "ccount", a "[…]" cut. */
    static final String OVMS_MAIL = """
            >>>>>> OVMS# mod trace dump
            >>>>>> Heap tracing started/resumed at ccount 0x1c70b453 = logtime 19415
            >>>>>> 1000 allocations trace (1000 entry buffer)
            >>>>>> 258 bytes (@ 0x3fffb3a8) allocated CPU 1 task 0x3ffc92e8 ccount\s
            >>>>>> 0x89074e74 caller 0x4031d4f0:0x4031f553
            >>>>>> freed task 0x3ffc92e8 by 0x4031d514:0x4031f595
            >>>>>> 201 bytes (@ 0x3f8e92f4) allocated CPU 1 task 0x3fff2290 ccount\s
            >>>>>> 0x89218bbc caller 0x40131b12:0x4014633c
            >>>>>> freed task 0x3fff2290 by 0x402c4634:0x402cb14d
            >>>>>> 112 bytes (@ 0x3ffebc80) allocated CPU 1 task 0x3ffee918 ccount\s
            >>>>>> 0x8a25d47c caller 0x4029b455:0x4017a5dc
            >>>>>> freed task 0x3ffee918 by 0x4029b744:0x4017a5dc
            >>>>>> 112 bytes (@ 0x3ffebc80) allocated CPU 1 task 0x3ffee918 ccount\s
            >>>>>> 0x8db89c40 caller 0x4029b455:0x4017a5dc
            >>>>>> freed task 0x3ffee918 by 0x4029b744:0x4017a5dc
            >>>>>> 12 bytes (@ 0x3f85d0d4) allocated CPU 1 task 0x3ffdfcd0 ccount\s
            >>>>>> 0x8fccdfd8 caller 0x40131b12:0x4014633c
            >>>>>> freed task 0x3ffdfcd0 by 0x402c4634:0x401e0a04
            >>>>>> […]
            >>>>>> 12 bytes (@ 0x3f85d0d4) allocated CPU 1 task 0x3ffdfcd0 ccount\s
            >>>>>> 0x3cf429f4 caller 0x40131b12:0x4014633c
            >>>>>> freed task 0x3ffdfcd0 by 0x402c4634:0x401e0a04
            >>>>>> 112 bytes (@ 0x3ffebc80) allocated CPU 1 task 0x3ffee918 ccount\s
            >>>>>> 0x3fe1a0bc caller 0x4029b455:0x4017a5dc
            >>>>>> 229 bytes alive in trace (3/1000 allocations)
            >>>>>> total allocations 1207 total frees 3356
            >>>>>> (NB: Buffer has overflowed; so trace data is incomplete.)
            """;

    @Test
    void idfV33TextWithFreedByAndOverflow() throws Exception {
        HeapAnalysis a = HeapTraceFiles.analyzeText("dump.txt", V33);
        WindowReport w = a.windows().get(0);
        assertThat(w.format()).isEqualTo(TraceFormat.IDF_TEXT_V3);
        assertThat(w.records()).isEqualTo(2);
        assertThat(w.capacity()).isEqualTo(100);
        assertThat(w.alive()).isEqualTo(1);
        assertThat(w.freed()).isEqualTo(1);
        assertThat(w.totalAllocations()).isEqualTo(1207);
        assertThat(w.totalFrees()).isEqualTo(3356);
        assertThat(w.incomplete()).isTrue();
        assertThat(w.notes()).anySatisfy(n -> {
            assertThat(n.kind()).isEqualTo(TraceEvent.Kind.OVERFLOW);
            assertThat(n.line()).isEqualTo(7);
        });
        ChainReport freed = HeapTraceFiles.chain(a, "0x400d2776");
        assertThat(freed.verdict()).isEqualTo(Verdict.TRANSIENT);
        assertThat(freed.reason()).contains("freed");
        assertThat(HeapTraceFiles.chain(a, "0x400d276d").alive()).isEqualTo(1);
    }

    @Test
    void idfV51TextWithMemoryKindAndSummary() throws Exception {
        HeapAnalysis a = HeapTraceFiles.analyzeText("v51.txt", V51);
        WindowReport w = a.windows().get(0);
        assertThat(w.format()).isEqualTo(TraceFormat.IDF_TEXT_V51);
        assertThat(w.records()).isEqualTo(2);
        assertThat(w.declared()).isEqualTo(2);
        assertThat(w.capacity()).isEqualTo(100);
        assertThat(w.mode()).isEqualTo("all");
        assertThat(w.alive()).isEqualTo(1);
        assertThat(w.aliveBytes()).isEqualTo(32);
        assertThat(w.totalAllocations()).isEqualTo(1207);
        assertThat(w.totalFrees()).isEqualTo(3356);
        assertThat(w.incomplete()).isFalse();
    }

    @Test
    void ovmsDumpFromTheMailThreadWithTasksWrapsAndCut() throws Exception {
        HeapAnalysis a = HeapTraceFiles.analyzeText("ovms.txt", OVMS_MAIL);
        WindowReport w = a.windows().get(0);
        assertThat(w.format()).isEqualTo(TraceFormat.OVMS_TRACE_DUMP);
        assertThat(w.startCcount()).hasValue(0x1c70b453L);
        assertThat(w.startLogtimeMs()).hasValue(19415L);
        assertThat(w.records()).isEqualTo(7);
        assertThat(w.freed()).isEqualTo(6);
        assertThat(w.notes()).noneMatch(n -> n.text().contains("allocated again"));
        assertThat(w.alive()).isEqualTo(1);
        assertThat(w.aliveBytes()).isEqualTo(112);
        assertThat(w.incomplete()).isTrue();
        assertThat(w.notes()).extracting(WindowReport.Message::kind)
                .contains(TraceEvent.Kind.TRUNCATED, TraceEvent.Kind.OVERFLOW);
        // the same caller pair, three allocations of 112 B, two freed, the last one live at dump time
        ChainReport c = HeapTraceFiles.chain(a, "0x4029b455");
        assertThat(c.count()).isEqualTo(3);
        assertThat(c.alive()).isEqualTo(1);
        ChainWindow cw = c.windows().get(0);
        assertThat(cw.firstCcount()).isEqualTo(0x8a25d47cL);
        assertThat(cw.lastCcount()).isEqualTo(0x3fe1a0bcL);
        // logtime anchor: 0x8a25d47c - 0x1c70b453 cycles = 1_840_578_601 / 240 MHz = 7669 ms after 19415
        assertThat(cw.firstLogtimeMs()).hasValue(19415 + 7669);
        // the ccount wrapped between 0x8fccdfd8 and 0x3cf429f4 and is unfolded, so time keeps going forward
        assertThat(cw.lastLogtimeMs().getAsLong()).isGreaterThan(cw.firstLogtimeMs().getAsLong());
        // the task handles were read
        assertThat(HeapTraceFiles.chain(a, "0x40131b12").count()).isEqualTo(3);
    }

    @Test
    void anAddressAllocatedTwiceWithoutAFreeMeansTheFreeIsMissing() throws Exception {
        String cut = OVMS_MAIL.replace(">>>>>> freed task 0x3ffee918 by 0x4029b744:0x4017a5dc\n", "");
        HeapAnalysis a = HeapTraceFiles.analyzeText("cut.txt", cut);
        WindowReport w = a.windows().get(0);
        // three 112 B blocks at 0x3ffebc80, none with its free line: the first two must have been freed
        assertThat(w.alive()).isEqualTo(1);
        assertThat(w.notes()).anySatisfy(n -> assertThat(n.text()).startsWith("2 block addresses were allocated again"));
        assertThat(w.incomplete()).isTrue();
    }

    @Test
    void unknownLinesAreSkippedWithTheirLineNumber() throws Exception {
        HeapAnalysis a = HeapTraceFiles.analyzeText("mixed.txt", "hello\n" + V33 + "I (1234) wifi: connected\n");
        assertThat(a.windows()).hasSize(1);
        WindowReport w = a.windows().get(0);
        List<WindowReport.Message> skipped = a.windows().stream().flatMap(x -> x.notes().stream())
                .filter(n -> n.kind() == TraceEvent.Kind.SKIPPED).toList();
        assertThat(skipped).extracting(WindowReport.Message::line).contains(1L, 9L);
        assertThat(w.records()).isEqualTo(2);
    }
}
