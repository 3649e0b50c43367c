package dev.fieldshell.kb.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.explain.Explainer;
import dev.fieldshell.kb.signature.Signature;
import dev.fieldshell.kb.signature.SignatureGenerator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property test: mutated fixtures and random text never make the parser, the signature generator
 * or the explainer throw, and what they return keeps its invariants. Seeds are fixed, so a failure
 * names the seed that reproduces it.
 */
class CrashParserFuzzTest {

    private static final String[] TOKENS = {
        "Guru Meditation Error: Core ", "  1 panic'ed (", "LoadProhibited", ")", "Backtrace:", "Backtrace: ", "0x", "0x4008",
        ":0x3ffb", " |<-CORRUPTED", "|<-", "Core  0 register dump:", "PC      : ", "EXCVADDR: ", "CORRUPT HEAP: Bad tail at ",
        " owner ", ". Expected ", " got ", "abort() was called at PC ", " on core ", "assert failed: ", "Last crash: ",
        " exception on core ", "Registers:", "Event: ", "@", "WDT tasks: ", "|", "Version: ", "(build idf v3.3.4", "*-OVM-DebugCrash,",
        ",", ";", " is in ", " (", ":226).", "#0  ", " in ", " at ", "(inlined by) ", "--- ", " - ", "\n", "\n\n", "\r", "\u240D\u240A",
        "> ", ">>", "\u001B[0;31m", "ESC[0;33m", "[0;32m", "[19:46:42:120] ", "E (10325) task_wdt: ", "Task watchdog got triggered.",
        " - IDLE0 (CPU 0)", "Tasks currently running:", "CPU 1: ", "Stack memory:", "MEPC    : ", "ELF file SHA256: ", "Rebooting...",
        "rst:0xc", "***ERROR*** A stack overflow in task ", " has been detected.", "\u0000", "\uFFFD", "\uD83D\uDE00", "\t", "&gt;",
        "(", "((((", "))))", "<", "<<<<", ">>>>", "{lambda(", "operator", "::", " const", "\\", "\"",
    };

    private static final List<String> FIXTURES = NoisyVariantsTest.FIXTURES;

    @Test
    void mutatedFixturesNeverThrow() {
        for (int seed = 0; seed < 400; seed++) {
            Random rnd = new Random(seed);
            String base = Fixtures.read(FIXTURES.get(rnd.nextInt(FIXTURES.size())));
            String input = mutate(base, rnd, 1 + rnd.nextInt(12));
            check(input, "seed " + seed);
        }
    }

    @Test
    void tokenSoupNeverThrows() {
        for (int seed = 0; seed < 300; seed++) {
            Random rnd = new Random(10_000 + seed);
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(200);
            for (int i = 0; i < n; i++) {
                sb.append(rnd.nextInt(4) == 0 ? hex(rnd) : TOKENS[rnd.nextInt(TOKENS.length)]);
            }
            check(sb.toString(), "token seed " + seed);
        }
    }

    @Test
    void randomCharactersNeverThrow() {
        for (int seed = 0; seed < 200; seed++) {
            Random rnd = new Random(20_000 + seed);
            char[] cs = new char[rnd.nextInt(3000)];
            for (int i = 0; i < cs.length; i++) {
                int pick = rnd.nextInt(10);
                cs[i] = pick < 6 ? (char) (32 + rnd.nextInt(95)) : pick < 8 ? (char) rnd.nextInt(32) : (char) rnd.nextInt(0x10000);
            }
            check(new String(cs), "char seed " + seed);
        }
    }

    private static void check(String input, String what) {
        List<CrashReport> crashes;
        try {
            crashes = CrashParser.parseStrict(input);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(what + ": parser threw on input:\n" + input, e);
        }
        int lines = input.split("\r\n|\n|\r|\u240A", -1).length;
        for (CrashReport r : crashes) {
            try {
                Signature s = SignatureGenerator.standard().generate(r);
                assertThat(s.text()).as(what).isNotEmpty().hasSizeLessThanOrEqualTo(255);
                Explainer.standard().explain(r);
            } catch (RuntimeException e) {
                throw new AssertionError(what + ": signature/explain threw on input:\n" + input, e);
            }
            assertThat(r.startLine()).as(what).isBetween(1, lines + 1);
            assertThat(r.frames()).as(what).doesNotContainNull();
        }
    }

    static String mutate(String base, Random rnd, int steps) {
        StringBuilder sb = new StringBuilder(base);
        for (int k = 0; k < steps; k++) {
            int len = sb.length();
            int at = len == 0 ? 0 : rnd.nextInt(len);
            switch (rnd.nextInt(8)) {
                case 0 -> sb.delete(at, Math.min(len, at + 1 + rnd.nextInt(40)));
                case 1 -> sb.insert(at, TOKENS[rnd.nextInt(TOKENS.length)]);
                case 2 -> {
                    int end = Math.min(len, at + rnd.nextInt(200));
                    sb.insert(at, sb.substring(at, end));
                }
                case 3 -> {
                    if (len > 0) {
                        sb.setCharAt(at, (char) rnd.nextInt(0x3000));
                    }
                }
                case 4 -> sb.setLength(at); // truncated paste
                case 5 -> sb.insert(at, hex(rnd));
                case 6 -> {
                    if (len > 0 && Character.isLetterOrDigit(sb.charAt(at))) {
                        sb.setCharAt(at, Character.isDigit(sb.charAt(at)) ? 'f' : '7');
                    }
                }
                default -> sb.insert(at, '\n');
            }
        }
        return sb.toString();
    }

    private static String hex(Random rnd) {
        return String.format("0x%08x", rnd.nextInt()) + (rnd.nextBoolean() ? ":" + String.format("0x%08x", rnd.nextInt()) : "");
    }
}
