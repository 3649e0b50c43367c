package dev.fieldshell.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeapCommandTest {
    /** One allocation per reconnect from the same caller, never freed; one freed buffer per poll. */
    static final String DUMP = """
            Heap tracing started/resumed at ccount 0x10000000 = logtime 5000
            6 allocations trace (500 entry buffer)
            48 bytes (@ 0x3ffb0010) allocated CPU 0 task 0x3ffc0000 ccount 0x20000000 caller 0x400d1234:0x400d5678
            256 bytes (@ 0x3ffb0100) allocated CPU 0 task 0x3ffc0000 ccount 0x28000000 caller 0x400e0010:0x400e0020
            freed task 0x3ffc0000 by 0x400e0030:0x400e0020
            48 bytes (@ 0x3ffb0200) allocated CPU 0 task 0x3ffc0000 ccount 0x40000000 caller 0x400d1234:0x400d5678
            256 bytes (@ 0x3ffb0300) allocated CPU 0 task 0x3ffc0000 ccount 0x48000000 caller 0x400e0010:0x400e0020
            freed task 0x3ffc0000 by 0x400e0030:0x400e0020
            48 bytes (@ 0x3ffb0400) allocated CPU 0 task 0x3ffc0000 ccount 0x60000000 caller 0x400d1234:0x400d5678
            256 bytes (@ 0x3ffb0500) allocated CPU 0 task 0x3ffc0000 ccount 0x68000000 caller 0x400e0010:0x400e0020
            freed task 0x3ffc0000 by 0x400e0030:0x400e0020
            144 bytes alive in trace (3/6 allocations)
            total allocations 6 total frees 3
            """;
    static final String SYMBOLS = """
            0x400d1234: server_reconnect at ovms_server_v2.cpp:812
            0x400d5678: OvmsServerV2::Connect at ovms_server_v2.cpp:640
            0x400e0010: mg_send at mongoose.c:2776
            0x400e0020: OvmsNetManager::Poll at ovms_netmanager.cpp:900
            """;

    @TempDir
    Path dir;

    /** An empty KB in the temp dir: tests never read the user's own. */
    private Path kb() throws java.io.IOException {
        return Files.createDirectories(dir.resolve("kb"));
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void analyzePrintsTheTableWithTheLeakingChainFirst() throws Exception {
        Path dump = Files.writeString(dir.resolve("trace.txt"), DUMP);
        Path syms = Files.writeString(dir.resolve("symbols.txt"), SYMBOLS);
        CliRun r = run("heap", "analyze", dump.toString(), "--symbols", syms.toString(), "--kb", kb().toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("CCOUNT clock 240 MHz");
        assertThat(r.out()).doesNotContain("\u001B[");
        String firstRow = r.out().lines().filter(l -> l.startsWith("  1 ")).findFirst().orElseThrow();
        assertThat(firstRow).contains("likely leak").contains("server_reconnect < OvmsServerV2::Connect");
        assertThat(r.out()).contains("48 B per occurrence (1 block, 48 B), repeats 3 times");
        assertThat(r.out()).contains("logtime");
        assertThat(r.out()).containsPattern("transient\\s+.*mg_send");
    }

    @Test
    void jsonAndSvgOutputs() throws Exception {
        Path dump = Files.writeString(dir.resolve("trace.txt"), DUMP);
        Path svg = dir.resolve("chart.svg");
        CliRun r = run("heap", "analyze", dump.toString(), "--json", "--svg", svg.toString(), "--kb", kb().toString());
        assertThat(r.code()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("clock_hz").asDouble()).isEqualTo(240e6);
        assertThat(root.get("chains").get(0).get("verdict").asText()).isEqualTo("likely_leak");
        assertThat(root.get("chains").get(0).get("fingerprint").get("repeats").asInt()).isEqualTo(3);
        assertThat(root.get("windows").get(0).get("start_logtime_ms").asLong()).isEqualTo(5000);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("svg");
        assertThat(Files.readString(svg)).contains("0x400d1234 &lt; 0x400d5678").doesNotContain("<script")
                .doesNotContain("href=");
        assertThat(r.err()).contains("chart written to");
    }

    @Test
    void compareNeedsTwoFilesAndClockIsAParameter() throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), DUMP);
        Path b = Files.writeString(dir.resolve("b.txt"), DUMP);
        CliRun r = run("heap", "compare", a.toString(), b.toString(), "--clock-mhz", "160", "--kb", kb().toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("CCOUNT clock 160 MHz (--clock-mhz)").contains("a/min").contains("b/min");
        assertThat(run("heap", "compare", a.toString()).code()).isEqualTo(2);
    }

    @Test
    void badInputGivesOneLineAndTheRightExitCode() throws Exception {
        CliRun missing = run("heap", "analyze", dir.resolve("nope.txt").toString(), "--kb", kb().toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("fieldshell: heap: " + dir.resolve("nope.txt") + ": no such file");
        Path empty = Files.writeString(dir.resolve("mail.txt"), "Hello,\nthe dump is attached.\n");
        CliRun none = run("heap", "analyze", empty.toString(), "--kb", kb().toString());
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err().strip()).isEqualTo("fieldshell: heap: " + empty + ": not a heap-trace dump (line 1: Hello,)");
        assertThat(none.out()).isEmpty();
        CliRun noKb = run("heap", "analyze", empty.toString(), "--kb", dir.resolve("no-kb-here").toString());
        assertThat(noKb.err().lines()).hasSize(1);
    }

    @Test
    void aDumpWithNoRecordsStillGetsItsReport() throws Exception {
        Path dump = Files.writeString(dir.resolve("idle.txt"), """
                Heap tracing started/resumed at ccount 0x10000000 = logtime 5000
                0 allocations trace (500 entry buffer)
                0 bytes alive in trace (0/0 allocations)
                total allocations 0 total frees 0
                """);
        CliRun r = run("heap", "analyze", dump.toString(), "--kb", kb().toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("idle.txt").contains("0 records");
        assertThat(r.err().strip()).isEqualTo("fieldshell: heap: no heap-trace records found in " + dump);
    }
}
