package dev.fieldshell.shell.macro;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldshell.shell.lint.Finding;
import dev.fieldshell.shell.lint.Linter;
import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.ovms.ApplyReport;
import dev.fieldshell.shell.ovms.Plan;
import dev.fieldshell.shell.ovms.PlanApplier;
import dev.fieldshell.shell.ovms.Preparation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * {@code macro NAME} on one module or many: run the macro against each target (in parallel, each
 * for its own firmware and files), show every plan as OVMS lines, diff and lint findings, ask once,
 * apply and verify everywhere in parallel, and end with a summary table. Collecting macros show
 * the commands they would run, ask, then run live and report the files they saved.
 */
public final class MacroWorkflow {

    /** How the workflow talks to the person: the REPL's context or the CLI's streams. */
    public interface Ui {
        void println(String line);

        boolean confirm(String question);
    }

    /** A module under the name the user gave it. */
    public record Target(String name, ModuleLink link) {}

    public record Options(boolean dryRun, boolean yes, boolean force) {}

    /** One row of the summary, and what the run left behind (saved files for collecting macros). */
    public record Row(String target, String firmware, int steps, String result, String detail, List<Path> saved, boolean ok) {}

    private final MacroRunner runner;
    private final PlanApplier applier;
    private final LocalOutput output;
    private final Supplier<Linter> linter;
    private final boolean sharePlans;

    public MacroWorkflow(MacroRunner runner, PlanApplier applier, LocalOutput output, Supplier<Linter> linter) {
        this(runner, applier, output, linter, true);
    }

    /** {@code sharePlans} false: every module gets a JavaScript run of its own (the benchmark's "before"). */
    MacroWorkflow(MacroRunner runner, PlanApplier applier, LocalOutput output, Supplier<Linter> linter, boolean sharePlans) {
        this.runner = runner;
        this.applier = applier;
        this.output = output;
        this.linter = linter;
        this.sharePlans = sharePlans;
    }

    private record Planned(Target target, String printed, Optional<Preparation> prep, List<Finding> lint, String error) {
        boolean lintErrors() {
            return lint.stream().anyMatch(f -> f.severity() == Finding.Severity.ERROR);
        }
    }

    /** Makes the plan for one target; {@code printer} takes what the planner has to say. */
    public interface PlanSource {
        Plan plan(Target target, java.util.function.Consumer<String> printer) throws MacroException, LinkException;
    }

    /** Runs a macro through the whole workflow; the rows say per target what happened. */
    public List<Row> run(MacroDescriptor macro, ObjectNode args, List<Target> targets, Options options, Ui ui) throws MacroException {
        if (sharePlans && targets.size() > 1 && macro.mode() == MacroDescriptor.Mode.PLAN) {
            // Modules that answer the macro alike share one run of its JavaScript.
            SharedPlans shared = new SharedPlans(runner, macro, args);
            return run(macro, shared::plan, args, targets, options, ui);
        }
        return run(macro, (t, printer) -> {
            RecordingBackend rec = new RecordingBackend(t.name(), t.link(), macro.name(), printer);
            runner.run(macro, args, rec);
            return rec.plan();
        }, args, targets, options, ui);
    }

    /** Applies plans that do not come from a macro (events push) through the same show/ask/apply/verify path. */
    public List<Row> runPlans(String title, PlanSource source, List<Target> targets, Options options, Ui ui) throws MacroException {
        MacroDescriptor pseudo = new MacroDescriptor(title, "", MacroDescriptor.Mode.PLAN, List.of(), Path.of(title), "");
        return run(pseudo, source, null, targets, options, ui);
    }

