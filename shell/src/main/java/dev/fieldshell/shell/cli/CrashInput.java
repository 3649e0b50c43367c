package dev.fieldshell.shell.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads crash text from a file or standard input. Bytes that are not UTF-8 become U+FFFD instead of
 * failing: a capture with line noise is still worth parsing.
 */
final class CrashInput {
    private CrashInput() {}

    /** The text of {@code file}, or of standard input when {@code file} is null or {@code -}. */
    static String read(Path file, InputStream stdin) {
        if (file != null && Files.isDirectory(file)) {
            throw new UsageException(file + ": a directory, not a file");
        }
        try {
            byte[] bytes = file == null || file.toString().equals("-") ? stdin.readAllBytes() : Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + (file == null ? "standard input" : file) + ": " + e.getMessage(), e);
        }
    }

    static String name(Path file) {
        return file == null || file.toString().equals("-") ? "standard input" : file.toString();
    }
}
