package dev.fieldshell.shell.macro;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldshell.kb.index.KnowledgeBase;
import dev.fieldshell.kb.source.StarterNotes;
import dev.fieldshell.shell.cli.FieldshellCommand;
import dev.fieldshell.shell.sim.SimulatedModule;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Capture to conclusion: a simulator with a tracing build, the shipped {@code heaptrace} macro
 * (trace start, a trigger of three TLS reconnects, wait, dump, save), then {@code fieldshell heap
 * analyze} on the saved file with the simulator's symbols and a KB seeded with the shipped notes.
 */
class HeaptraceAnalysisEndToEndTest extends SimFixtureTest {

    @Test
    void macroCapturesAndTheAnalysisFlagsTheLeakingChain() throws Exception {
        // no server connection at boot: its TLS handshake could land inside the trace on a loaded machine
        SimulatedModule m = fx.start(SimulatedModule.builder().firmware(SimFixture.FW_3_3_006).tracing(true)
                .serverV2AtBoot(false), "car");
        SimFixture.RecordingUi ui = new SimFixture.RecordingUi(true);
        int exit = new MacroTool(fx.dirs).macro(List.of("heaptrace", "--records", "500", "--trigger", "sim tls 3",
                "--wait", "7000", "--yes"), SimFixture.targets(Map.of("car", m.link()), "car"), ui);
        assertThat(exit).as(ui.text()).isZero();
        Path saved;
        try (var s = Files.list(fx.dirs.state().resolve("output"))) {
            saved = s.filter(p -> p.getFileName().toString().endsWith("-car-heaptrace.txt")).findFirst().orElseThrow();
        }

        Path symbols = tmp.resolve("symbols.txt");
        try (InputStream in = SimulatedModule.class.getResourceAsStream("symbols.txt")) {
            Files.copy(in, symbols);
        }
        Path kbDir = tmp.resolve("kb");
        try (KnowledgeBase kb = KnowledgeBase.open(kbDir)) {
            StarterNotes.seed(kb, false);
        }
        CommandLine cl = FieldshellCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("heap", "analyze", saved.toString(), "--symbols", symbols.toString(), "--kb",
                kbDir.toString(), "--json");
        assertThat(code).as(err.toString()).isZero();

        JsonNode a = new ObjectMapper().readTree(out.toString());
        assertThat(a.get("windows").get(0).get("format").asText()).isEqualTo("ovms_trace_dump");
        JsonNode leak = a.get("chains").get(0);
        assertThat(leak.get("chain").asText()).startsWith("esp_crt_copy_asn1 < esp_crt_ca_cb_callback");
        assertThat(leak.get("verdict").asText()).as(leak.get("reason").asText()).isEqualTo("likely_leak");
        assertThat(leak.get("fingerprint").get("sizes").toString()).isEqualTo("[2,3,12,16,24,32,45,81,168]");
        assertThat(leak.get("fingerprint").get("repeats").asInt()).isEqualTo(3);
        assertThat(leak.get("kb").get(0).get("id").asText()).isEqualTo("note:esp-crt-bundle-leak");
        long transients = 0;
        for (JsonNode c : a.get("chains")) {
            transients += c.get("verdict").asText().equals("transient") ? 1 : 0;
            if (c != leak) {
                // blocks of the once-a-second chains can still be live at the dump on a loaded machine: those may
                // be "unknown", never a leak
                assertThat(c.get("verdict").asText()).as(c.get("chain").asText() + ": " + c.get("reason").asText())
                        .isIn("transient", "unknown");
            }
        }
        assertThat(transients).as("the handshake's freed HTTP/TLS chains").isGreaterThanOrEqualTo(3);
    }
}
