package dev.fieldshell.shell.repl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The module's own command tree, learned level by level from {@code ?} ({@code ?}, {@code vfs ?},
 * {@code module check ?}) and kept in a cache file per firmware version, so each level is asked
 * once per firmware. A level with no children (a leaf) is remembered as such.
 *
 * <p>Cache format: one line per learned level, {@code <path>\t<child> <child> ...}; the root's path is empty.
 */
public final class CommandTree {

    private final Map<String, List<String>> levels = new ConcurrentHashMap<>();
    private final Function<String, Optional<String>> asker;
    private final Optional<Path> cacheFile;

    /**
     * @param asker runs a command on the module and returns its output (empty when the link failed)
     * @param cacheFile where learned levels are kept, if the firmware is known
     */
    public CommandTree(Function<String, Optional<String>> asker, Optional<Path> cacheFile) {
        this.asker = asker;
        this.cacheFile = cacheFile;
        cacheFile.ifPresent(this::load);
    }

    /** The cache file for a firmware version under {@code cacheDir}; empty when the version is unknown. */
    public static Optional<Path> cacheFileFor(Path cacheDir, String firmware) {
        if (firmware.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(cacheDir.resolve("commands").resolve(firmware.replaceAll("[^A-Za-z0-9._-]", "_") + ".txt"));
    }

    /** The children of the node at {@code path} (words from the root), asking the module the first time. */
    public List<String> children(List<String> path) {
        String key = String.join(" ", path);
        List<String> known = levels.get(key);
        if (known != null) {
            return known;
        }
        Optional<String> out = asker.apply(key.isEmpty() ? "?" : key + " ?");
        if (out.isEmpty()) {
            return List.of(); // the link failed: do not remember anything
        }
        List<String> kids = parseListing(out.get());
        levels.put(key, kids);
        save();
        return kids;
    }

    /**
     * Resolves typed words to full command names as the module does (an exact name wins, otherwise a
     * unique prefix); empty when a word matches nothing or several.
     */
    public Optional<List<String>> resolve(List<String> typed) {
        List<String> path = new ArrayList<>();
        for (String word : typed) {
            List<String> kids = children(path);
            if (kids.contains(word)) {
                path.add(word);
                continue;
            }
            List<String> m = kids.stream().filter(k -> k.startsWith(word)).toList();
            if (m.size() != 1) {
                return Optional.empty();
            }
            path.add(m.get(0));
        }
        return Optional.of(path);
    }

    /**
     * Reads a {@code ?} listing: after the usage line(s), one line per child in the format
     * {@code "%-20.20s %s"} (name padded to 20, a space, the title). Anything else is not a child.
     */
    static List<String> parseListing(String output) {
        List<String> kids = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.length() < 21 || line.charAt(20) != ' ' || line.startsWith("Usage:") || line.startsWith(" ")) {
                continue;
            }
            String name = line.substring(0, 20).strip();
            if (name.isEmpty() || name.contains(" ") || name.startsWith("-")) {
                continue;
            }
            kids.add(name);
        }
        return List.copyOf(kids);
    }

    private void load(Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    continue; // a damaged line: that level is simply asked again
                }
                String rest = line.substring(tab + 1).strip();
                levels.put(line.substring(0, tab), rest.isEmpty() ? List.of() : List.of(rest.split(" ")));
            }
        } catch (IOException e) {
            // An unreadable cache only costs a few '?' round trips.
        }
    }

    private void save() {
        if (cacheFile.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder();
        levels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> b.append(e.getKey()).append('\t').append(String.join(" ", e.getValue())).append('\n'));
        CacheFile.write(cacheFile.get(), b.toString()); // if not, the next session asks again
    }
}
