package dev.fieldshell.kb.symbols;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Symbol files kept per firmware build under {@code $XDG_DATA_HOME/fieldshell/symbols/<build>/}: an
 * ELF or a text map added once with {@code fieldshell kb symbols add VERSION FILE}, then used
 * whenever a crash names that version.
 */
public final class SymbolStore {

    private final Path root;

    public SymbolStore(Path root) {
        this.root = root;
    }

    /** {@code $XDG_DATA_HOME/fieldshell/symbols}, or {@code ~/.local/share/fieldshell/symbols}. */
    public static SymbolStore standard(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return new SymbolStore(base.resolve("fieldshell").resolve("symbols"));
    }

    public Path root() {
        return root;
    }

    /** One stored file. */
    public record Entry(String build, Path file, String kind, int symbols) {}

    /** What {@link #add} did: the entry, and the skipped lines of a text map. */
    public record Added(Entry entry, List<String> problems) {}

    /** Validates {@code file} (an ELF or a text map with at least one symbol) and copies it in. */
    public Added add(String version, Path file) throws SymbolsException {
        String key = BuildKey.of(version);
        if (key.isEmpty()) {
            throw new SymbolsException("'" + version + "' is not a firmware version (expected e.g. 3.3.004-321-gbb821cfc)");
        }
        Loaded loaded = load(file);
        if (loaded.table.size() == 0) {
            throw new SymbolsException(file + ": no symbols found" + (loaded.problems.isEmpty() ? "" : "; first problem: " + loaded.problems.get(0)));
        }
        Path dir = root.resolve(BuildKey.directoryName(key));
        Path target = dir.resolve(file.getFileName().toString());
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".adding", ".tmp");
            Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SymbolsException("cannot store " + file + " in " + dir + ": " + e.getMessage(), e);
        }
        return new Added(new Entry(key, target, loaded.kind, loaded.table.size()), loaded.problems);
    }

    public List<Entry> list() throws SymbolsException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> builds = Files.list(root)) {
            for (Path dir : builds.sorted().toList()) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                        Loaded l = load(f);
                        out.add(new Entry(dir.getFileName().toString(), f, l.kind, l.table.size()));
                    }
                }
            }
        } catch (IOException e) {
            throw new SymbolsException("cannot list " + root + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The stored symbols of the build {@code version} names, all its files chained (ELFs first). */
    public Optional<StoredSymbols> forVersion(String version) throws SymbolsException {
        String key = BuildKey.of(version);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Path dir = root.resolve(BuildKey.directoryName(key));
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        List<SymbolTable> tables = new ArrayList<>();
        List<ElfImage> elfs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                Loaded l = load(f);
                if (l.elf != null) {
                    elfs.add(l.elf);
                    tables.add(0, l.table);
                } else {
                    tables.add(l.table);
                }
            }
        } catch (IOException e) {
            throw new SymbolsException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        return tables.isEmpty() ? Optional.empty() : Optional.of(new StoredSymbols(key, SymbolTable.chain(tables), elfs));
    }

    /** What the store holds for one build. */
    public record StoredSymbols(String build, SymbolTable table, List<ElfImage> elfs) {}

    /** Loads an ELF or a text map; what kind it was; skipped lines of a text map. */
    public static Loaded load(Path file) throws SymbolsException {
        byte[] head;
        try {
            if (!Files.isRegularFile(file)) {
                throw new SymbolsException(file + (Files.isDirectory(file) ? ": a directory, not an ELF or a symbol map" : ": no such file"));
            }
            try (var in = Files.newInputStream(file)) {
                head = in.readNBytes(4);
            }
        } catch (IOException e) {
            throw new SymbolsException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (head.length == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            ElfImage elf = ElfReader.read(file);
            return new Loaded("elf", elf.functions(), List.of(), elf);
        }
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i < Math.min(bytes.length, 4096); i++) {
                if (bytes[i] == 0) {
                    throw new SymbolsException(file + ": binary file that is not an ELF (NUL byte at offset " + i + ")");
                }
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SymbolsException(file + ": cannot read: " + e.getMessage(), e);
        }
        TextSymbolMap.Result r = TextSymbolMap.parse(text, file.getFileName().toString());
        return new Loaded("text map", r.table(), r.problems(), null);
    }

    /** A loaded symbol file. {@code elf} is null for text maps (internal only). */
    public record Loaded(String kind, SymbolTable table, List<String> problems, ElfImage elf) {}
}
