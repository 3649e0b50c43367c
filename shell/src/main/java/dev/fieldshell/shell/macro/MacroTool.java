package dev.fieldshell.shell.macro;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldshell.shell.cli.UsageException;
import dev.fieldshell.shell.lint.Finding;
import dev.fieldshell.shell.lint.Linters;
import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.ovms.ApplyReport;
import dev.fieldshell.shell.ovms.EventTree;
import dev.fieldshell.shell.ovms.FirmwareVersion;
import dev.fieldshell.shell.ovms.JournalEntry;
import dev.fieldshell.shell.ovms.Plan;
import dev.fieldshell.shell.ovms.PlanApplier;
import dev.fieldshell.shell.ovms.Step;
import dev.fieldshell.shell.ovms.UndoJournal;
import dev.fieldshell.shell.repl.XdgDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The macro, undo, js and events commands, independent of how they are called: the REPL's
 * {@code :macro} and the CLI's {@code fieldshell macro} both end here. Returns exit codes
 * (0 ok, 1 failure); bad arguments throw {@link UsageException}.
 */
public final class MacroTool {

    /** How the caller finds modules: the current one, or one named on the command line. */
    public interface Targets {
        MacroWorkflow.Target current() throws LinkException;

        /** The current target's name, without connecting (undo reads the journal before it connects). */
        String currentName() throws LinkException;

        MacroWorkflow.Target open(String text) throws LinkException;
    }

    private final XdgDirs dirs;
    private final java.time.Duration limit;
    private MacroRunner runner;
    private PlanApplier applier;
    private LocalOutput output;

    public MacroTool(XdgDirs dirs) {
        this(dirs, MacroRunner.DEFAULT_LIMIT);
    }

    /** {@code limit} is the JavaScript time a macro or a {@code :js} line may use. */
    public MacroTool(XdgDirs dirs, java.time.Duration limit) {
        this.dirs = dirs;
        this.limit = limit;
    }

    public synchronized MacroRunner runner() {
        if (runner == null) {
            runner = new MacroRunner(limit, dirs.cache().resolve("macro-meta"));
        }
        return runner;
    }

    public synchronized PlanApplier applier() {
        if (applier == null) {
            applier = new PlanApplier(new UndoJournal(dirs.state().resolve("undo")));
        }
        return applier;
    }

    public synchronized LocalOutput output() {
        if (output == null) {
            output = new LocalOutput(dirs.state().resolve("output"), Clock.systemUTC());
        }
        return output;
    }

    private MacroCatalog catalog;

    public synchronized MacroCatalog catalog() {
        if (catalog == null) {
            catalog = MacroCatalog.standard(dirs, runner());
        }
        return catalog;
    }

    private final java.util.concurrent.atomic.AtomicBoolean warming = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Starts the JavaScript engine and loads every macro's declarations on a background daemon
     * thread, once: called when the user starts typing a macro command (TAB after {@code :macro}),
     * so that the engine's start-up overlaps the typing. Never called at REPL start-up. Returns at once.
     */
    public void warmUp() {
        if (warming.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("fieldshell-js-warmup").priority(Thread.MIN_PRIORITY).start(() -> {
                // Errors are not news here: the command itself reports them when it loads the macro.
                List<MacroDescriptor> macros = catalog().list().stream().flatMap(e -> e.macro().stream()).toList();
                // The declarations may have come from the disk cache without any JavaScript: start the engine anyway.
                runner().warmUp(macros);
            });
        }
    }

    private volatile boolean sharePlans = true;

    /** For the benchmark's before/after: whether a fleet run shares the macro's runs between alike modules. */
    void sharePlans(boolean on) {
        sharePlans = on;
    }

    public MacroWorkflow workflow() {
        return new MacroWorkflow(runner(), applier(), output(), Linters::standard, sharePlans);
    }

    // ---- macro list | show | resume | NAME ----

    public int macro(List<String> words, Targets targets, MacroWorkflow.Ui ui) throws Exception {
        if (words.isEmpty()) {
            throw new UsageException("macro: which macro? (macro list shows them)");
        }
        return switch (words.get(0)) {
            case "list" -> list(ui);
            case "show" -> {
                if (words.size() != 2) {
                    throw new UsageException("usage: macro show NAME");
                }
                yield show(words.get(1), ui);
            }
            case "resume" -> resume(words.subList(1, words.size()), targets, ui);
            default -> run(words.get(0), words.subList(1, words.size()), targets, ui);
        };
    }

