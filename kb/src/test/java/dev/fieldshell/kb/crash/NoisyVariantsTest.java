package dev.fieldshell.kb.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.signature.SignatureGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each noisy variant of each fixture gives the same crashes and signatures as its clean form. */
class NoisyVariantsTest {

    static final List<String> FIXTURES = List.of(
            "v33-loadprohibited.txt", "v33-twdt-abort.txt", "v33-illegal-instruction.txt", "v42-corrupted.txt",
            "v5-heap-bad-tail-assert.txt", "v5-stack-overflow.txt", "riscv-c6-store-fault.txt", "pre31-loadprohibited.txt",
            "interrupt-wdt-two-cores.txt", "bootloop.txt", "twdt-v5-nopanic.txt", "stack-overflow-ovms.txt", "configassert.txt",
            "esp-error-check.txt", "heap-alert-seed.txt", "heap-multi-heap-5485.txt", "bootstatus-2024.txt", "bootstatus-2018.txt",
            "bootstatus-2020-twdt.txt", "bootstatus-flattened-2023.txt", "debugcrash-v2.txt", "debugcrash-mysql-531.txt",
            "debugcrash-truncated.txt", "decoded-addr2line-1582.txt", "decoded-monitor-15168.txt", "decoded-gdb-seed.txt",
            "decoded-gdb-bt.txt", "decoded-platformio-8902.txt", "decoded-espflash-12390.txt", "decoded-esphome-2062.txt",
            "v5-stack-smashing.txt", "ovms-idf4-abort-current-tasks.txt", "cache-disabled.txt");

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String f : FIXTURES) {
            for (Noise.Variant v : Noise.variants()) {
                if (f.equals("decoded-gdb-seed.txt") && v.name().equals("flattened-one-line")) {
                    // two decodes with prose between them, all in one line: nothing tells them apart any more
                    continue;
                }
                out.add(Arguments.of(f, v.name(), v));
            }
        }
        return out.stream();
    }

    static List<String> signatures(String text) {
        List<String> out = new ArrayList<>();
        for (CrashReport r : CrashParser.parseStrict(text)) {
            out.add(r.kind() + " " + SignatureGenerator.standard().generate(r).text() + " @ "
                    + SignatureGenerator.standard().generate(r).addressSignature());
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void sameSignatureAsClean(String fixture, String variantName, Noise.Variant variant) {
        String clean = Fixtures.read(fixture);
        List<String> expected = signatures(clean);
        assertThat(expected).isNotEmpty();
        assertThat(signatures(variant.apply().apply(clean))).as(variantName).isEqualTo(expected);
    }
}
