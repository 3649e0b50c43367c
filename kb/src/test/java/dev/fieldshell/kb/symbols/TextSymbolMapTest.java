package dev.fieldshell.kb.symbols;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextSymbolMapTest {

    @Test
    void readsAddr2lineOutputWithAddressesAsCommittedBesideTheFixture() throws Exception {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/elf/addr2line.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        TextSymbolMap.Result r = TextSymbolMap.parse(text, "addr2line.txt");
        assertThat(r.problems()).isEmpty();
        assertThat(r.table().functionAt(0x400d005aL)).contains("mg_mgr_poll");
        assertThat(r.table().functionAt(0x40080412L)).contains("heap_caps_malloc");
        assertThat(r.table().functionAt(0x3f400020L)).isEmpty(); // "??" for the handler table
    }

    @Test
    void readsPrettyPrintedDecodesAndHandMapsAndReportsGarbageWithLineNumbers() {
        String text = """
                # resolved with addr2line -pfiaC
                0x4014681e: OvmsConsole::Poll(unsigned int, void*) at /home/x/main/ovms_console.cpp:226
                 (inlined by) OvmsConsole::Service() at /home/x/main/ovms_console.cpp:300
                --- 0x4015d82a: mg_send at /home/x/mongoose.c:2776
                0x4008e57e heap_caps_malloc_default heap_caps.c:120
                0x400d3a1c esp_crt_copy_asn1
                this line is not a symbol
                0xZZZZ: broken
                """;
        TextSymbolMap.Result r = TextSymbolMap.parse(text, "symbols.txt");
        assertThat(r.table().functionAt(0x4014681eL)).contains("OvmsConsole::Poll(unsigned int, void*)");
        assertThat(r.table().functionAt(0x4015d82aL)).contains("mg_send");
        assertThat(r.table().functionAt(0x4008e57eL)).contains("heap_caps_malloc_default");
        assertThat(r.table().functionAt(0x400d3a1cL)).contains("esp_crt_copy_asn1");
        assertThat(r.table().functionAt(0x400d3a20L)).as("points, not ranges").isEmpty();
        assertThat(r.problems()).as("one line however many garbage lines").containsExactly(
                "symbols.txt:7: not an address/function line: this line is not a symbol (and 1 more such line)");
    }

    @Test
    void aFileWithDecodedLinesAndNmLinesIsNamedOnce() {
        // `kb suggest` prints "named 2 of 5 raw frames from <origin>": the file, not the file twice
        TextSymbolMap.Result r = TextSymbolMap.parse("0x401339f2: mg_send at a.c:1\n401695dd T mg_mgr_poll\n", "syms.txt");
        assertThat(r.table().functionAt(0x401339f2L)).contains("mg_send");
        assertThat(r.table().functionAt(0x401695ddL)).contains("mg_mgr_poll");
        assertThat(r.table().origin()).isEqualTo("syms.txt");
    }

    @Test
    void readsNmOutputAsRangesAndKeepsDataSymbolsOut() {
        String text = """
                3f400020 0000000c R handler_table
                3ffb0000 00000040 D sample_buffer
                400d0024 0000001b T mg_send
                400d0040 00000035 T mg_mgr_poll
                400d0078 t console_poll
                """;
        TextSymbolMap.Result r = TextSymbolMap.parse(text, "nm.txt");
        assertThat(r.problems()).isEmpty();
        assertThat(r.table().functionAt(0x400d0031L)).contains("mg_send");
        assertThat(r.table().functionAt(0x400d0080L)).contains("console_poll");
        assertThat(r.table().functionAt(0x3f400024L)).isEmpty();
        assertThat(r.table().functionAt(0x3ffb0008L)).isEmpty();
    }
}
