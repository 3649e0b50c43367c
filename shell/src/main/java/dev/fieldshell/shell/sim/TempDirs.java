package dev.fieldshell.shell.sim;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A new private directory under {@code java.io.tmpdir}, like {@link Files#createTempDirectory}
 * but without its {@code SecureRandom}: setting that up (the JDK's security providers) was a
 * quarter of the built-in simulator's start, which the REPL's first prompt waits for. The name
 * needs no secrecy: the directory is created new (never an existing one taken over) and only
 * its owner can enter it.
 */
final class TempDirs {
    private TempDirs() {}

    static Path create(String prefix) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempDirectory(prefix);
        }
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        for (int attempt = 0; ; attempt++) {
            Path p = base.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()));
            try {
                return Files.createDirectory(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }
}
