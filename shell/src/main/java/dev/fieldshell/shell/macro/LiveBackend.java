package dev.fieldshell.shell.macro;

import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.ovms.ApplyReport;
import dev.fieldshell.shell.ovms.Plan;
import dev.fieldshell.shell.ovms.PlanApplier;
import dev.fieldshell.shell.ovms.Preparation;
import dev.fieldshell.shell.ovms.Step;
import dev.fieldshell.shell.ovms.Tokenizer;
import dev.fieldshell.shell.ovms.VfsEntry;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Live mode ({@code :js}, collecting macros): every call goes to the module at once. Changes are
 * still carried as one-step plans through {@link PlanApplier}, so each is quoted by the tokenizer
 * rules, rendered for the firmware, read back, and journaled for undo.
 */
public final class LiveBackend implements MacroBackend {

    private final ModuleLink link;
    private final MacroReads reads;
    private final PlanApplier applier;
    private final LocalOutput output;
    private final Consumer<String> printer;
    private final String title;
    private final String module;

    /** {@code module} is the name the user gave the target; the undo journal files changes under it. */
    public LiveBackend(String module, ModuleLink link, PlanApplier applier, LocalOutput output, Consumer<String> printer, String title) {
        this.module = module;
        this.link = link;
        this.reads = new MacroReads(link);
        this.applier = applier;
        this.output = output;
        this.printer = printer;
        this.title = title;
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
        return RecordingBackend.hasFeature(firmware(), feature);
    }

    private void change(Step step) throws MacroException {
        try {
            Preparation prep = applier.prepare(module, link, new Plan(title + ": " + step.describe(), List.of(step)));
            ApplyReport r = applier.apply(link, prep);
            if (!r.ok()) {
                throw new MacroException(step.describe() + ": " + r.message());
            }
        } catch (LinkException e) {
            throw new MacroException(step.describe() + ": " + e.getMessage());
        }
    }

    @Override
    public void writeFile(String path, String content) throws MacroException {
        RecordingBackend.checkPath(path);
        change(new Step.WriteFile(path, content));
    }

    @Override
    public void appendLine(String path, String line) throws MacroException {
        RecordingBackend.checkPath(path);
        change(new Step.AppendLine(path, line));
    }

    @Override
    public void remove(String path) throws MacroException {
        RecordingBackend.checkPath(path);
        change(new Step.RemoveFile(path));
    }

    @Override
    public void mkdir(String path) throws MacroException {
        change(new Step.MakeDir(path));
    }

    @Override
    public Optional<String> cat(String path) throws MacroException {
        return reads.read(path).asOptional();
    }

    @Override
    public boolean exists(String path) throws MacroException {
        return reads.exists(path);
    }

    @Override
    public List<VfsEntry> ls(String dir) throws MacroException {
        return reads.ls(dir);
    }

    @Override
    public void raise(String event, long delayMs) throws MacroException {
        change(new Step.RaiseEvent(event, delayMs));
    }

    @Override
    public void configSet(String param, String instance, String value) throws MacroException {
        change(new Step.SetConfig(param, instance, value));
    }

    @Override
    public Optional<String> configGet(String param, String instance) throws MacroException {
        return reads.config(param, instance);
    }

    @Override
    public Optional<String> exec(String commandLine) throws MacroException {
        if (Tokenizer.split(commandLine) instanceof Tokenizer.Split.Refused r) {
            throw new MacroException("ovms.exec: the module would refuse '" + commandLine + "': " + r.reason());
        }
        try {
            return Optional.of(link.run(commandLine).output());
        } catch (LinkException e) {
            throw new MacroException("ovms.exec: " + e.getMessage());
        }
    }

    @Override
    public void sleep(long millis) throws MacroException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MacroException("ovms.sleep: interrupted");
        }
    }

    @Override
    public String save(String name, String text) throws MacroException {
        return output.save(module, name, text).toString();
    }

    @Override
    public void print(String line) {
        printer.accept(line);
    }
}
