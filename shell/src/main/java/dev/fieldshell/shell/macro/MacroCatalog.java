package dev.fieldshell.shell.macro;

import dev.fieldshell.shell.repl.XdgDirs;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where macros are found: the user's {@code ~/.config/fieldshell/scripts/} first (so a user can
 * override a shipped macro by name), then the {@code scripts/} folder shipped with fieldshell.
 */
public final class MacroCatalog {

    private final List<Path> dirs;
    private final MacroRunner runner;

    public MacroCatalog(List<Path> dirs, MacroRunner runner) {
        this.dirs = List.copyOf(dirs);
        this.runner = runner;
    }

    public static MacroCatalog standard(XdgDirs user, MacroRunner runner) {
        List<Path> dirs = new ArrayList<>();
        dirs.add(userScripts(user));
        shippedScripts().ifPresent(dirs::add);
        return new MacroCatalog(dirs, runner);
    }

    /** {@code ~/.config/fieldshell/scripts}. */
    public static Path userScripts(XdgDirs user) {
        return user.config().resolve("scripts");
    }

    public List<Path> dirs() {
        return dirs;
    }

    /**
     * The shipped {@code scripts/} folder: {@code -Dfieldshell.scripts} if set, else found next to
     * the jar or class directory (the repository root is two or three levels up).
     */
    public static Optional<Path> shippedScripts() {
        String prop = System.getProperty("fieldshell.scripts");
        if (prop != null && !prop.isBlank()) {
            return Optional.of(Path.of(prop));
        }
        try {
            Path here = Path.of(MacroCatalog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = here; p != null; p = p.getParent()) {
                Path s = p.resolve("scripts");
                if (Files.isRegularFile(s.resolve("README.md")) && Files.isDirectory(s)) {
                    return Optional.of(s);
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Macro files by name, the first directory winning. */
    public Map<String, Path> files() {
        Map<String, Path> out = new LinkedHashMap<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> s = Files.list(d)) {
                for (Path f : s.filter(p -> p.getFileName().toString().matches("[A-Za-z0-9_.-]+\\.m?js")).sorted().toList()) {
                    out.putIfAbsent(f.getFileName().toString().replaceFirst("\\.m?js$", ""), f);
                }
            } catch (IOException e) {
                // An unreadable directory holds no macros for us; the listing says nothing of it.
            }
        }
        return out;
    }

    /** A listed macro, or the error that kept it from loading. */
    public record Entry(String name, Path file, Optional<MacroDescriptor> macro, String error) {}

    public List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        for (var e : files().entrySet()) {
            try {
                out.add(new Entry(e.getKey(), e.getValue(), Optional.of(runner.describe(e.getValue())), ""));
            } catch (MacroException ex) {
                out.add(new Entry(e.getKey(), e.getValue(), Optional.empty(), ex.getMessage()));
            }
        }
        return out;
    }

    public MacroDescriptor find(String name) throws MacroException {
        Map<String, Path> all = files();
        Path f = all.get(name);
        if (f == null) {
            throw new MacroException("no macro named '" + name + "' in " + String.join(", ", dirs.stream().map(Path::toString).toList())
                    + (all.isEmpty() ? "" : " (known: " + String.join(", ", all.keySet()) + ")"));
        }
        return runner.describe(f);
    }
}
