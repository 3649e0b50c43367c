package dev.fieldshell.shell.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.shell.ovms.Quoting;
import dev.fieldshell.shell.sim.console.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The simulator's tokenizer (written from microrl) against the client's quoting and tokenizer in
 * {@code dev.fieldshell.shell.ovms} (written separately): they must agree on every line.
 */
class TokenizerCrossCheckTest {
    private static final String ALPHABET = "ab '\"x  ";

    private static String random(Random r, int max) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    @Test
    void bothTokenizersAgreeOnRandomLines() {
        Random r = new Random(42);
        for (int i = 0; i < 20000; i++) {
            String line = random(r, 30);
            Optional<List<String>> mine = Tokenizer.split(line);
            var theirs = dev.fieldshell.shell.ovms.Tokenizer.split(line);
            if (mine.isPresent()) {
                assertThat(theirs).as("<%s>", line).isInstanceOf(dev.fieldshell.shell.ovms.Tokenizer.Split.Tokens.class);
                assertThat(((dev.fieldshell.shell.ovms.Tokenizer.Split.Tokens) theirs).tokens()).as("<%s>", line).isEqualTo(mine.get());
            } else {
                assertThat(theirs).as("<%s>", line).isInstanceOf(dev.fieldshell.shell.ovms.Tokenizer.Split.Refused.class);
            }
        }
    }

    @Test
    void quotedLinesSplitBackIntoTheirArguments() {
        Random r = new Random(7);
        int carried = 0;
        for (int i = 0; i < 20000; i++) {
            List<String> args = new ArrayList<>();
            for (int k = r.nextInt(4); k >= 0; k--) {
                args.add(random(r, 8));
            }
            if (Quoting.line("vfs echo", args.toArray(String[]::new)) instanceof Quoting.Line.Ok ok) {
                carried++;
                List<String> expected = new ArrayList<>(List.of("vfs", "echo"));
                expected.addAll(args);
                assertThat(Tokenizer.split(ok.line())).as("<%s>", ok.line()).contains(expected);
            }
        }
        assertThat(carried).isGreaterThan(10000);
    }
}
