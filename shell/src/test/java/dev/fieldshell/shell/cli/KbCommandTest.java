package dev.fieldshell.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fieldshell kb parse} and {@code kb signature} as a user runs them. */
class KbCommandTest {

    @TempDir
    Path dir;

    private static CliRun run(String stdin, String... args) {
        return CliRun.withInput(stdin, args);
    }

    private static CliRun run(byte[] stdin, String... args) {
        return CliRun.withInput(stdin, args);
    }

    private static final String PANIC = """
            Guru Meditation Error: Core  1 panic'ed (LoadProhibited). Exception was unhandled.
            Core 1 register dump:
            PC      : 0x4015d82a  PS      : 0x00060530  A0      : 0x8015dd6c  A1      : 0x3ffc3f00
            EXCCAUSE: 0x0000001c  EXCVADDR: 0x00000008  LBEG    : 0x400029ac  LEND    : 0x400029cb  LCOUNT  : 0x00000000

            ELF file SHA256: 5e6a07d4d02b1a79

            Backtrace: 0x4015d82a:0x3ffc3f00 0x4015dd69:0x3ffc3f30 0x4015f0e1:0x3ffc3f60

            Rebooting...
            0x4015d82a is in mg_send (/ovms/components/mongoose/mongoose/mongoose.c:2776).
            0x4015dd69 is in mg_mgr_poll (/ovms/components/mongoose/mongoose/mongoose.c:3001).
            """;

    @Test
    void parseFromStdinPrintsKindExceptionFramesAndSha() {
        CliRun r = run(PANIC, "kb", "parse");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("crash 1 of 1 (line 1, PANIC)")
                .contains("exception:  LoadProhibited on core 1")
                .contains("elf sha256: 5e6a07d4d02b1a79")
                .contains("#0  0x4015d82a:0x3ffc3f00 mg_send at /ovms/components/mongoose/mongoose/mongoose.c:2776")
                .contains("#2  0x4015f0e1:0x3ffc3f60\n");
    }

    @Test
    void parseSaysWhenTheCoreWasInAnInterruptHandler() {
        String isr = PANIC.replace("ELF file SHA256:", "Core 1 was running in ISR context:\n"
                + "EPC1    : 0x400d7d8e  EPC2    : 0x00000000  EPC3    : 0x00000000  EPC4    : 0x00000000\n\nELF file SHA256:");
        assertThat(isr).isNotEqualTo(PANIC);
        assertThat(run(isr, "kb", "parse").out()).contains("context:    interrupt handler (ISR) on core 1");
        assertThat(run(PANIC, "kb", "parse").out()).doesNotContain("context:");
        assertThat(run(isr, "kb", "parse", "--json").out()).contains("\"isrContext\" : true");
    }

    @Test
    void parseShowsTheErrorLoggedBeforeABareAbort() throws Exception {
        String abort = "E (1210) spiram: SPI RAM enabled but initialization failed. Bailing out.\n"
                + "abort() was called at PC 0x40081a6b on core 0\n";
        assertThat(run(abort, "kb", "parse").out()).contains("logged:     spiram: SPI RAM enabled but initialization failed. Bailing out.");
        assertThat(run(abort, "kb", "parse", "--json").out())
                .contains("\"loggedError\" : \"spiram: SPI RAM enabled but initialization failed. Bailing out.\"");
    }

    @Test
    void parseFileAsJson() throws Exception {
        Path f = dir.resolve("crash.txt");
        Files.writeString(f, PANIC);
        CliRun r = run("", "kb", "parse", "--json", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"exception\" : \"LoadProhibited\"").contains("\"function\" : \"mg_mgr_poll\"")
                .contains("\"EXCVADDR\" : \"0x00000008\"");
    }

    @Test
    void signatureAndExplain() {
        assertThat(run(PANIC, "kb", "signature").out()).isEqualTo("LoadProhibited | mg_send | mg_mgr_poll\n");
        CliRun r = run(PANIC, "kb", "signature", "--explain");
        assertThat(r.out()).contains("signature:         LoadProhibited | mg_send | mg_mgr_poll")
                .contains("address signature: elf:5e6a07d4d02b1a79 | LoadProhibited | 0x4015d82a 0x4015dd69 0x4015f0e1")
                .contains("#0   0x4015d82a mg_send: kept")
                .contains("#2   0x4015f0e1 ??: not reached")
                .contains("[null-struct-member] EXCVADDR is 0x00000008");
        assertThat(run(PANIC, "kb", "signature", "--json", "--explain").out()).contains("\"action\" : \"KEPT\"")
                .contains("\"rule\" : \"null-struct-member\"");
    }

    @Test
    void badInputIsOneLineWithTheRightExitCode() {
        CliRun missing = run("", "kb", "parse", dir.resolve("nope.txt").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("fieldshell: no such file: " + dir.resolve("nope.txt") + "\n");
        CliRun none = run("just some prose\n", "kb", "signature");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).isEqualTo("fieldshell: no crash found in standard input\n");
        assertThat(run("", "kb").code()).isEqualTo(2);
    }

    @Test
    void invalidUtf8StillParses() {
        byte[] panic = PANIC.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[panic.length + 3];
        bytes[0] = (byte) 0xff; // not UTF-8
        bytes[1] = (byte) 0xc3; // truncated sequence
        bytes[2] = '\n';
        System.arraycopy(panic, 0, bytes, 3, panic.length);
        CliRun r = run(bytes, "kb", "signature");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("LoadProhibited | mg_send");
    }
}
