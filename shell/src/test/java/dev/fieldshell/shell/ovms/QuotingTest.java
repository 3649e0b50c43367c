package dev.fieldshell.shell.ovms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuotingTest {

    private static List<String> tokens(String line) {
        return ((Tokenizer.Split.Tokens) Tokenizer.split(line)).tokens();
    }

    @Test
    void quotesWithTheKindTheTextLacks() {
        assertThat(Quoting.line("vfs echo", "module check alert", "/store/x")).isEqualTo(new Quoting.Line.Ok("vfs echo \"module check alert\" /store/x"));
        assertThat(Quoting.line("vfs echo", "say \"hi\" now", "/store/x")).isEqualTo(new Quoting.Line.Ok("vfs echo 'say \"hi\" now' /store/x"));
        assertThat(Quoting.line("vfs echo", "it's", "/store/x")).isEqualTo(new Quoting.Line.Ok("vfs echo it's /store/x"));
        assertThat(Quoting.line("vfs echo", "'lead", "/store/x")).isEqualTo(new Quoting.Line.Ok("vfs echo \"'lead\" /store/x"));
        assertThat(Quoting.line("vfs echo", "", "/store/x")).isEqualTo(new Quoting.Line.Ok("vfs echo \"\" /store/x"));
    }

    @Test
    void refusesWhatCannotBeCarriedWithTheReason() {
        assertThat(Quoting.line("vfs echo", "it's \"both\" kinds", "/store/x"))
                .isInstanceOfSatisfying(Quoting.Line.Refused.class, r -> assertThat(r.reason()).contains("both quote kinds"));
        assertThat(Quoting.line("config set", "usr", "note", "?"))
                .isEqualTo(new Quoting.Line.Refused("the last argument of 'config set' is '?', which makes the module print the usage instead of running it"));
        assertThat(Quoting.line("vfs echo", "?", "/store/x")).isInstanceOf(Quoting.Line.Ok.class);
        assertThat(Quoting.line("vfs echo", "tab\there", "/store/x"))
                .isInstanceOfSatisfying(Quoting.Line.Refused.class, r -> assertThat(r.reason()).contains("control character 0x09 at offset 3"));
        assertThat(Quoting.line("vfs echo", "Grüße", "/store/x"))
                .isInstanceOfSatisfying(Quoting.Line.Refused.class, r -> assertThat(r.reason()).contains("non-ASCII"));
        assertThat(Quoting.line("vfs echo", "x".repeat(790), "/store/x"))
                .isInstanceOfSatisfying(Quoting.Line.Refused.class, r -> assertThat(r.reason()).contains("799"));
    }

    /** A text of fewer than {@code bound} characters drawn from {@code alphabet}. */
    private static String text(Random r, String alphabet, int bound) {
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(bound); i > 0; i--) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Test
    void everyCarriedTextSplitsBackToItself() {
        Random rnd = new Random(42);
        String alphabet = "ab \"' -\\x'\"  ";
        int carried = 0;
        for (int n = 0; n < 20000; n++) {
            String text = text(rnd, alphabet, 12);
            if (Quoting.line("vfs echo", text, "/store/f") instanceof Quoting.Line.Ok ok) {
                carried++;
                assertThat(tokens(ok.line())).containsExactly("vfs", "echo", text, "/store/f");
            } else {
                // Refused only when the tokenizer truly cannot carry it.
                assertThat(text.contains("\"") && text.contains("'") && (text.contains(" ") || text.startsWith("\"") || text.startsWith("'")))
                        .as("refused '%s'", text).isTrue();
            }
        }
        assertThat(carried).isGreaterThan(10000);
    }

    @Test
    void severalCarriedArgumentsSplitBackToThemselves() {
        Random r = new Random(7);
        String alphabet = "ab '\"x  ";
        int carried = 0;
        for (int n = 0; n < 20000; n++) {
            List<String> args = new ArrayList<>();
            for (int k = r.nextInt(4); k >= 0; k--) {
                args.add(text(r, alphabet, 9));
            }
            if (Quoting.line("vfs echo", args.toArray(String[]::new)) instanceof Quoting.Line.Ok ok) {
                carried++;
                List<String> expected = new ArrayList<>(List.of("vfs", "echo"));
                expected.addAll(args);
                assertThat(tokens(ok.line())).as("<%s>", ok.line()).isEqualTo(expected);
            }
        }
        assertThat(carried).isGreaterThan(10000);
    }
}
