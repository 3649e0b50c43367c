package dev.fieldshell.shell.macro;

import dev.fieldshell.shell.repl.CacheFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A macro's {@code meta} export as JSON text, kept on disk per digest of the macro's source, so
 * that reading a macro's name, summary and parameters needs no JavaScript once the file has been
 * loaded: the first {@code :macro} of a process then starts one sandboxed context instead of two.
 * The text is what the sandbox's {@code JSON.stringify(meta)} gave; the same Java code checks it
 * either way. Only a function of the source is kept (a {@code meta} that read the clock or random
 * numbers is not). Any failure to read or write just means evaluating the file as before.
 */
final class MetaCache {

    /** Changes with what a cached text means (the {@code meta} shape the runner reads). */
    private static final String FORMAT = "fieldshell-macro-meta-1\n";

    private final Path dir;

    MetaCache(Path dir) {
        this.dir = dir;
    }

    /** The cached {@code meta} JSON for this source, if any. */
    Optional<String> get(String source) {
        try {
            return Optional.of(Files.readString(file(source), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Keeps {@code metaJson} for this source (written whole or not at all). */
    void put(String source, String metaJson) {
        // A cache that cannot be written costs the next process one more context, nothing else.
        CacheFile.write(file(source), metaJson);
    }

    private Path file(String source) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(FORMAT.getBytes(StandardCharsets.UTF_8));
            sha.update(source.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(sha.digest()) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
