package dev.fieldshell.shell.ovms;

import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.ModuleLink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A module's event scripts: {@code /store/events/<event>/<script>} with their contents. Scripts of
 * one event run in byte-wise order of their full paths (console reference §5.2), which
 * {@link #runOrder} gives.
 */
public record EventTree(Map<String, Map<String, String>> events) {

    public EventTree {
        Map<String, Map<String, String>> copy = new TreeMap<>(EventTree::compareBytes);
        events.forEach((k, v) -> {
            Map<String, String> scripts = new TreeMap<>(EventTree::compareBytes);
            scripts.putAll(v);
            copy.put(k, Collections.unmodifiableMap(scripts));
        });
        events = Collections.unmodifiableMap(copy);
    }

    /** Every script as {@code path → content}, in run order within each event. */
    public Map<String, String> files() {
        Map<String, String> out = new TreeMap<>(EventTree::compareBytes);
        events.forEach((ev, scripts) -> scripts.forEach((name, content) -> out.put(VfsPath.eventScript(ev, name), content)));
        return out;
    }

    /** The script names of one event in the order the module runs them. */
    public List<String> runOrder(String event) {
        return List.copyOf(events.getOrDefault(event, Map.of()).keySet());
    }

    /** Builds a tree from {@code /store/events/...} paths and contents; other paths are ignored. */
    public static EventTree fromFiles(Map<String, String> files) {
        Map<String, Map<String, String>> ev = new TreeMap<>();
        files.forEach((path, content) -> {
            if (path.startsWith(VfsPath.EVENTS_DIR + "/")) {
                String rest = path.substring(VfsPath.EVENTS_DIR.length() + 1);
                int slash = rest.indexOf('/');
                if (slash > 0 && rest.indexOf('/', slash + 1) < 0) {
                    ev.computeIfAbsent(rest.substring(0, slash), k -> new TreeMap<>()).put(rest.substring(slash + 1), content);
                }
            }
        });
        return new EventTree(ev);
    }

    /** Reads {@code /store/events} from a module: one {@code vfs ls} per directory, {@code vfs stat} and {@code vfs cat} per file. */
    public static EventTree read(ModuleLink link) throws LinkException {
        ModuleReader r = new ModuleReader(link);
        Map<String, Map<String, String>> ev = new TreeMap<>();
        for (VfsEntry dir : r.ls(VfsPath.EVENTS_DIR)) {
            if (!dir.directory()) {
                continue;
            }
            Map<String, String> scripts = new TreeMap<>();
            for (VfsEntry f : r.ls(VfsPath.EVENTS_DIR + "/" + dir.name())) {
                if (!f.directory()) {
                    scripts.put(f.name(), r.cat(VfsPath.eventScript(dir.name(), f.name())));
                }
            }
            ev.put(dir.name(), scripts);
        }
        return new EventTree(ev);
    }

    /** Reads a local folder laid out like {@code /store/events} ({@code DIR/<event>/<script>}). */
    public static EventTree readLocal(Path dir) throws IOException {
        Map<String, Map<String, String>> ev = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory");
        }
        try (Stream<Path> events = Files.list(dir)) {
            for (Path e : events.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                Map<String, String> scripts = new TreeMap<>();
                try (Stream<Path> files = Files.list(e)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        scripts.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
                    }
                }
                ev.put(e.getFileName().toString(), scripts);
            }
        }
        return new EventTree(ev);
    }

    /** Writes the tree into a local folder, replacing files of the same name; returns the files written. */
    public List<Path> writeLocal(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (var e : events.entrySet()) {
            Path d = dir.resolve(e.getKey());
            Files.createDirectories(d);
            for (var s : e.getValue().entrySet()) {
                Path f = d.resolve(s.getKey());
                Files.writeString(f, s.getValue(), StandardCharsets.UTF_8);
                out.add(f);
            }
        }
        return out;
    }

    /** Byte-wise (unsigned UTF-8) comparison, as the module's {@code std::set<std::string>} sorts. */
    public static int compareBytes(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }
}
