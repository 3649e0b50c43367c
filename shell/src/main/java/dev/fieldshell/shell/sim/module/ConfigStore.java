package dev.fieldshell.shell.sim.module;

import dev.fieldshell.kb.data.DataFile;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The module configuration, kept where a module keeps it: one file per parameter under
 * {@code /store/ovms_config/} (a protected path). Parameters and their access come from the
 * data file {@code config-params.txt}.
 */
public final class ConfigStore {

    /** A registered parameter. */
    public record Param(String name, boolean readable, boolean writeable, boolean hidden, String title) {
        public String access() {
            if (readable && writeable) {
                return "readable";
            }
            return writeable ? "protected writeable" : "read-only";
        }
    }

    private final Path dir;
    private final Map<String, Param> params = new TreeMap<>();
    private final Map<String, TreeMap<String, String>> values = new TreeMap<>();

    public ConfigStore(Path storeDir) {
        this.dir = storeDir.resolve("ovms_config");
        loadParams();
        try {
            Files.createDirectories(dir);
            for (String name : params.keySet()) {
                Path f = dir.resolve(name);
                if (Files.isRegularFile(f)) {
                    Properties p = new Properties();
                    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                        p.load(r);
                    }
                    TreeMap<String, String> m = new TreeMap<>();
                    p.forEach((k, v) -> m.put((String) k, (String) v));
                    values.put(name, m);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the configuration in " + dir, e);
        }
    }

    public Path dir() {
        return dir;
    }

    public synchronized Optional<Param> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    public synchronized Map<String, Param> params() {
        return new LinkedHashMap<>(params);
    }

    public synchronized Optional<String> get(String param, String instance) {
        TreeMap<String, String> m = values.get(param);
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(instance));
    }

    public String getOrEmpty(String param, String instance) {
        return get(param, instance).orElse("");
    }

    public synchronized boolean getBool(String param, String instance) {
        String v = getOrEmpty(param, instance).toLowerCase();
        return v.equals("yes") || v.equals("1") || v.equals("true") || v.equals("on");
    }

    public synchronized Map<String, String> instances(String param) {
        TreeMap<String, String> m = values.get(param);
        return m == null ? Map.of() : new TreeMap<>(m);
    }

    /** Sets a value (the caller checks writeability); persists the parameter file. */
    public synchronized void set(String param, String instance, String value) {
        values.computeIfAbsent(param, k -> new TreeMap<>()).put(instance, value);
        save(param);
    }

    /** Removes an instance; returns whether it existed. */
    public synchronized boolean remove(String param, String instance) {
        TreeMap<String, String> m = values.get(param);
        if (m == null || m.remove(instance) == null) {
            return false;
        }
        save(param);
        return true;
    }

    public synchronized void removeAll(String param) {
        values.remove(param);
        save(param);
    }

    private void save(String param) {
        Path f = dir.resolve(param);
        try {
            Files.createDirectories(dir);
            TreeMap<String, String> m = values.get(param);
            if (m == null || m.isEmpty()) {
                Files.deleteIfExists(f);
                return;
            }
            Properties p = new Properties();
            p.putAll(m);
            Path tmp = dir.resolve("." + param + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, null);
            }
            Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the configuration " + f, e);
        }
    }

    private void loadParams() {
        for (DataFile.Line line : DataFile.bundled(ConfigStore.class, "/dev/fieldshell/shell/sim/config-params.txt").lines()) {
            String[] f = line.text().split("\\s+", 3);
            String a = f[1];
            params.put(f[0], new Param(f[0], a.equals("rw") || a.equals("ro"), !a.equals("ro"), a.equals("hw"), f[2]));
        }
    }
}
