package dev.fieldshell.kb.symbols;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What fieldshell needs from a firmware ELF: its function symbols (executable sections only), its
 * SHA-256 (the crash's {@code ELF file SHA256:} is a prefix of it), and its read-only data, where the
 * firmware version string lives.
 *
 * @param path      the file it was read from, for messages
 * @param machine   e_machine (94 Xtensa, 243 RISC-V)
 * @param functions FUNC symbols of SHF_EXECINSTR sections
 * @param sha256    lowercase hex SHA-256 of the whole file
 * @param dataSections allocated, non-executable PROGBITS sections (rodata, data), for identity checks
 */
public record ElfImage(String path, int machine, FunctionTable functions, String sha256, List<byte[]> dataSections) {

    public static final int EM_XTENSA = 94;
    public static final int EM_RISCV = 243;

    public ElfImage {
        dataSections = List.copyOf(dataSections);
    }

    /** True when the read-only or initialized data holds {@code text} (e.g. the firmware version). */
    public boolean dataContains(String text) {
        byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        if (needle.length == 0) {
            return false;
        }
        for (byte[] hay : dataSections) {
            outer:
            for (int i = 0; i + needle.length <= hay.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (hay[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
        }
        return false;
    }

    public String architecture() {
        return machine == EM_XTENSA ? "Xtensa" : machine == EM_RISCV ? "RISC-V" : "e_machine " + machine;
    }
}
