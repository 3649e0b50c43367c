package dev.fieldshell.kb.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.crash.noise.WorkMeter;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parser's work grows linearly with its input, also for inputs built to make patterns backtrack:
 * work is counted (characters read by pattern matching plus line lengths, {@link WorkMeter}), not
 * timed. Each input is measured at sizes n, 2n, 4n, 8n; work per character must stay bounded and
 * must not grow with size.
 */
class CrashParserLinearityTest {

    static Stream<Arguments> inputs() {
        return Stream.of(
                shape("boot loop of every fixture", n -> repeat(allFixtures(), n)),
                shape("one long backtrace line", n -> "Backtrace: " + "0x4008a830:0x3ffc4ab0 ".repeat(n * 40)),
                shape("one long line of open parens", n -> "0x4014681e is in f" + "(".repeat(n * 800)),
                shape("unclosed guru headers", n -> "Guru Meditation Error: Core  1 panic'ed (".repeat(n * 20)),
                shape("quote marks", n -> ">".repeat(n * 800) + " Backtrace: 0x40080000:0x3ffb0000"),
                shape("ansi fragments", n -> "[0;".repeat(n * 300) + "\u001B[".repeat(n * 300)),
                shape("watchdog task lines without end", n -> " - x (CPU".repeat(n * 100)),
                shape("decoded lines with many ' at '", n -> "0x40080000: f" + " at x".repeat(n * 150)),
                shape("log prefixes on one line", n -> "E (1) t: ".repeat(n * 100)),
                shape("stack overflow without end", n -> "A stack overflow in task ".repeat(n * 30)),
                shape("heap lines without values", n -> "CORRUPT HEAP: Bad tail at ".repeat(n * 30)),
                shape("register names without values", n -> "Core 1 register dump: " + "PC : ".repeat(n * 150)),
                shape("hex without end", n -> "Backtrace:" + "0".repeat(n * 800)),
                shape("DebugCrash wrapped across lines", n -> "*-OVM-DebugCrash,0,2592000,3.3.005/ota_0/edge\n" + "x y\n".repeat(n * 100)),
                shape("many crashes each followed by a decode of another", n -> decodeChurn(n * 20)),
                shape("many version lines and crashes", n -> ("Version: 3.3.004-1-gabc/ota_0/main (build idf v3.3.4)\n"
                        + "abort() was called at PC 0x400d1537 on core 0\nBacktrace: 0x40081234:0x3ffb0000\nRebooting...\n").repeat(n * 15)),
                shape("gdb source listing", n -> "0x4014681e is in OvmsConsole::Poll(unsigned int, void*) (/x/ovms_console.cpp:226).\n"
                        + "226  buffer = *before;\n".repeat(n * 60)));
    }

    private static Arguments shape(String name, IntFunction<String> make) {
        return Arguments.of(name, make);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void workGrowsLinearly(String name, IntFunction<String> make) {
        double[] perChar = new double[4];
        for (int k = 0; k < 4; k++) {
            String input = make.apply(1 << k);
            long work = WorkMeter.measure(() -> CrashParser.parseStrict(input)).work();
            perChar[k] = (double) work / Math.max(1, input.length());
        }
        System.out.printf("%-50s %s%n", name, java.util.Arrays.toString(perChar));
        // a constant number of pattern passes over each character; quadratic behaviour would double it each step
        assertThat(perChar[3]).as("%s: work per character at 8n (%s)", name, java.util.Arrays.toString(perChar))
                .isLessThan(120.0)
                .isLessThan(perChar[0] * 1.6 + 2.0);
    }

    @org.junit.jupiter.api.Test
    void theMeterSeesQuadraticMatching() {
        java.util.regex.Pattern quadratic = java.util.regex.Pattern.compile("a*b");
        long[] work = new long[2];
        for (int k = 0; k < 2; k++) {
            String text = "a".repeat(2000 << k);
            work[k] = WorkMeter.measure(() -> WorkMeter.matcher(quadratic, text).find()).work();
        }
        assertThat((double) work[1] / work[0]).isGreaterThan(3.5); // doubling the input quadruples the work
    }

    private static String allFixtures() {
        StringBuilder sb = new StringBuilder();
        for (String f : NoisyVariantsTest.FIXTURES) {
            sb.append(Fixtures.read(f)).append('\n');
        }
        return sb.toString();
    }

    private static String repeat(String s, int n) {
        return s.repeat(n);
    }

    private static String decodeChurn(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(String.format("Backtrace: 0x%08x:0x3ffb0000%nRebooting...%n", 0x400d0000 + i * 4));
            sb.append(String.format("text%n0x%08x is in f%d (/x/f.c:%d).%n", 0x400d0000 + (n - i) * 4, i, i));
        }
        return sb.toString();
    }
}
