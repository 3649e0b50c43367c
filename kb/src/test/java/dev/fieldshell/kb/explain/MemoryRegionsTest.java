package dev.fieldshell.kb.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldshell.kb.data.DataFile;
import org.junit.jupiter.api.Test;

class MemoryRegionsTest {

    @Test
    void theShippedTableNamesFlashCodeAndDram() {
        MemoryRegions r = MemoryRegions.standard();
        assertThat(r.find("esp32", 0x400d1234L).name()).isEqualTo("flash-code");
        assertThat(r.find("esp32", 0x400d1234L).executable()).isTrue();
        assertThat(r.find("esp32", 0x3ffc3f00L).executable()).isFalse();
    }

    @Test
    void aBadRowIsOneMessageNamingFileAndLine() {
        assertThatThrownBy(() -> MemoryRegions.of(DataFile.of("memory-regions.txt", "# chip start end region exec\nesp32 0x40000000 0x40070000 rom\n")))
                .hasMessage("memory-regions.txt:2: expected chip start end region yes|no, got: esp32 0x40000000 0x40070000 rom");
        assertThatThrownBy(() -> MemoryRegions.of(DataFile.of("memory-regions.txt", "esp32 0x4000000g 0x40070000 rom yes\n")))
                .hasMessageStartingWith("memory-regions.txt:1: expected");
    }
}