    int list(MacroWorkflow.Ui ui) {
        MacroCatalog c = catalog();
        List<MacroCatalog.Entry> entries = c.list();
        if (entries.isEmpty()) {
            ui.println("no macros in " + String.join(", ", c.dirs().stream().map(Path::toString).toList()));
            return 0;
        }
        int w = entries.stream().mapToInt(e -> e.name().length()).max().orElse(8);
        for (MacroCatalog.Entry e : entries) {
            ui.println(String.format("%-" + w + "s  %s", e.name(), e.macro()
                    .map(m -> m.summary() + (m.mode() == MacroDescriptor.Mode.COLLECT ? " [collects]" : ""))
                    .orElse("(cannot load: " + e.error() + ")")));
        }
        return entries.stream().allMatch(e -> e.macro().isPresent()) ? 0 : 1;
    }

    /**
     * The named macro. A name no macro folder has is a usage error (exit 2), like an unknown
     * subcommand; a macro file that is there but cannot be loaded stays a {@link MacroException}.
     */
    private MacroDescriptor find(String name) throws MacroException {
        MacroCatalog c = catalog();
        java.util.Set<String> known = c.files().keySet();
        if (!known.contains(name)) {
            throw new UsageException("no macro named '" + name + "' (" + (known.isEmpty() ? "none" : "known: " + String.join(", ", known))
                    + "; 'macro list' shows them, read from " + String.join(", ", c.dirs().stream().map(Path::toString).toList()) + ")");
        }
        return c.find(name);
    }

    int show(String name, MacroWorkflow.Ui ui) throws MacroException {
        MacroDescriptor m = find(name);
        ui.println(m.name() + ": " + m.summary());
        ui.println("file: " + m.file());
        ui.println("mode: " + (m.mode() == MacroDescriptor.Mode.PLAN
                ? "plan (changes are shown, confirmed, applied, verified and undoable)"
                : "collect (commands run live; results saved under " + output().dir() + ")"));
        ui.println(m.params().isEmpty() ? "parameters: none" : "parameters:");
        m.params().forEach(p -> ui.println("  " + p.usage()));
        ui.println("options: --dry-run  --yes  --force (apply despite lint errors)  --target a,b,c  --targets FILE");
        return 0;
    }

