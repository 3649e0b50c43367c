package dev.fieldshell.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path tmp;

    private static CliRun fieldshell(String... args) {
        return CliRun.of(args);
    }

    /** Bad input: exactly one line on stderr, no stack trace, the given exit code; returns that line. */
    private static String oneLine(int exit, String... args) {
        CliRun r = fieldshell(args);
        assertThat(r.code()).as("exit of %s", String.join(" ", args)).isEqualTo(exit);
        assertThat(r.err().lines().toList()).as("stderr of %s", String.join(" ", args)).hasSize(1);
        assertThat(r.err()).doesNotContain("\tat ", "Exception:");
        return r.err().strip();
    }

    @Test
    void unknownOptionIsAUsageErrorInOneLine() {
        assertThat(oneLine(2, "--no-such-option"))
                .isEqualTo("fieldshell: Unknown option: '--no-such-option' (see 'fieldshell --help')");
        assertThat(oneLine(2, "kb", "parse", "--bogus"))
                .isEqualTo("fieldshell: Unknown option: '--bogus' (see 'fieldshell kb parse --help')");
        assertThat(oneLine(2, "sim", "--ssh-port", "abc")).startsWith("fieldshell: Invalid value for option '--ssh-port': 'abc'");
    }

    @Test
    void simRefusesBadOptionsByName() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertThat(oneLine(2, "sim", "--ssh-port", "99999"))
                .isEqualTo("fieldshell: --ssh-port 99999: not a port (1-65535; 0 = a free port, -1 = no SSH)");
        assertThat(oneLine(2, "sim", "--ssh-port", "-1", "--store", file.toString()))
                .isEqualTo("fieldshell: --store " + file + ": a file, not a directory");
        assertThat(oneLine(2, "sim", "--ssh-port", "-1", "--crash", tmp.resolve("missing.txt").toString()))
                .isEqualTo("fieldshell: --crash " + tmp.resolve("missing.txt") + ": no such file");
        assertThat(oneLine(2, "sim", "--ssh-port", "-1", "--authorized-key", tmp.resolve("id.pub").toString()))
                .isEqualTo("fieldshell: --authorized-key " + tmp.resolve("id.pub") + ": no such file");
        assertThat(oneLine(2, "sim", "--ssh-port", "-1", "--fault", "bogus=1"))
                .startsWith("fieldshell: --fault 'bogus=1': unknown fault 'bogus'");
    }

    @Test
    void aKnowledgeBaseThatIsNotOneIsNamedInOneLine() throws Exception {
        Path garbage = Files.createDirectories(tmp.resolve("garbage"));
        Files.writeString(garbage.resolve("segments_1"), "not a lucene commit\n");
        for (String cmd : new String[] {"stats", "search", "show"}) {
            String[] args = cmd.equals("stats") ? new String[] {"kb", cmd, "--kb", garbage.toString()}
                    : new String[] {"kb", cmd, "--kb", garbage.toString(), "x"};
            assertThat(oneLine(1, args)).startsWith("fieldshell: the knowledge base at " + garbage + " is not an index this fieldshell can read (")
                    .endsWith("use --kb DIR for another directory, or remove this one to start afresh");
        }
        Path file = Files.writeString(tmp.resolve("kb-file"), "x");
        assertThat(oneLine(1, "kb", "stats", "--kb", file.toString()))
                .isEqualTo("fieldshell: the knowledge base " + file + " is a file, not a directory; use --kb DIR for a directory");
    }

    @Test
    void aDirectoryWhereACrashFileBelongsIsAUsageError() {
        for (String cmd : new String[] {"parse", "signature", "suggest"}) {
            String[] args = cmd.equals("suggest") ? new String[] {"kb", cmd, "--kb", tmp.resolve("kb").toString(), tmp.toString()}
                    : new String[] {"kb", cmd, tmp.toString()};
            assertThat(oneLine(2, args)).isEqualTo("fieldshell: " + tmp + ": a directory, not a file");
        }
    }

    @Test
    void execToAHostThatDoesNotResolveIsOneLine() {
        assertThat(oneLine(1, "exec", "ssh://admin@nosuchmodule.invalid", "boot status"))
                .startsWith("fieldshell: ssh://admin@nosuchmodule.invalid: unknown host 'nosuchmodule.invalid'");
    }

    @Test
    void versionPrintsTheName() {
        CliRun r = fieldshell("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("fieldshell ");
    }
}
