package dev.fieldshell.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandTreeTest {

    @Test
    void namedBranchIsAllThatIsBuilt() {
        CommandLine cl = FieldshellCommand.commandLine("--debug", "kb", "suggest", "--top", "3");
        assertThat(cl.getSubcommands()).containsOnlyKeys("kb");
        assertThat(cl.getSubcommands().get("kb").getSubcommands()).containsOnlyKeys("suggest");
    }

    @Test
    void withoutAKnownNameTheWholeTreeIsBuilt() {
        int all = FieldshellCommand.commandLine().getSubcommands().size();
        assertThat(FieldshellCommand.commandLine("kb", "sugest").getSubcommands()).containsOnlyKeys("kb");
        assertThat(FieldshellCommand.commandLine("kb", "sugest").getSubcommands().get("kb").getSubcommands())
                .hasSize(KbCommand.SUBCOMMANDS.size());
        assertThat(FieldshellCommand.commandLine("help", "kb").getSubcommands()).hasSize(all);
        assertThat(FieldshellCommand.commandLine("--unknown", "kb").getSubcommands()).hasSize(all);
        assertThat(FieldshellCommand.commandLine("-c", "kb").getSubcommands()).hasSize(all);
    }

    @Test
    void branchAnswersExactlyAsTheWholeTree(@TempDir Path tmp) {
        String kb = tmp.resolve("kb").toString();
        List<String[]> cases = List.of(
                new String[] {"--help"},
                new String[] {"--version"},
                new String[] {"kb"},
                new String[] {"kb", "--help"},
                new String[] {"kb", "sugest"},
                new String[] {"kb", "suggest", "--help"},
                new String[] {"kb", "suggest", "--top", "0"},
                new String[] {"--debug", "kb", "suggest", "--top", "0"},
                new String[] {"kb", "suggest", "--debug", "--top", "0"},
                new String[] {"kb", "suggest", "--no-such"},
                new String[] {"kb", "suggest", "--kb", kb, tmp.resolve("missing.txt").toString()},
                new String[] {"kb", "symbols", "--help"},
                new String[] {"kb", "stats", "--kb", kb, "--json"},
                new String[] {"help", "kb"},
                new String[] {"heap", "--help"},
                new String[] {"macro", "--help"},
                new String[] {"sim", "--no-such"});
        for (String[] args : cases) {
            assertThat(run(FieldshellCommand.commandLine(args), args))
                    .as(String.join(" ", args))
                    .isEqualTo(run(FieldshellCommand.commandLine(), args));
        }
    }

    private static String run(CommandLine cl, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        // stack frames (--debug) name this test's own lines, which differ between the two calls
        String trace = err.toString().lines().filter(l -> !l.startsWith("\tat ")).reduce("", (a, b) -> a + b + "\n");
        return "exit " + code + "\nout:\n" + out + "\nerr:\n" + trace;
    }
}