    private List<Row> run(MacroDescriptor macro, PlanSource source, ObjectNode args, List<Target> targets, Options options, Ui ui) throws MacroException {
        if (targets.isEmpty()) {
            throw new MacroException("no target");
        }
        List<Planned> plans = parallel(targets, t -> plan(source, t, macro.mode() == MacroDescriptor.Mode.COLLECT));
        for (Planned p : plans) {
            show(macro, p, ui, plans.size() > 1);
        }
        List<Planned> ready = plans.stream()
                .filter(p -> p.error().isEmpty() && p.prep().isPresent() && !p.prep().get().refused()
                        && (macro.mode() == MacroDescriptor.Mode.COLLECT || !p.prep().get().changesNothing())
                        && (!p.lintErrors() || options.force()))
                .toList();
        List<Row> rows = new ArrayList<>();
        if (options.dryRun() || ready.isEmpty()) {
            for (Planned p : plans) {
                rows.add(rowWithoutApply(p, options.dryRun(), options.force(), macro));
            }
            summary(rows, ui);
            return rows;
        }
        String question = macro.mode() == MacroDescriptor.Mode.COLLECT
                ? "Run " + macro.name() + " on " + names(ready) + "?"
                : "Apply " + macro.name() + " to " + names(ready) + "?";
        if (!options.yes() && !ui.confirm(question)) {
            ui.println("nothing sent");
            for (Planned p : plans) {
                rows.add(new Row(p.target().name(), firmware(p), steps(p), "not applied", "declined", List.of(), false));
            }
            return rows;
        }
        List<Row> done = parallel(ready.stream().map(Planned::target).toList(), t -> {
            Planned p = ready.stream().filter(x -> x.target() == t).findFirst().orElseThrow();
            return macro.mode() == MacroDescriptor.Mode.COLLECT ? collect(macro, args, p) : apply(p);
        });
        for (Planned p : plans) {
            Optional<Row> d = done.stream().filter(r -> r.target().equals(p.target().name())).findFirst();
            rows.add(d.orElseGet(() -> rowWithoutApply(p, false, options.force(), macro)));
        }
        for (Row r : done) {
            if (!r.detail().isEmpty() && targets.size() == 1) {
                r.detail().lines().forEach(ui::println);
            }
        }
        summary(rows, ui);
        return rows;
    }

    private Planned plan(PlanSource source, Target t, boolean collect) {
        StringBuilder printed = new StringBuilder();
        try {
            Plan plan = source.plan(t, l -> printed.append(l).append('\n'));
            Preparation prep = applier.prepare(t.name(), t.link(), plan);
            List<Finding> lint = collect ? List.of() : linter.get().lint(plan, prep.filesBefore(), prep.firmware());
            return new Planned(t, printed.toString(), Optional.of(prep), lint, "");
        } catch (MacroException e) {
            return new Planned(t, printed.toString(), Optional.empty(), List.of(), e.getMessage());
        } catch (LinkException e) {
            return new Planned(t, printed.toString(), Optional.empty(), List.of(), "link: " + e.getMessage());
        }
    }

    private void show(MacroDescriptor macro, Planned p, Ui ui, boolean fleet) {
        String fw = firmware(p);
        ui.println("== " + p.target().name() + " (" + fw + ") " + macro.name());
        p.printed().lines().forEach(l -> ui.println("  " + l));
        if (!p.error().isEmpty()) {
            if (fleet) { // one target: the summary line says it once
                ui.println("  error: " + p.error());
            }
            return;
        }
        Preparation prep = p.prep().orElseThrow();
        if (macro.mode() == MacroDescriptor.Mode.COLLECT) {
            ui.println("commands it will run (their output decides the rest):");
            prep.lines().forEach(l -> ui.println("  " + l));
            return;
        }
        if (prep.plan().isEmpty()) {
            // events push has no macro (its pseudo descriptor has no source): the folder and the module agree
            ui.println(macro.source().isEmpty() ? "  nothing to change" : "  the macro planned nothing");
            return;
        }
        ui.println("OVMS commands:");
        prep.lines().forEach(l -> ui.println("  " + l));
        ui.println("diff:");
        prep.diff().lines().forEach(l -> ui.println("  " + l));
        if (!p.lint().isEmpty()) {
            ui.println("lint:");
            p.lint().forEach(f -> ui.println("  " + f));
        }
        if (prep.changesNothing()) {
            ui.println("  already in place; nothing to send");
        }
    }

    private Row apply(Planned p) {
        ApplyReport r = applier.apply(p.target().link(), p.prep().orElseThrow());
        String detail = String.join("\n", r.describe());
        String result = r.outcome().name().toLowerCase().replace('_', ' ');
        return new Row(p.target().name(), firmware(p), steps(p), result, detail, List.of(), r.ok());
    }

    private Row collect(MacroDescriptor macro, ObjectNode args, Planned p) {
        StringBuilder printed = new StringBuilder();
        LiveBackend live = new LiveBackend(p.target().name(), p.target().link(), applier, output, l -> printed.append(l).append('\n'), macro.name());
        int before = output.saved().size();
        try {
            MacroRunner.Result r = runner.run(macro, args, live);
            List<Path> saved = savedBy(p.target().name(), before);
            return new Row(p.target().name(), firmware(p), steps(p), "done", printed.toString().strip()
                    + (r.value().isEmpty() || printed.toString().contains(r.value()) ? "" : "\n" + r.value()), saved, true);
        } catch (MacroException e) {
            return new Row(p.target().name(), firmware(p), steps(p), "failed", (printed + e.getMessage()).strip(), savedBy(p.target().name(), before), false);
        }
    }

