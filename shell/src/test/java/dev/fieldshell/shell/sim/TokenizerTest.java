package dev.fieldshell.shell.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.shell.sim.console.Tokenizer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    private static List<String> ok(String line) {
        Optional<List<String>> t = Tokenizer.split(line);
        assertThat(t).as("tokens of <%s>", line).isPresent();
        return t.get();
    }

    @Test
    void splitsOnSpacesAndCollapsesRuns() {
        assertThat(ok("vfs   ls  /store")).containsExactly("vfs", "ls", "/store");
        assertThat(ok("   ")).isEmpty();
    }

    @Test
    void quotesOnlyAtTokenStartAndNoEscapes() {
        assertThat(ok("vfs echo \"module check alert\" /store/x")).containsExactly("vfs", "echo", "module check alert", "/store/x");
        assertThat(ok("echo it's")).containsExactly("echo", "it's");
        assertThat(ok("echo 'say \"hi\"'")).containsExactly("echo", "say \"hi\"");
        assertThat(ok("echo \"a\\\" b")).containsExactly("echo", "a\\", "b"); // no escapes: the backslash is literal
        assertThat(ok("echo \"\"")).containsExactly("echo", "");
        assertThat(ok("echo \"  two  spaces \"")).containsExactly("echo", "  two  spaces ");
    }

    @Test
    void closingQuoteMustEndTheToken() {
        assertThat(Tokenizer.split("vfs echo \"x\"y /store/a")).isEmpty();
        assertThat(Tokenizer.split("echo \"unterminated")).isEmpty();
        assertThat(Tokenizer.split("echo 'mixed\"")).isEmpty();
    }

    @Test
    void limitsQuotedAndTotalTokens() {
        assertThat(Tokenizer.split("echo" + " 'q'".repeat(10))).isPresent();
        assertThat(Tokenizer.split("echo" + " 'q'".repeat(11))).isEmpty();
        assertThat(Tokenizer.split("x" + " y".repeat(127))).isPresent();
        assertThat(Tokenizer.split("x" + " y".repeat(128))).isEmpty();
    }
}
