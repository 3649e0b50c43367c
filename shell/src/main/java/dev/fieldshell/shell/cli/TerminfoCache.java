package dev.fieldshell.shell.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jline.utils.InfoCmp;

/**
 * Keeps the terminal's capabilities (what {@code infocmp -x $TERM} prints) in the cache directory.
 * JLine knows a few terminal types by heart; for the others (tmux-256color, most of what tmux and
 * modern emulators set) it runs {@code infocmp} on every start, a process spawn on the way to the
 * prompt. Deleting the cache directory makes it ask again.
 */
final class TerminfoCache {
    private final Path dir;

    TerminfoCache(Path cacheDir) {
        this.dir = cacheDir.resolve("terminfo");
    }

    /** Hands JLine the cached capabilities of {@code term}, if there are any; call before building the terminal. */
    void preload(String term) {
        Path f = file(term);
        if (f == null || InfoCmp.getDefaultInfoCmp(term) != null) {
            return;
        }
        try {
            String caps = Files.readString(f, StandardCharsets.UTF_8);
            if (!caps.isBlank()) {
                InfoCmp.setLoadedInfoCmp(term, caps);
            }
        } catch (IOException e) {
            // Not cached yet (or unreadable): JLine runs infocmp as it would anyway.
        }
    }

    /** Stores what JLine learned about {@code term} while building the terminal, if it had to ask infocmp. */
    void store(String term) {
        Path f = file(term);
        if (f == null || InfoCmp.getDefaultInfoCmp(term) != null || Files.exists(f)) {
            return;
        }
        String caps = InfoCmp.getLoadedInfoCmp(term);
        if (caps == null || caps.isBlank()) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".caps", ".tmp");
            Files.writeString(tmp, caps, StandardCharsets.UTF_8);
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            // A cache: failing to write it only costs the next start an infocmp run.
        }
    }

    private Path file(String term) {
        // TERM comes from the environment: only plain names make a file name.
        if (term == null || !term.matches("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")) {
            return null;
        }
        return dir.resolve(term);
    }
}
