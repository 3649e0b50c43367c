package dev.fieldshell.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A transcript of someone's module is readable by its owner only, as the history is. */
class PrivateFileTest {

    @TempDir
    Path tmp;

    @Test
    void aNewTranscriptIsTheOwnersOnly() throws Exception {
        Path log = tmp.resolve("logs/session.log");
        try (Transcript t = Transcript.open(log, Clock.systemUTC())) {
            t.write("sim", ">", "metrics list v.p.latitude");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
        assertThat(Files.readString(log)).contains("metrics list v.p.latitude");
    }

    @Test
    void anExistingFileKeepsTheModeItsOwnerGaveIt() throws Exception {
        Path log = Files.writeString(tmp.resolve("shared.log"), "earlier\n");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r-----"));
        try (Transcript t = Transcript.open(log, Clock.systemUTC())) {
            t.write("sim", ">", "echo hi");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-r-----");
        assertThat(Files.readString(log)).startsWith("earlier\n").contains("echo hi");
    }
}
