package dev.fieldshell.shell.ovms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuotingTest {

    private static List<String> tokens(String line) {
        return ((Tokenizer.Split.Tokens) Tokenizer.split(line)).tokens();
    }

    @Test
    void tokenizerFollowsMicrorl() {
        assertThat(tokens("vfs echo \"module check alert\" /store/events/usr.check.heap/00-checkheap"))
                .containsExactly("vfs", "echo", "module check alert", "/store/events/usr.check.heap/00-checkheap");
        assertThat(tokens("  a   b  ")).containsExactly("a", "b");
        assertThat(tokens("echo it's")).containsExactly("echo", "it's");
        assertThat(tokens("echo \"\"")).containsExactly("echo", "");
        assertThat(tokens("echo 'say \"hi\"'")).containsExactly("echo", "say \"hi\"");
        assertThat(Tokenizer.split("echo \"a\"b")).isInstanceOf(Tokenizer.Split.Refused.class);
        assertThat(Tokenizer.split("echo \"abc")).isInstanceOf(Tokenizer.Split.Refused.class);
        assertThat(Tokenizer.split("x" + " \"q\"".repeat(11))).isInstanceOf(Tokenizer.Split.Refused.class);
        assertThat(Tokenizer.split("x" + " \"q\"".repeat(10))).isInstanceOf(Tokenizer.Split.Tokens.class);
        assertThat(Tokenizer.split("a".repeat(800))).isInstanceOf(Tokenizer.Split.Refused.class);
        assertThat(Tokenizer.split("a".repeat(799))).isInstanceOf(Tokenizer.Split.Tokens.class);
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

    @Test
    void everyCarriedTextSplitsBackToItself() {
        Random rnd = new Random(42);
        String alphabet = "ab \"' -\\x'\"  ";
        int carried = 0;
        for (int n = 0; n < 20000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = rnd.nextInt(12);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String text = sb.toString();
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
}
