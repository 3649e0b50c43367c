package dev.fieldshell.kb.heap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonFormatsTest {

    /** The shape of sysviewtrace_proc.py -j output (tools/esp_app_trace/test/sysview/expected_output.json). */
    static final String SYSVIEW = """
            {"events": [
              {"core_id": 0, "ctx_name": "IRQ_oncore1", "id": 24, "in_irq": true,
               "params": {"cpu_freq": 160000000, "id_shift": 0, "ram_base": 1061158912, "sys_freq": 40000000}, "ts": 1.095e-05},
              {"addr": "0x3ffb5068", "callers": ["0x400d1e73", "0x40087834"], "core_id": 0, "ctx_name": "alloc",
               "id": 512, "in_irq": false, "size": 96, "ts": 0.009223275},
              {"addr": "0x3ffb8e08", "callers": ["0x400d1e80", "0x40087834"], "core_id": 0, "ctx_name": "alloc",
               "id": 512, "in_irq": false, "size": 10, "ts": 0.0095076},
              {"addr": "0x3ffb8e08", "callers": ["0x400d1e9c", "0x40087834"], "core_id": 0, "ctx_name": "free",
               "id": 513, "in_irq": false, "size": 0, "ts": 0.0096},
              {"addr": "0x3ffb8e18", "callers": ["0x400d1e80", "0x40087834"], "core_id": 1, "ctx_name": "alloc",
               "id": 512, "in_irq": false, "size": 10, "ts": 1.5095076}
            ],
            "streams": {"heap": {"alloc": 512, "free": 513}}}
            """;

    @Test
    void sysviewJsonMatchesFreesToAllocations() throws Exception {
        HeapAnalysis a = HeapTraceFiles.analyzeText("heap.json", SYSVIEW);
        WindowReport w = a.windows().get(0);
        assertThat(w.format()).isEqualTo(TraceFormat.SYSVIEW_JSON);
        assertThat(w.records()).isEqualTo(3);
        assertThat(w.freed()).isEqualTo(1);
        assertThat(w.alive()).isEqualTo(2);
        assertThat(w.aliveBytes()).isEqualTo(106);
        assertThat(w.durationSeconds()).isBetween(1.50, 1.51);
        ChainReport c = HeapTraceFiles.chain(a, "0x400d1e80");
        assertThat(c.count()).isEqualTo(2);
        assertThat(c.alive()).isEqualTo(1);
    }

    @Test
    void truncatedJsonWindowStillAnalysesWhatWasRead() throws Exception {
        String full = Seed003Dumps.window90();
        String cut = full.substring(0, full.indexOf("\"sz\": 168", full.indexOf("\"sz\": 168") + 1) - 6);
        HeapAnalysis a = HeapTraceFiles.analyzeText("window_90s.json", cut);
        WindowReport w = a.windows().get(0);
        assertThat(w.records()).isEqualTo(9);
        assertThat(w.incomplete()).isTrue();
        assertThat(w.notes()).anySatisfy(n -> {
            assertThat(n.kind()).isEqualTo(TraceEvent.Kind.TRUNCATED);
            assertThat(n.text()).contains("stops being valid at byte").contains("9 records before it are analysed");
        });
        assertThat(w.notes()).anySatisfy(n -> assertThat(n.text()).contains("\"count\" says 26 records but 9 were read"));
    }

    @Test
    void badRecordsAreCountedNotFatal() throws Exception {
        String json = """
                {"count": 3, "capacity": 256, "leaks": [
                  {"sz": 16, "addr": "0x3fca1000", "cc": 100, "pcs": ["0x420c9a31"]},
                  {"sz": "lots", "addr": "0x3fca2000", "cc": 200, "pcs": ["0x420c9a31"]},
                  {"sz": 16, "addr": "0x3fca3000", "cc": 300, "pcs": ["0xzz"]}
                ]}
                """;
        HeapAnalysis a = HeapTraceFiles.analyzeText("w.json", json);
        assertThat(a.records()).isEqualTo(2);
        assertThat(a.windows().get(0).notes()).anySatisfy(n -> assertThat(n.text()).contains("1 JSON records lacked"));
        // an unparsable pc is dropped, leaving the record with no caller
        assertThat(a.chains()).extracting(ChainReport::key).contains("0x420c9a31", "(no caller recorded)");
    }
}
