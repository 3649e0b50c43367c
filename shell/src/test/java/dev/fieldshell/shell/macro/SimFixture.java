package dev.fieldshell.shell.macro;

import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.repl.XdgDirs;
import dev.fieldshell.shell.sim.SimulatedModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Simulators, directories and a recording UI for the macro tests. Never touches the real home. */
final class SimFixture implements AutoCloseable {

    static final String FW_3_3_006 = "3.3.006-259-g1aa1daff1/ota_0/edge";
    static final String FW_3_3_005 = "3.3.005-615-gd132bfe0/ota_0/edge";

    final Path root;
    final XdgDirs dirs;
    private final List<SimulatedModule> modules = new ArrayList<>();

    SimFixture(Path root) {
        this.root = root;
        this.dirs = XdgDirs.from(Map.of(
                "XDG_CONFIG_HOME", root.resolve("config").toString(),
                "XDG_DATA_HOME", root.resolve("data").toString(),
                "XDG_STATE_HOME", root.resolve("state").toString()), root.resolve("home"));
    }

    SimulatedModule start(String name, String firmware) throws IOException {
        return start(SimulatedModule.builder().firmware(firmware), name);
    }

    SimulatedModule start(SimulatedModule.Builder b, String name) throws IOException {
        Path store = root.resolve("stores").resolve(name);
        Files.createDirectories(store);
        SimulatedModule m = b.name(name).store(store).build().start();
        modules.add(m);
        return m;
    }

    /** Targets by name over the given links; opening an unknown name fails the way a bad target does. */
    static MacroTool.Targets targets(Map<String, ModuleLink> links, String current) {
        return new MacroTool.Targets() {
            @Override
            public MacroWorkflow.Target current() {
                return new MacroWorkflow.Target(current, links.get(current));
            }

            @Override
            public String currentName() {
                return current;
            }

            @Override
            public MacroWorkflow.Target open(String text) throws LinkException {
                ModuleLink l = links.get(text);
                if (l == null) {
                    throw new LinkException(text + ": no such test target");
                }
                return new MacroWorkflow.Target(text, l);
            }
        };
    }

    /** Every file under a store's events directory, relative path → bytes as text (ISO-8859-1 keeps bytes). */
    static Map<String, String> eventFiles(SimulatedModule m) {
        Path events = m.storeDir().resolve("events");
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(events)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(events)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                out.put(events.relativize(f).toString(), new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A UI that records every line and answers questions with a fixed answer. */
    static final class RecordingUi implements MacroWorkflow.Ui {
        final List<String> lines = new ArrayList<>();
        final boolean answer;

        RecordingUi(boolean answer) {
            this.answer = answer;
        }

        @Override
        public synchronized void println(String line) {
            lines.add(line);
        }

        @Override
        public synchronized boolean confirm(String question) {
            lines.add("? " + question);
            return answer;
        }

        synchronized String text() {
            return String.join("\n", lines);
        }
    }

    @Override
    public void close() {
        modules.forEach(SimulatedModule::close);
    }
}
