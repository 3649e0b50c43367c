package dev.fieldshell.kb.symbols;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemanglerTest {

    /** demangled.txt: names from a C++ file compiled by xtensa-lx106-elf-g++, and what c++filt printed. */
    @Test
    void printsWhatGnuCxxfiltPrints() throws Exception {
        String table;
        try (InputStream in = getClass().getResourceAsStream("/symbols/demangled.txt")) {
            table = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int n = 0;
        for (String line : table.split("\n")) {
            String[] parts = line.split("\\|", 2);
            assertThat(Demangler.demangle(parts[0])).as(parts[0]).isEqualTo(parts[1]);
            n++;
        }
        assertThat(n).isGreaterThan(10);
    }

    @Test
    void leavesCNamesAndUnreadableNamesAlone() {
        assertThat(Demangler.demangle("mg_send")).isEqualTo("mg_send");
        assertThat(Demangler.demangle("_Zgarbage")).isEqualTo("_Zgarbage");
        assertThat(Demangler.demangle("_ZN3foo")).isEqualTo("_ZN3foo");
    }
}
