package dev.fieldshell.shell.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class TempDirsTest {

    @Test
    void aNewDirectoryOnlyItsOwnerCanEnterEachTime() throws Exception {
        Path a = TempDirs.create("fieldshell-test-");
        Path b = TempDirs.create("fieldshell-test-");
        try {
            assertThat(a).isNotEqualTo(b).isDirectory().isEmptyDirectory();
            assertThat(a.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
            assertThat(a.getFileName().toString()).startsWith("fieldshell-test-");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(a))).isEqualTo("rwx------");
        } finally {
            Files.deleteIfExists(a);
            Files.deleteIfExists(b);
        }
    }
}
