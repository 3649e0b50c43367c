package dev.fieldshell.kb.symbols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfReaderTest {

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ElfReaderTest.class.getResourceAsStream("/elf/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    static Path fixture(Path dir) throws IOException {
        Path p = dir.resolve("fixture.elf");
        Files.write(p, resource("fixture.elf"));
        return p;
    }

    @Test
    void givesTheSameFunctionNamesAsGnuAddr2lineForEveryCommittedAddress(@TempDir Path dir) throws Exception {
        ElfImage elf = ElfReader.read(fixture(dir));
        List<Addr2LineExpectation> expected = Addr2LineExpectation.parse(new String(resource("addr2line.txt"), StandardCharsets.US_ASCII));

        assertThat(expected).hasSizeGreaterThan(40);
        for (Addr2LineExpectation e : expected) {
            assertThat(elf.functions().functionAt(e.address()).orElse(""))
                    .as("0x%08x (addr2line: %s)", e.address(), e.function())
                    .isEqualTo(e.expectedName());
        }
    }

    @Test
    void neverDecodesDataPointersFromTheRodataTableOrTheRamBuffers(@TempDir Path dir) throws Exception {
        ElfImage elf = ElfReader.read(fixture(dir));
        // handler_table (a const table of function pointers), the version string, sample_buffer, event_counter
        for (long data : new long[] {0x3f400020L, 0x3f400024L, 0x3f40002cL, 0x3ffb0000L, 0x3ffb0040L}) {
            assertThat(elf.functions().functionAt(data)).as("0x%08x", data).isEmpty();
        }
        assertThat(elf.functions().functionAt(0x400d0031L)).contains("mg_send");
        assertThat(elf.functions().functionAt(0x40080405L)).contains("heap_caps_malloc");
        assertThat(elf.architecture()).isEqualTo("Xtensa");
    }

    @Test
    void findsTheFirmwareVersionInReadOnlyDataAndHashesTheFile(@TempDir Path dir) throws Exception {
        ElfImage elf = ElfReader.read(fixture(dir));
        assertThat(elf.dataContains("3.3.099-7-gf1x7ure")).isTrue();
        assertThat(elf.dataContains("3.3.004-321-gbb821cfc")).isFalse();
        assertThat(elf.sha256()).hasSize(64).isEqualTo(ElfReader.sha256(resource("fixture.elf")));
    }

    @Test
    void anElfOfAnotherArchitectureIsOneClearLine() throws Exception {
        byte[] bytes = resource("fixture.elf");
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(18, (short) 40); // e_machine = ARM
        assertThatThrownBy(() -> ElfReader.read(bytes, "arm.elf"))
                .isInstanceOf(SymbolsException.class)
                .hasMessage("arm.elf: ELF for ARM (e_machine 40), not for an ESP32 (Xtensa 94 or RISC-V 243)");
    }

    @Test
    void theHostsOwn64BitProgramsAreRefused() throws Exception {
        Path ls = Path.of("/bin/ls").toRealPath();
        assertThatThrownBy(() -> ElfReader.read(ls))
                .isInstanceOf(SymbolsException.class)
                .hasMessageContaining("64-bit ELF")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aTruncatedElfSaysWhereItEnds() throws Exception {
        byte[] bytes = resource("fixture.elf");
        byte[] cut = Arrays.copyOf(bytes, 4000);
        assertThatThrownBy(() -> ElfReader.read(cut, "cut.elf"))
                .isInstanceOf(SymbolsException.class)
                .hasMessageStartingWith("cut.elf: truncated ELF: ")
                .hasMessageContaining("the file has 4000");
        assertThatThrownBy(() -> ElfReader.read(Arrays.copyOf(bytes, 30), "tiny.elf"))
                .hasMessage("tiny.elf: truncated ELF: 30 bytes, the ELF header alone needs 52");
        assertThatThrownBy(() -> ElfReader.read("hello".getBytes(StandardCharsets.US_ASCII), "notes.txt"))
                .hasMessageStartingWith("notes.txt: not an ELF file");
    }

    @Test
    void aStrippedElfSaysSo() throws Exception {
        byte[] bytes = resource("fixture.elf");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int shoff = b.getInt(32);
        int shnum = b.getShort(48);
        for (int i = 0; i < shnum; i++) { // what strip does, as far as we care: no SHT_SYMTAB left
            int type = shoff + i * 40 + 4;
            if (b.getInt(type) == 2) {
                b.putInt(type, 1);
            }
        }
        assertThatThrownBy(() -> ElfReader.read(bytes, "stripped.elf"))
                .hasMessage("stripped.elf: no .symtab section (stripped ELF?); use the unstripped firmware ELF from the build directory");
    }
}
