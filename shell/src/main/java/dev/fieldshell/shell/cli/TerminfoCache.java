package dev.fieldshell.shell.cli;

import dev.fieldshell.shell.repl.CacheFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jline.terminal.Terminal;

/**
 * Keeps each terminal type's capabilities as JLine resolved them, in the cache directory, so that
 * later starts hand them to {@link KnownCapsTerminal} instead of having JLine work them out again
 * (for types it does not carry, tmux-256color and most of what modern emulators set, that also
 * meant running {@code infocmp}). A cache written by another JLine is ignored and replaced;
 * deleting the directory makes JLine resolve them again.
 */
final class TerminfoCache {
    private final Path dir;
    private final String origin;

    TerminfoCache(Path cacheDir) {
        this.dir = cacheDir.resolve("terminal-caps");
        this.origin = jlineJar();
    }

    /** The capabilities kept for {@code type}, if there are any from this JLine. */
    Optional<TerminalCapabilities> load(String type) {
        Path f = file(type);
        if (f == null) {
            return Optional.empty();
        }
        try {
            return TerminalCapabilities.parse(Files.readString(f, StandardCharsets.UTF_8), origin);
        } catch (IOException e) {
            return Optional.empty(); // not kept yet (or unreadable): JLine resolves them
        }
    }

    /** Keeps what {@code terminal} (of {@code type}) knows for the next start. */
    void store(String type, Terminal terminal) {
        Path f = file(type);
        if (f == null || !type.equals(terminal.getType())) {
            return;
        }
        try {
            // A cache: failing to write it only costs the next start JLine's own parse.
            CacheFile.write(f, TerminalCapabilities.of(terminal).format(origin));
        } catch (UnsupportedOperationException e) {
            // a terminal that cannot tell its capabilities: nothing to keep
        }
    }

    private Path file(String type) {
        // TERM comes from the environment: only plain names make a file name.
        if (type == null || !type.matches("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")) {
            return null;
        }
        return dir.resolve(type);
    }

    /** Which JLine resolved the capabilities: its jar's file name carries the version. */
    private static String jlineJar() {
        try {
            String p = Terminal.class.getProtectionDomain().getCodeSource().getLocation().getPath();
            return p.substring(p.lastIndexOf('/', p.length() - 2) + 1);
        } catch (RuntimeException e) {
            return "unknown";
        }
    }
}
