package dev.fieldshell.kb.symbols;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.crash.Frame;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebuilds the fixture with Debian's Xtensa cross compiler and asks the live GNU addr2line about
 * every address: our ELF reader must give the same function names, and our long-lived addr2line
 * process must give the same lines as one-shot addr2line runs.
 */
@Tag("host-tools")
class ElfAgainstLiveAddr2LineTest {

    private static final Path SOURCES = Path.of("src/test/resources/elf");

    @Test
    void crossCompiledElfGivesGnuAddr2linesFunctionNamesForEveryAddress(@TempDir Path out) throws Exception {
        run(List.of("sh", SOURCES.resolve("build.sh").toString(), out.toString()));
        Path elf = out.resolve("fixture.elf");
        List<Addr2LineExpectation> live = Addr2LineExpectation.parse(Files.readString(out.resolve("addr2line.txt"), StandardCharsets.US_ASCII));
        ElfImage image = ElfReader.read(elf);

        assertThat(live).hasSizeGreaterThan(40);
        for (Addr2LineExpectation e : live) {
            assertThat(image.functions().functionAt(e.address()).orElse(""))
                    .as("0x%08x (live addr2line: %s)", e.address(), e.function())
                    .isEqualTo(e.expectedName());
        }
        // The build is reproducible: the committed ELF is what the cross compiler makes today.
        assertThat(image.sha256()).isEqualTo(ElfReader.read(SOURCES.resolve("fixture.elf")).sha256());
    }

    @Test
    void oneLongLivedAddr2lineProcessAnswersEveryAddressLikeOneShotRuns(@TempDir Path out) throws Exception {
        Path elf = SOURCES.resolve("fixture.elf");
        List<Addr2LineExpectation> expected = Addr2LineExpectation.parse(Files.readString(SOURCES.resolve("addr2line.txt")));
        long[] addresses = expected.stream().mapToLong(Addr2LineExpectation::address).toArray();
        try (Addr2Line a2l = Addr2Line.start(Path.of("/usr/bin/xtensa-lx106-elf-addr2line"), elf)) {
            List<List<Frame>> answers = a2l.lookupAll(addresses);
            for (int i = 0; i < addresses.length; i++) {
                Addr2LineExpectation e = expected.get(i);
                List<Frame> frames = answers.get(i);
                if (e.function().equals("??")) {
                    assertThat(frames).as("0x%08x", e.address()).isEmpty();
                } else {
                    Frame outer = frames.get(frames.size() - 1);
                    assertThat(outer.function()).as("0x%08x", e.address()).isEqualTo(e.function());
                    String loc = e.location().split(" ")[0];
                    if (!loc.endsWith(":?")) {
                        assertThat(outer.file() + ":" + outer.line()).as("0x%08x", e.address()).isEqualTo(loc);
                    }
                }
            }
            // still alive for a second round: one process for the whole session
            assertThat(a2l.lookup(0x400d0031L)).extracting(Frame::function).last().isEqualTo("mg_send");
        }
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }
}
