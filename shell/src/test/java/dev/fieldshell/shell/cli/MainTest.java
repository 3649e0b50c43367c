package dev.fieldshell.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    @Test
    void unknownOptionIsAUsageErrorInOneLine() {
        CommandLine cl = FieldshellCommand.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("--no-such-option");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("fieldshell: Unknown option: '--no-such-option'");
        assertThat(err.toString()).doesNotContain("at picocli");
    }

    @Test
    void versionPrintsTheName() {
        CommandLine cl = FieldshellCommand.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--version")).isZero();
        assertThat(out.toString()).startsWith("fieldshell ");
    }
}
