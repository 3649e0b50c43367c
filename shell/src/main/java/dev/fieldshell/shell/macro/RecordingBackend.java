package dev.fieldshell.shell.macro;

import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.ovms.ConfigKey;
import dev.fieldshell.shell.ovms.FeatureTable;
import dev.fieldshell.shell.ovms.FileState;
import dev.fieldshell.shell.ovms.FirmwareVersion;
import dev.fieldshell.shell.ovms.Plan;
import dev.fieldshell.shell.ovms.Step;
import dev.fieldshell.shell.ovms.VfsEntry;
import dev.fieldshell.shell.ovms.VfsPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Macro mode: every change is recorded into a {@link Plan} and nothing is changed on the module.
 * Reads go to the module, seen through the changes recorded so far (a file the plan wrote reads
 * back as planned). {@code ovms.exec} records the command and returns {@code null}.
 */
public final class RecordingBackend implements MacroBackend {

    private final ModuleLink link;
    private final MacroReads reads;
    private final Plan.Builder plan;
    private final Consumer<String> printer;
    private final Map<String, FileState> moduleFiles = new HashMap<>();

    private final String module;

    /** {@code module} is the name the user gave the target. */
    public RecordingBackend(String module, ModuleLink link, String title, Consumer<String> printer) {
        this.module = module;
        this.link = link;
        this.reads = new MacroReads(link);
        this.plan = new Plan.Builder(title);
        this.printer = printer;
    }

    public Plan plan() {
        return plan.build();
    }

    @Override
    public String firmware() {
        return link.info().firmware();
    }

    @Override
    public String target() {
        return module;
    }

    @Override
    public boolean has(String feature) throws MacroException {
        return hasFeature(firmware(), feature);
    }

    static boolean hasFeature(String firmware, String feature) throws MacroException {
        FeatureTable t = FeatureTable.bundled();
        if (t.feature(feature).isEmpty()) {
            throw new MacroException("ovms.module.has: no feature '" + feature + "' in the firmware table (known: "
                    + String.join(", ", t.features().stream().map(f -> f.id()).toList()) + ")");
        }
        // Unknown firmware: assume the feature is missing, the safe side for planning.
        return FirmwareVersion.parse(firmware).map(v -> t.has(v, feature)).orElse(false);
    }

    @Override
    public void writeFile(String path, String content) throws MacroException {
        checkPath(path);
        plan.add(new Step.WriteFile(path, content));
    }

    @Override
    public void appendLine(String path, String line) throws MacroException {
        checkPath(path);
        plan.add(new Step.AppendLine(path, line));
    }

    @Override
    public void remove(String path) throws MacroException {
        checkPath(path);
        plan.add(new Step.RemoveFile(path));
    }

    @Override
    public void mkdir(String path) throws MacroException {
        if (!(path.startsWith("/store/") || path.startsWith("/sd/"))) {
            throw new MacroException("ovms.vfs.mkdir: '" + path + "' is outside /store and /sd");
        }
        plan.add(new Step.MakeDir(path));
    }

    @Override
    public Optional<String> cat(String path) throws MacroException {
        Plan p = plan.build();
        if (p.touchedFiles().contains(path)) {
            Optional<String> before = moduleFile(path).asOptional();
            return p.filesAfter(Map.of(path, before)).get(path);
        }
        return moduleFile(path).asOptional();
    }

    private FileState moduleFile(String path) throws MacroException {
        FileState s = moduleFiles.get(path);
        if (s == null) {
            s = reads.read(path);
            moduleFiles.put(path, s);
        }
        return s;
    }

    @Override
    public boolean exists(String path) throws MacroException {
        Plan p = plan.build();
        if (p.touchedFiles().contains(path)) {
            return cat(path).isPresent();
        }
        return reads.exists(path);
    }

    @Override
    public List<VfsEntry> ls(String dir) throws MacroException {
        return reads.ls(dir);
    }

    @Override
    public void raise(String event, long delayMs) {
        plan.add(new Step.RaiseEvent(event, delayMs));
    }

    @Override
    public void configSet(String param, String instance, String value) {
        plan.add(new Step.SetConfig(param, instance, value));
    }

    @Override
    public Optional<String> configGet(String param, String instance) throws MacroException {
        Optional<String> planned = plan.build().configAfter().get(new ConfigKey(param, instance));
        if (planned != null) {
            return planned;
        }
        return reads.config(param, instance);
    }

    @Override
    public Optional<String> exec(String commandLine) {
        plan.add(new Step.RunCommand(commandLine));
        return Optional.empty();
    }

    @Override
    public void sleep(long millis) {
        // Planning does not wait: the plan records what to do, not when.
    }

    @Override
    public String save(String name, String text) {
        printer.accept("(dry run: would save " + name + ", " + text.length() + " characters)");
        return "(dry run) " + name;
    }

    @Override
    public void print(String line) {
        printer.accept(line);
    }

    static void checkPath(String path) throws MacroException {
        Optional<String> p = VfsPath.problem(path);
        if (p.isPresent()) {
            throw new MacroException(p.get());
        }
    }
}
