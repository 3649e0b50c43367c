package dev.fieldshell.shell.repl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a cache file whole or not at all: a temporary file beside it, then a rename, so that a
 * reader (another fieldshell process starting at the same moment) never sees half of it.
 */
public final class CacheFile {
    private CacheFile() {}

    /**
     * Writes {@code text} to {@code file}, creating its directory; false when it could not. A cache
     * that cannot be written only costs the next process the work the cache saves, so callers go on.
     */
    public static boolean write(Path file, String text) {
        Path tmp = null;
        try {
            Files.createDirectories(file.getParent());
            tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file in a cache directory is harmless
                }
            }
            return false;
        }
    }
}
