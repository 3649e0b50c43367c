package dev.fieldshell.shell.macro;

import dev.fieldshell.shell.ovms.UndoJournal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The only place a macro may write on the host: files under the user's output directory
 * ({@code $XDG_STATE_HOME/fieldshell/output/}), named {@code <UTC time>-<module>-<name>} so that
 * runs never overwrite each other. The macro chooses only the last part of the name.
 */
public final class LocalOutput {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Clock clock;
    private final List<Path> saved = new ArrayList<>();

    public LocalOutput(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /** Writes {@code text} to a new file and returns its absolute path. */
    public synchronized Path save(String target, String name, String text) throws MacroException {
        String clean = name.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[.]+", "");
        if (clean.isEmpty() || clean.length() > 100) {
            throw new MacroException("host.save: the name must be 1 to 100 characters of letters, digits, '.', '_' or '-'");
        }
        String base = STAMP.format(clock.instant()) + "-" + UndoJournal.moduleKey(target) + "-" + clean;
        try {
            Files.createDirectories(dir);
            Path f = dir.resolve(base).toAbsolutePath().normalize();
            for (int n = 2; Files.exists(f); n++) {
                f = dir.resolve(base + "." + n).toAbsolutePath().normalize();
            }
            Files.writeString(f, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            saved.add(f);
            return f;
        } catch (IOException e) {
            throw new MacroException("host.save: cannot write under " + dir + ": " + e.getMessage());
        }
    }

    /** Every file saved through this instance, in order. */
    public synchronized List<Path> saved() {
        return List.copyOf(saved);
    }

    public Path dir() {
        return dir;
    }
}
