package dev.fieldshell.shell.macro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.shell.repl.ReplContext;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TAB after {@code :macro}: subcommands and macro names at once, a macro's parameters once the background warm-up loaded it. */
class MacroCompletionTest {

    @TempDir
    Path tmp;

    private static List<String> complete(Completer c, String typed) {
        List<Candidate> out = new ArrayList<>();
        c.complete(null, new DefaultParser().parse(typed, typed.length()), out);
        return out.stream().map(Candidate::value).toList();
    }

    @Test
    void namesAtOnceParametersAfterTheWarmUp() throws Exception {
        SimFixture fx = new SimFixture(tmp);
        ReplContext ctx = (ReplContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ReplContext.class}, (p, m, a) -> {
            if (m.getName().equals("dirs")) {
                return fx.dirs;
            }
            throw new UnsupportedOperationException(m.getName());
        });
        Completer c = new MacroLocalCommand().completer(ctx);

        assertThat(complete(c, ":macro ")).contains("list", "show", "resume", "heapcheck", "heaptrace", "crashinfo");
        assertThat(complete(c, ":macro show h")).contains("heapcheck", "heaptrace").doesNotContain("list");
        // The first TAB started the engine in the background; the parameters appear once heapcheck is loaded.
        List<String> options = complete(c, ":macro heapcheck --");
        assertThat(options).contains("--dry-run", "--yes", "--target");
        long giveUp = System.nanoTime() + 120_000_000_000L;
        while (!options.contains("--delay") && System.nanoTime() < giveUp) {
            Thread.sleep(50);
            options = complete(c, ":macro heapcheck --");
        }
        assertThat(options).contains("--after", "--delay", "--handler", "--periodic", "--remove");
        // heaptrace is loaded last (the list is sorted); once it is, the warm-up writes nothing more into the temp dir.
        while (!complete(c, ":macro heaptrace --").contains("--records") && System.nanoTime() < giveUp) {
            Thread.sleep(50);
        }
    }
}
