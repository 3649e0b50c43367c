package dev.fieldshell.kb.symbols;

import dev.fieldshell.kb.crash.CrashReport;
import java.util.ArrayList;
import java.util.List;

/** Does this ELF belong to the build that crashed? A wrong ELF gives plausible, wrong names. Pure. */
public final class ElfIdentity {
    private ElfIdentity() {}

    /** Warnings (empty when nothing contradicts), each one line. */
    public static List<String> check(CrashReport crash, ElfImage elf) {
        List<String> warnings = new ArrayList<>();
        String sha = crash.elfSha().toLowerCase(java.util.Locale.ROOT).strip();
        if (!sha.isEmpty() && !elf.sha256().startsWith(sha)) {
            warnings.add("WARNING: wrong ELF? the crash says ELF file SHA256 " + sha + " but " + elf.path()
                    + " has " + elf.sha256().substring(0, Math.max(16, sha.length())) + "; function names may be wrong");
        }
        String key = BuildKey.of(crash.firmwareVersion());
        if (!key.isEmpty() && !elf.dataContains(key)) {
            warnings.add("WARNING: wrong ELF? the crash is from firmware " + key + " but " + elf.path()
                    + " does not contain that version string; function names may be wrong");
        }
        return warnings;
    }
}
