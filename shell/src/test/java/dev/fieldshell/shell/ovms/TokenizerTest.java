package dev.fieldshell.shell.ovms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** microrl's split() (reference §3.1), which both the simulator's console and the client's quoting use. */
class TokenizerTest {

    private static List<String> ok(String line) {
        assertThat(Tokenizer.split(line)).as("tokens of <%s>", line).isInstanceOf(Tokenizer.Split.Tokens.class);
        return ((Tokenizer.Split.Tokens) Tokenizer.split(line)).tokens();
    }

    private static boolean refused(String line) {
        return Tokenizer.split(line) instanceof Tokenizer.Split.Refused;
    }

    @Test
    void splitsOnSpacesAndCollapsesRuns() {
        assertThat(ok("vfs   ls  /store")).containsExactly("vfs", "ls", "/store");
        assertThat(ok("  a   b  ")).containsExactly("a", "b");
        assertThat(ok("   ")).isEmpty();
    }

    @Test
    void quotesOnlyAtTokenStartAndNoEscapes() {
        assertThat(ok("vfs echo \"module check alert\" /store/events/usr.check.heap/00-checkheap"))
                .containsExactly("vfs", "echo", "module check alert", "/store/events/usr.check.heap/00-checkheap");
        assertThat(ok("echo it's")).containsExactly("echo", "it's");
        assertThat(ok("echo 'say \"hi\"'")).containsExactly("echo", "say \"hi\"");
        assertThat(ok("echo \"a\\\" b")).containsExactly("echo", "a\\", "b"); // no escapes: the backslash is literal
        assertThat(ok("echo \"\"")).containsExactly("echo", "");
        assertThat(ok("echo \"  two  spaces \"")).containsExactly("echo", "  two  spaces ");
    }

    @Test
    void closingQuoteMustEndTheToken() {
        assertThat(refused("vfs echo \"x\"y /store/a")).isTrue();
        assertThat(refused("echo \"unterminated")).isTrue();
        assertThat(refused("echo 'mixed\"")).isTrue();
    }

    @Test
    void limitsQuotedAndTotalTokensAndTheLine() {
        assertThat(ok("echo" + " 'q'".repeat(10))).hasSize(11);
        assertThat(refused("echo" + " 'q'".repeat(11))).isTrue();
        assertThat(ok("x" + " y".repeat(127))).hasSize(128);
        assertThat(refused("x" + " y".repeat(128))).isTrue();
        assertThat(ok("a".repeat(799))).hasSize(1);
        assertThat(refused("a".repeat(800))).isTrue();
    }
}
