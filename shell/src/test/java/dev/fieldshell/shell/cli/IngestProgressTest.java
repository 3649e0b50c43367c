package dev.fieldshell.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kb ingest} progress line: its text, and that it is drawn on a terminal (a real pseudo-terminal
 * from util-linux {@code script}) and never when the output goes to a pipe or file.
 */
class IngestProgressTest {
    @TempDir
    Path tmp;

    @Test
    void lineShowsDocumentsRateAndTheEndOfALongInputName() {
        assertThat(IngestProgress.line(12_345, 2_500_000_000L, "corpus/ovmsdev-00001.txt"))
                .isEqualTo("12,345 documents  4,938 docs/s  corpus/ovmsdev-00001.txt");
        String longName = "/very/long/path/to/the/archives/of/the/list/2025-May.txt.gz";
        String line = IngestProgress.line(10, 1_000_000_000L, longName);
        assertThat(line).startsWith("10 documents  10 docs/s  …").endsWith("2025-May.txt.gz");
        assertThat(line.substring(line.indexOf('…'))).hasSize(40);
        assertThat(IngestProgress.line(0, 0, "x")).as("no division by zero at the start").isEqualTo("0 documents  0 docs/s  x");
    }

    @Test
    void drawnOnATerminalAndNotIntoAPipe() throws Exception {
        Path archive = mbox(tmp.resolve("list.txt.gz"), 300);
        Path kbOnTerminal = tmp.resolve("kb1");
        Path kbOnPipe = tmp.resolve("kb2");

        // On a pseudo-terminal: the line is drawn (and cleared again before the summary).
        String typescript = run(List.of("script", "-q", "-e", "-c", shellCommand(kbOnTerminal, archive), "/dev/null"));
        assertThat(typescript).contains("docs/s").contains("list.txt.gz").contains("\u001b[2K")
                .contains("1 input(s): 300 added, 0 updated, 0 unchanged, 0 rejected");
        assertThat(typescript.lastIndexOf("docs/s")).as("the bar is gone before the summary")
                .isLessThan(typescript.indexOf("1 input(s):"));

        // Into pipes: the same import, no progress line and no escape codes.
        List<String> direct = new ArrayList<>(javaCommand());
        direct.addAll(List.of("kb", "ingest", "--kb", kbOnPipe.toString(), archive.toString()));
        String piped = run(direct);
        assertThat(piped).contains("1 input(s): 300 added").doesNotContain("docs/s").doesNotContain("\u001b");
    }

    private static Path mbox(Path file, int mails) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < mails; i++) {
            sb.append("From someone at example.org  Mon Jan  1 10:00:00 2026\n")
                    .append("From: someone at example.org (Some One)\n")
                    .append("Date: Mon, 1 Jan 2026 10:00:00 +0100\n")
                    .append("Subject: [Ovmsdev] Mail ").append(i).append('\n')
                    .append("Message-ID: <progress-").append(i).append("@test.invalid>\n\n")
                    .append("Text of mail ").append(i).append(".\n\n");
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private List<String> javaCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-Duser.home=" + tmp, "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.fieldshell.shell.cli.Main");
    }

    private String shellCommand(Path kb, Path archive) {
        StringBuilder sb = new StringBuilder();
        for (String a : javaCommand()) {
            sb.append('\'').append(a.replace("'", "'\\''")).append("' ");
        }
        return sb + "kb ingest --kb '" + kb + "' '" + archive + "'";
    }

    /** Runs a command with TERM set, stdin from /dev/null; returns stdout and stderr together. */
    private String run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("TERM", "xterm-256color");
        pb.environment().put("XDG_DATA_HOME", tmp.resolve("data").toString());
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (IOException e) {
                // the process ended
            }
        });
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + out.toString(StandardCharsets.UTF_8));
        }
        reader.join();
        assertThat(p.exitValue()).as(out.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