    private List<Path> savedBy(String target, int from) {
        List<Path> all = output.saved();
        String key = dev.fieldshell.shell.ovms.UndoJournal.moduleKey(target);
        return all.subList(Math.min(from, all.size()), all.size()).stream()
                .filter(f -> f.getFileName().toString().contains("-" + key + "-")).toList();
    }

    private static Row rowWithoutApply(Planned p, boolean dryRun, boolean force, MacroDescriptor macro) {
        if (!p.error().isEmpty()) {
            return new Row(p.target().name(), firmware(p), 0, "error", p.error(), List.of(), false);
        }
        Preparation prep = p.prep().orElseThrow();
        if (prep.refused()) {
            return new Row(p.target().name(), firmware(p), steps(p), "refused", prep.lines().get(0).replaceFirst("^# refused: ", ""), List.of(), false);
        }
        if (macro.mode() == MacroDescriptor.Mode.PLAN && prep.changesNothing()) {
            return new Row(p.target().name(), firmware(p), steps(p), "unchanged", "already in place; nothing sent", List.of(), true);
        }
        if (p.lintErrors() && !force) {
            long n = p.lint().stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
            return new Row(p.target().name(), firmware(p), steps(p), "not applied", n + " lint error(s); fix them or use --force", List.of(), false);
        }
        return new Row(p.target().name(), firmware(p), steps(p), dryRun ? "dry run" : "not applied", dryRun ? "nothing sent" : "", List.of(), dryRun);
    }

    private static String firmware(Planned p) {
        return p.prep().map(Preparation::firmwareText).orElseGet(() -> p.target().link() == null ? "?" : orUnknown(p.target().link().info().firmware()));
    }

    private static String orUnknown(String s) {
        return s == null || s.isBlank() ? "unknown" : s;
    }

    private static int steps(Planned p) {
        return p.prep().map(x -> x.plan().steps().size()).orElse(0);
    }

    private static String names(List<Planned> ps) {
        return ps.size() == 1 ? ps.get(0).target().name() : ps.size() + " modules (" + String.join(", ", ps.stream().map(p -> p.target().name()).toList()) + ")";
    }

    /** A table of the rows when there are several targets; one line otherwise. */
    static void summary(List<Row> rows, Ui ui) {
        if (rows.size() == 1) {
            Row r = rows.get(0);
            ui.println(r.target() + ": " + r.result() + (r.detail().isEmpty() || r.detail().contains("\n") ? "" : " (" + r.detail() + ")"));
            r.saved().forEach(f -> ui.println("saved " + f));
            return;
        }
        int wt = Math.max(6, rows.stream().mapToInt(r -> r.target().length()).max().orElse(6));
        int wf = Math.max(8, rows.stream().mapToInt(r -> shortFw(r.firmware()).length()).max().orElse(8));
        String fmt = "%-" + wt + "s  %-" + wf + "s  %5s  %-13s  %s";
        ui.println(String.format(fmt, "TARGET", "FIRMWARE", "STEPS", "RESULT", "DETAIL"));
        for (Row r : rows) {
            String detail = r.saved().isEmpty() ? lastLine(r.detail()) : "saved " + String.join(", ", r.saved().stream().map(Path::toString).toList());
            ui.println(String.format(fmt, r.target(), shortFw(r.firmware()), r.steps(), r.result(), detail));
        }
        long ok = rows.stream().filter(Row::ok).count();
        ui.println(ok + " of " + rows.size() + " modules ok");
    }

    private static String shortFw(String fw) {
        int slash = fw.indexOf('/');
        return slash > 0 ? fw.substring(0, slash) : fw;
    }

    private static String lastLine(String s) {
        List<String> l = s.lines().toList();
        return l.isEmpty() ? "" : l.get(l.size() - 1).strip();
    }

    /** Runs {@code work} for every target at once (one thread each, at most 32) and keeps the order. */
    static <R> List<R> parallel(List<Target> targets, java.util.function.Function<Target, R> work) throws MacroException {
        if (targets.size() == 1) {
            return List.of(work.apply(targets.get(0)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(32, targets.size()), r -> {
            Thread t = new Thread(r, "fieldshell-target");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> fs = new ArrayList<>();
            for (Target t : targets) {
                Callable<R> c = () -> work.apply(t);
                fs.add(pool.submit(c));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : fs) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MacroException("interrupted");
        } catch (ExecutionException e) {
            throw new MacroException("internal error: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
