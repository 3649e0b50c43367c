package dev.fieldshell.shell.repl;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * History and transcripts hold what was typed on someone's module and what it answered (its
 * config, its position in {@code metrics list}): like ssh's files they are created readable by
 * their owner only, whatever the umask says. An existing file keeps the mode its owner gave it.
 */
final class PrivateFile {

    private PrivateFile() {}

    /** Creates {@code file} (and its directory) empty and owner-only if it does not exist yet. */
    static void create(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // made meanwhile by another fieldshell: its mode stands
        }
    }
}