    int run(String name, List<String> words, Targets targets, MacroWorkflow.Ui ui) throws Exception {
        List<String> params = new ArrayList<>();
        boolean dryRun = false;
        boolean yes = false;
        boolean force = false;
        List<String> targetTexts = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            switch (w) {
                case "--dry-run" -> dryRun = true;
                case "--yes", "-y" -> yes = true;
                case "--force" -> force = true;
                case "--target" -> targetTexts.addAll(split(value(words, ++i, "--target")));
                case "--targets" -> targetTexts.addAll(readTargets(Path.of(value(words, ++i, "--targets"))));
                default -> {
                    if (w.startsWith("--target=")) {
                        targetTexts.addAll(split(w.substring(9)));
                    } else if (w.startsWith("--targets=")) {
                        targetTexts.addAll(readTargets(Path.of(w.substring(10))));
                    } else {
                        params.add(w);
                    }
                }
            }
        }
        MacroDescriptor macro = find(name);
        ObjectNode args;
        try {
            args = MacroArgs.parse(macro, params);
        } catch (MacroException e) {
            throw new UsageException(e.getMessage());
        }
        List<MacroWorkflow.Target> ts = resolve(targetTexts, targets);
        List<MacroWorkflow.Row> rows = workflow().run(macro, args, ts, new MacroWorkflow.Options(dryRun, yes, force), ui);
        return rows.stream().allMatch(MacroWorkflow.Row::ok) ? 0 : 1;
    }

    private static List<MacroWorkflow.Target> resolve(List<String> texts, Targets targets) throws LinkException {
        List<MacroWorkflow.Target> out = new ArrayList<>();
        if (texts.isEmpty()) {
            out.add(targets.current());
        }
        for (String t : texts) {
            if (out.stream().noneMatch(x -> x.name().equals(t))) {
                out.add(targets.open(t));
            }
        }
        return out;
    }

    private static String value(List<String> words, int i, String option) {
        if (i >= words.size()) {
            throw new UsageException(option + " needs a value");
        }
        return words.get(i);
    }

    private static List<String> split(String list) {
        return java.util.Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A targets file: one target per line; blank lines and {@code #} comments are skipped. */
    static List<String> readTargets(Path file) {
        try {
            List<String> out = new ArrayList<>();
            List<String> lines = Files.readAllLines(file);
            for (String l : lines) {
                String t = l.replaceFirst("#.*$", "").strip();
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
            if (out.isEmpty()) {
                throw new UsageException(file + ": no targets in the file");
            }
            return out;
        } catch (IOException e) {
            throw new UsageException("--targets " + file + ": cannot read: " + e.getMessage());
        }
    }

    // ---- resume ----

    int resume(List<String> words, Targets targets, MacroWorkflow.Ui ui) throws Exception {
        boolean yes = words.contains("--yes") || words.contains("-y");
        List<String> rest = words.stream().filter(w -> !w.equals("--yes") && !w.equals("-y")).toList();
        if (rest.size() > 1 || (rest.size() == 1 && rest.get(0).startsWith("-"))) {
            // A second target or an unknown option would otherwise be ignored, and the user think it was resumed too.
            throw new UsageException("resume [MODULE] [--yes]: one module at a time, not " + String.join(" ", rest));
        }
        MacroWorkflow.Target t = rest.isEmpty() ? targets.current() : targets.open(rest.get(0));
        Optional<JournalEntry> e = applier().journal().latestUnfinished(t.name());
        if (e.isEmpty()) {
            ui.println(t.name() + ": nothing to resume (the last change finished, or there is none)");
            return 0;
        }
        ui.println(t.name() + ": " + e.get().title() + " (" + e.get().id() + ") stopped " + e.get().state().name().toLowerCase() + ":");
        e.get().steps().forEach(s -> ui.println(String.format("  [%s] %d. %s", s.status() == JournalEntry.Status.DONE ? "done    " : "not done",
                s.index() + 1, s.step().toStep().describe())));
        if (!yes && !ui.confirm("Send the steps not done?")) {
            ui.println("nothing sent");
            return 1;
        }
        ApplyReport r = applier().resume(t.link(), e.get());
        r.describe().forEach(ui::println);
        return r.ok() ? 0 : 1;
    }

    // ---- undo ----

    public int undo(List<String> words, Targets targets, MacroWorkflow.Ui ui) throws Exception {
        boolean yes = words.contains("--yes") || words.contains("-y");
        boolean dryRun = words.contains("--dry-run");
        List<String> rest = words.stream().filter(w -> !w.startsWith("-")).toList();
        if (rest.size() > 1) {
            throw new UsageException("usage: undo [MODULE] [--yes] [--dry-run]");
        }
        // The journal first: with nothing to undo, the user should not first wait for a connection (or a host-key question).
        String name = rest.isEmpty() ? targets.currentName() : rest.get(0);
        Optional<JournalEntry> e = applier().journal().latestUndoable(name);
        if (e.isEmpty()) {
            ui.println(name + ": nothing to undo (no change in the journal " + applier().journal().root() + ")");
            return 1;
        }
        MacroWorkflow.Target t = rest.isEmpty() ? targets.current() : targets.open(name);
        PlanApplier.UndoPreparation u = applier().prepareUndo(t.link(), e.get());
        ui.println("undo " + e.get().title() + " (" + e.get().id() + ", " + e.get().state().name().toLowerCase() + ") on " + t.name() + ":");
        if (u.prep().refused()) {
            u.prep().lines().forEach(l -> ui.println("  " + l));
            return 1;
        }
        if (!u.prep().plan().isEmpty()) {
            ui.println("OVMS commands:");
            u.prep().lines().forEach(l -> ui.println("  " + l));
            ui.println("diff:");
            u.prep().diff().lines().forEach(l -> ui.println("  " + l));
        }
        u.notes().forEach(n -> ui.println("  note: " + n));
        if (dryRun) {
            ui.println("dry run: nothing sent");
            return 0;
        }
        if (!u.prep().plan().isEmpty() && !u.prep().changesNothing() && !yes && !ui.confirm("Restore the previous state of " + t.name() + "?")) {
            ui.println("nothing sent");
            return 1;
        }
        ApplyReport r = applier().applyUndo(t.link(), u);
        r.describe().forEach(ui::println);
        return r.ok() ? 0 : 1;
    }

    // ---- events pull | diff | push | lint ----

    private static final List<String> EVENTS_SUBCOMMANDS = List.of("pull", "diff", "push", "lint");

    private static UsageException unknownEventsSubcommand(String word) {
        return new UsageException("events: unknown subcommand '" + word + "' (" + String.join(", ", EVENTS_SUBCOMMANDS) + ")");
    }

    public int events(List<String> words, Targets targets, MacroWorkflow.Ui ui) throws Exception {
        if (words.isEmpty()) {
            throw new UsageException("usage: events pull [DIR] | diff [DIR] | push [DIR] [--delete] [--dry-run] [--yes] | lint");
        }
        if (!EVENTS_SUBCOMMANDS.contains(words.get(0))) {
            // before a link is opened: a typo should not first cost a connection (or fail on one)
            throw unknownEventsSubcommand(words.get(0));
        }
        List<String> rest = words.subList(1, words.size());
        List<String> plain = rest.stream().filter(w -> !w.startsWith("-")).toList();
        List<String> targetTexts = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i).equals("--target")) {
                targetTexts.addAll(split(value(rest, i + 1, "--target")));
            }
        }
        plain = plain.stream().filter(w -> !targetTexts.contains(w) && !String.join(",", targetTexts).equals(w)).toList();
        MacroWorkflow.Target t = targetTexts.isEmpty() ? targets.current() : targets.open(targetTexts.get(0));
        Path dir = Path.of(plain.isEmpty() ? "events-" + UndoJournal.moduleKey(t.name()) : plain.get(0));
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("events " + words.get(0) + ": " + dir + " is a file, not a directory");
        }
        return switch (words.get(0)) {
            case "pull" -> {
                EventTree tree = EventTree.read(t.link());
                List<Path> files = tree.writeLocal(dir);
                ui.println("pulled " + files.size() + " event script(s) of " + tree.events().size() + " event(s) from " + t.name() + " into " + dir);
                yield 0;
            }
            case "diff" -> {
                Plan plan = pushPlan(t, dir, rest.contains("--delete"));
                var prep = applier().prepare(t.name(), t.link(), plan);
                if (prep.changesNothing()) {
                    ui.println(dir + " and " + t.name() + ":/store/events are the same");
                } else {
                    prep.diff().lines().forEach(ui::println);
                }
                yield 0;
            }
            case "push" -> {
                boolean delete = rest.contains("--delete");
                MacroWorkflow.Options o = new MacroWorkflow.Options(rest.contains("--dry-run"), rest.contains("--yes") || rest.contains("-y"), rest.contains("--force"));
                List<MacroWorkflow.Row> rows = workflow().runPlans("events push " + dir, (target, printer) -> pushPlan(target, dir, delete), List.of(t), o, ui);
                yield rows.stream().allMatch(MacroWorkflow.Row::ok) ? 0 : 1;
            }
            case "lint" -> {
                EventTree tree = EventTree.read(t.link());
                Optional<FirmwareVersion> fw = FirmwareVersion.parse(t.link().info().firmware());
                List<Finding> f = Linters.standard().lint(tree, fw);
                f.forEach(x -> ui.println(x.toString()));
                long errors = f.stream().filter(x -> x.severity() == Finding.Severity.ERROR).count();
                ui.println(t.name() + ": " + tree.files().size() + " script(s), " + errors + " error(s), " + (f.size() - errors) + " other finding(s)");
                yield errors == 0 ? 0 : 1;
            }
            default -> throw unknownEventsSubcommand(words.get(0));
        };
    }

    /** The plan that makes the module's {@code /store/events} like the local folder (module-only files removed with {@code --delete}). */
    private Plan pushPlan(MacroWorkflow.Target t, Path dir, boolean delete) throws LinkException, MacroException {
        EventTree local;
        try {
            local = EventTree.readLocal(dir);
        } catch (IOException e) {
            throw new MacroException("events: cannot read " + dir + ": " + e.getMessage());
        }
        EventTree remote = EventTree.read(t.link());
        Plan.Builder b = new Plan.Builder("events push " + dir);
        Map<String, String> want = local.files();
        Map<String, String> have = remote.files();
        for (var e : want.entrySet()) {
            if (!e.getValue().equals(have.get(e.getKey()))) {
                b.add(new Step.WriteFile(e.getKey(), e.getValue()));
            }
        }
        if (delete) {
            for (String p : have.keySet()) {
                if (!want.containsKey(p)) {
                    b.add(new Step.RemoveFile(p));
                }
            }
        }
        return b.build();
    }

    // ---- js ----

    /** A live JavaScript session on a module; the caller keeps it between {@code :js} lines. */
    public JsSession jsSession(MacroWorkflow.Target t, MacroWorkflow.Ui ui) {
        LiveBackend live = new LiveBackend(t.name(), t.link(), applier(), output(), ui::println, "js");
        return new JsSession(live, limit);
    }

}
