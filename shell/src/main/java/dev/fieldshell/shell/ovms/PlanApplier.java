package dev.fieldshell.shell.ovms;

import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.ModuleLink;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries a plan to one module: prepare (read the module, render, diff), apply (send step by step,
 * journaling each), verify (read every written file back by {@code vfs stat} digest and every
 * config value by {@code config list}), resume an interrupted apply, and undo.
 */
public final class PlanApplier {

    private final PlanRenderer renderer;
    private final UndoJournal journal;
    private final Clock clock;

    public PlanApplier(PlanRenderer renderer, UndoJournal journal, Clock clock) {
        this.renderer = renderer;
        this.journal = journal;
        this.clock = clock;
    }

    public PlanApplier(UndoJournal journal) {
        this(new PlanRenderer(), journal, Clock.systemUTC());
    }

    public UndoJournal journal() {
        return journal;
    }

    /** Like {@link #prepare(String, ModuleLink, Plan)} with the link's own target name as the module name. */
    public Preparation prepare(ModuleLink link, Plan plan) throws LinkException {
        return prepare(link.target(), link, plan);
    }

    /**
     * Reads what the plan touches and renders it for the module's firmware. Sends only reads.
     * {@code module} names the module in the journal (the name the user gave the target).
     */
    public Preparation prepare(String module, ModuleLink link, Plan plan) throws LinkException {
        Optional<FirmwareVersion> fw = FirmwareVersion.parse(link.info().firmware());
        ModuleReader reader = new ModuleReader(link);
        Map<String, FileState> before = reader.read(plan.touchedFiles());
        Map<ConfigKey, Optional<String>> configBefore = new LinkedHashMap<>();
        for (ConfigKey k : plan.touchedConfig()) {
            configBefore.put(k, reader.config(k));
        }
        // Read before anything is sent, so undo knows which directories were the apply's own.
        List<String> dirsAbsent = reader.absentDirs(plan.directoriesItMayCreate());
        PlanRenderer.Rendering rendering = renderer.render(plan, new PlanRenderer.Target(fw, link.canUpload()));
        return new Preparation(module, fw, plan, before, configBefore, dirsAbsent, rendering,
                PlanDiff.render(plan, before, configBefore), PlanDiff.changesNothing(plan, before, configBefore));
    }

    /** Applies a prepared plan and verifies it. Nothing is sent for a refused or no-op plan. */
    public ApplyReport apply(ModuleLink link, Preparation prep) {
        return apply(link, prep, JournalEntry.Kind.APPLY, "");
    }

    private ApplyReport apply(ModuleLink link, Preparation prep, JournalEntry.Kind kind, String undoes) {
        if (prep.rendering() instanceof PlanRenderer.Rendering.Refused r) {
            return new ApplyReport(prep.target(), ApplyReport.Outcome.REFUSED, "", List.of(), List.of(),
                    "refused before sending anything: step " + (r.index() + 1) + " (" + r.step().describe() + "): " + r.reason());
        }
        if (prep.changesNothing()) {
            return new ApplyReport(prep.target(), ApplyReport.Outcome.UNCHANGED, "", List.of(), List.of(),
                    "already in place; nothing sent");
        }
        List<PlanRenderer.RenderedStep> rendered = ((PlanRenderer.Rendering.Ok) prep.rendering()).steps();
        List<JournalEntry.StepRecord> records = new ArrayList<>();
        for (int i = 0; i < rendered.size(); i++) {
            records.add(new JournalEntry.StepRecord(i, JournalEntry.StepData.of(rendered.get(i).step()), JournalEntry.Status.PENDING,
                    0, rendered.get(i).actions().size(), ""));
        }
        List<JournalEntry.ConfigBefore> cfg = prep.configBefore().entrySet().stream()
                .map(e -> new JournalEntry.ConfigBefore(e.getKey().param(), e.getKey().instance(), e.getValue().isPresent(), e.getValue().orElse("")))
                .toList();
        JournalEntry entry = new JournalEntry(UndoJournal.newId(Instant.now(clock)), prep.target(), prep.firmwareText(), prep.plan().title(),
                kind, undoes, Instant.now(clock).toString(), JournalEntry.State.APPLYING, prep.filesBefore(), cfg, prep.dirsAbsent(), List.copyOf(records));
        // No save here: run() saves the entry (first step STARTED) before anything is sent.
        return run(link, entry, rendered);
    }

    /**
     * Sends the steps of {@code entry} that are not done, then verifies the whole plan.
     *
     * <p>The journal is written once per step, before the step's first command: at any moment a
     * kill can strike, the file on disk marks every step that may have been sent as started or
     * done. A repeatable step's "done" rides along with the next write (the next step's start, or
     * the final state) instead of costing a write of its own; a crash in between leaves it
     * "started", and resuming sends it again, which changes nothing. A step that is not
     * repeatable (append, raise, command) is marked done at once.
     */
    private ApplyReport run(ModuleLink link, JournalEntry entry, List<PlanRenderer.RenderedStep> rendered) {
        String problem = "";
        JournalEntry.State stopped = null;
        for (int i = 0; i < rendered.size(); i++) {
            JournalEntry.StepRecord rec = entry.steps().get(i);
            if (rec.status() == JournalEntry.Status.DONE) {
                continue;
            }
            List<Action> actions = rendered.get(i).actions();
            rec = new JournalEntry.StepRecord(i, rec.step(), JournalEntry.Status.STARTED, 0, actions.size(), "");
            entry = entry.withStep(rec);
            journal.save(entry);
            int sent = 0;
            try {
                for (Action a : actions) {
                    Optional<String> bad = perform(link, a);
                    if (bad.isPresent()) {
                        problem = "'" + lineOf(a) + "' answered: " + bad.get();
                        entry = entry.withStep(rec.with(JournalEntry.Status.FAILED, sent, problem));
                        stopped = JournalEntry.State.FAILED;
                        break;
                    }
                    sent++;
                    entry = entry.withStep(rec = rec.with(JournalEntry.Status.STARTED, sent, ""));
                }
            } catch (LinkException e) {
                problem = e.getMessage();
                entry = entry.withStep(rec.with(JournalEntry.Status.STARTED, sent, "link lost: " + e.getMessage()));
                stopped = JournalEntry.State.INTERRUPTED;
            }
            if (stopped != null) {
                entry = entry.withState(stopped);
                journal.save(entry);
                break;
            }
            entry = entry.withStep(rec.with(JournalEntry.Status.DONE, sent, ""));
            if (!rendered.get(i).step().repeatable()) {
                journal.save(entry);
            }
        }
        if (stopped != null) {
            String hint = stopped == JournalEntry.State.INTERRUPTED
                    ? "link lost; run 'macro resume' to finish or 'undo' to restore the previous state"
                    : "stopped at the failing step; run 'undo' to restore the previous state";
            return report(entry, stopped == JournalEntry.State.INTERRUPTED ? ApplyReport.Outcome.INTERRUPTED : ApplyReport.Outcome.FAILED,
                    List.of(), problem + "; " + hint);
        }
        List<ApplyReport.Check> checks;
        try {
            checks = verify(link, entry);
        } catch (LinkException e) {
            entry = entry.withState(JournalEntry.State.INTERRUPTED);
            journal.save(entry);
            return report(entry, ApplyReport.Outcome.INTERRUPTED, List.of(), "all steps sent, but the link was lost while reading back: " + e.getMessage());
        }
        boolean ok = checks.stream().allMatch(ApplyReport.Check::ok);
        entry = entry.withState(ok ? JournalEntry.State.APPLIED : JournalEntry.State.VERIFY_FAILED);
        journal.save(entry);
        return report(entry, ok ? ApplyReport.Outcome.APPLIED : ApplyReport.Outcome.VERIFY_FAILED, checks,
                ok ? "applied and verified" : "sent, but reading back found differences");
    }

    /** Re-reads every file and config value the entry's plan should have left. */
    public List<ApplyReport.Check> verify(ModuleLink link, JournalEntry entry) throws LinkException {
        ModuleReader reader = new ModuleReader(link);
        Plan plan = entry.plan();
        Map<String, Optional<String>> before = new LinkedHashMap<>();
        entry.filesBefore().forEach((p, s) -> before.put(p, s.asOptional()));
        List<ApplyReport.Check> checks = new ArrayList<>();
        for (var e : plan.filesAfter(before).entrySet()) {
            Optional<ModuleReader.Stat> st = reader.stat(e.getKey());
            if (e.getValue().isEmpty()) {
                checks.add(new ApplyReport.Check(e.getKey(), st.isEmpty(), st.isEmpty() ? "absent" : "still present"));
                continue;
            }
            String want = FileState.md5(e.getValue().get());
            if (st.isEmpty()) {
                checks.add(new ApplyReport.Check(e.getKey(), false, "missing"));
            } else {
                boolean same = st.get().md5().equals(want);
                checks.add(new ApplyReport.Check(e.getKey(), same,
                        same ? "md5 " + want : "md5 " + st.get().md5() + ", expected " + want + " (" + st.get().size() + " bytes)"));
            }
        }
        for (var e : plan.configAfter().entrySet()) {
            Optional<String> now = reader.config(e.getKey());
            boolean same = now.equals(e.getValue());
            checks.add(new ApplyReport.Check("config " + e.getKey(), same, now.orElse("unset")));
        }
        List<String> removedDirs = plan.steps().stream()
                .flatMap(s -> s instanceof Step.RemoveDir d ? java.util.stream.Stream.of(d.path()) : java.util.stream.Stream.empty()).toList();
        if (!removedDirs.isEmpty()) {
            // one listing per parent for all of them (each is a round trip; on a serial line a slow one)
            List<String> absent = reader.absentDirs(removedDirs);
            for (String dir : removedDirs) {
                boolean gone = absent.contains(dir);
                checks.add(new ApplyReport.Check(dir + "/", gone, gone ? "absent" : "still present"));
            }
        }
        return checks;
    }

    /** Finishes an interrupted or failed entry: re-sends every step not done (a file step is whole), then verifies. */
    public ApplyReport resume(ModuleLink link, JournalEntry entry) {
        Optional<FirmwareVersion> fw = FirmwareVersion.parse(link.info().firmware());
        PlanRenderer.Rendering r = renderer.render(entry.plan(), new PlanRenderer.Target(fw, link.canUpload()));
        if (r instanceof PlanRenderer.Rendering.Refused ref) {
            return report(entry, ApplyReport.Outcome.REFUSED, List.of(), "cannot resume: " + ref.reason());
        }
        List<JournalEntry.StepRecord> reset = entry.steps().stream()
                .map(s -> s.status() == JournalEntry.Status.DONE ? s : s.with(JournalEntry.Status.PENDING, 0, ""))
                .toList();
        JournalEntry e = new JournalEntry(entry.id(), entry.target(), entry.firmware(), entry.title(), entry.kind(), entry.undoes(),
                entry.created(), JournalEntry.State.APPLYING, entry.filesBefore(), entry.configBefore(), entry.dirsCreated(), reset);
        journal.save(e);
        return run(link, e, ((PlanRenderer.Rendering.Ok) r).steps());
    }

    /** What undoing an entry will send, and what it cannot take back. Nothing has been sent. */
    public record UndoPreparation(JournalEntry entry, Preparation prep, List<String> notes) {}

    /**
     * Plans taking back {@code entry}: every file it touched gets its previous content (or is
     * removed if it did not exist), every config instance its previous value. Only what differs
     * from the previous state is planned. Files whose previous content could not be read exactly
     * are left alone, and events raised or commands run cannot be taken back; both go to the notes.
     * Then each directory the apply created ({@link JournalEntry#dirsCreated}) is removed, deepest
     * first, when nothing but the files this undo removes is left in it; one holding anything else
     * stays, with a note.
     */
    public UndoPreparation prepareUndo(ModuleLink link, JournalEntry entry) throws LinkException {
        Plan.Builder inverse = new Plan.Builder("undo " + entry.title());
        List<String> notes = new ArrayList<>();
        for (var e : entry.filesBefore().entrySet()) {
            FileState was = e.getValue();
            if (!was.exact()) {
                notes.add("left alone: " + e.getKey() + " (its previous content could not be read exactly)");
                continue;
            }
            inverse.add(was.exists() ? new Step.WriteFile(e.getKey(), was.content()) : new Step.RemoveFile(e.getKey()));
        }
        for (JournalEntry.ConfigBefore c : entry.configBefore()) {
            inverse.add(c.exists() ? new Step.SetConfig(c.param(), c.instance(), c.value()) : new Step.RemoveConfig(c.param(), c.instance()));
        }
        removeCreatedDirs(link, entry, inverse, notes);
        Plan plan = inverse.build();
        Preparation all = prepare(entry.target(), link, plan);
        Plan needed = new Plan(plan.title(), plan.steps().stream().filter(s -> differs(s, all)).toList());
        for (JournalEntry.StepRecord s : entry.steps()) {
            Step st = s.step().toStep();
            if (s.status() != JournalEntry.Status.PENDING && (st instanceof Step.RaiseEvent || st instanceof Step.RunCommand)) {
                notes.add("cannot be taken back: " + st.describe());
            }
        }
        // The module was just read for every path; the narrower plan reuses those reads.
        Map<String, FileState> before = new LinkedHashMap<>();
        needed.touchedFiles().forEach(p -> before.put(p, all.filesBefore().get(p)));
        Map<ConfigKey, Optional<String>> cfg = new LinkedHashMap<>();
        needed.touchedConfig().forEach(k -> cfg.put(k, all.configBefore().get(k)));
        PlanRenderer.Rendering r = renderer.render(needed, new PlanRenderer.Target(all.firmware(), link.canUpload()));
        Preparation prep = new Preparation(entry.target(), all.firmware(), needed, before, cfg, List.of(), r,
                PlanDiff.render(needed, before, cfg), PlanDiff.changesNothing(needed, before, cfg));
        return new UndoPreparation(entry, prep, List.copyOf(notes));
    }

    /** Adds a {@link Step.RemoveDir} for each created directory that the undo's own removals leave empty. */
    private static void removeCreatedDirs(ModuleLink link, JournalEntry entry, Plan.Builder inverse, List<String> notes) throws LinkException {
        if (entry.dirsCreated().isEmpty()) {
            return;
        }
        ModuleReader reader = new ModuleReader(link);
        java.util.Set<String> goes = new java.util.HashSet<>();
        for (Step s : inverse.steps()) {
            if (s instanceof Step.RemoveFile f) {
                goes.add(f.path());
            }
        }
        List<String> deepestFirst = entry.dirsCreated().stream()
                .sorted(java.util.Comparator.comparingInt(VfsPath::depth).reversed()).toList();
        List<String> absent = reader.absentDirs(deepestFirst); // one listing per parent, not one per directory
        for (String dir : deepestFirst) {
            if (absent.contains(dir)) {
                continue;
            }
            List<String> left = reader.ls(dir).stream().map(v -> dir + "/" + v.name()).filter(p -> !goes.contains(p)).toList();
            if (left.isEmpty()) {
                inverse.add(new Step.RemoveDir(dir));
                goes.add(dir);
            } else {
                notes.add("left alone: " + dir + "/ (created by this change, but it now also holds "
                        + left.stream().map(VfsPath::name).collect(java.util.stream.Collectors.joining(", ")) + ")");
            }
        }
    }

    /** Sends a prepared undo, verifies it, and marks the original entry undone when it worked. */
    public ApplyReport applyUndo(ModuleLink link, UndoPreparation undo) {
        ApplyReport rep = apply(link, undo.prep(), JournalEntry.Kind.UNDO, undo.entry().id());
        if (rep.outcome() == ApplyReport.Outcome.APPLIED || rep.outcome() == ApplyReport.Outcome.UNCHANGED) {
            journal.save(undo.entry().withState(JournalEntry.State.UNDONE));
        }
        String msg = rep.outcome() == ApplyReport.Outcome.UNCHANGED ? "already as before " + undo.entry().id() + "; nothing sent" : rep.message();
        return new ApplyReport(rep.target(), rep.outcome(), rep.journalId(), rep.steps(), rep.checks(), msg);
    }

    /** {@link #prepareUndo} and {@link #applyUndo} in one go. */
    public ApplyReport undo(ModuleLink link, JournalEntry entry) throws LinkException {
        return applyUndo(link, prepareUndo(link, entry));
    }

    private static boolean differs(Step s, Preparation prep) {
        return switch (s) {
            case Step.WriteFile w -> {
                FileState now = prep.filesBefore().get(w.path());
                yield !(now.exists() && now.exact() && now.content().equals(w.content()));
            }
            case Step.RemoveFile r -> prep.filesBefore().get(r.path()).exists();
            case Step.SetConfig c -> !prep.configBefore().get(new ConfigKey(c.param(), c.instance())).equals(Optional.of(c.value()));
            case Step.RemoveConfig c -> prep.configBefore().get(new ConfigKey(c.param(), c.instance())).isPresent();
            default -> true;
        };
    }

    private static Optional<String> perform(ModuleLink link, Action a) throws LinkException {
        return switch (a) {
            case Action.Send s -> s.expect().problem(link.run(s.line()).output());
            case Action.Upload u -> {
                link.upload(u.path(), u.content().getBytes(StandardCharsets.UTF_8));
                yield Optional.empty();
            }
        };
    }

    private static String lineOf(Action a) {
        return switch (a) {
            case Action.Send s -> s.line();
            case Action.Upload u -> "scp upload " + u.path();
        };
    }

    private static ApplyReport report(JournalEntry e, ApplyReport.Outcome outcome, List<ApplyReport.Check> checks, String message) {
        List<ApplyReport.StepOutcome> steps = e.steps().stream()
                .map(s -> new ApplyReport.StepOutcome(s.index(), s.step().toStep().describe(), s.status(), s.sent(), s.total(), s.detail()))
                .toList();
        return new ApplyReport(e.target(), outcome, e.id(), steps, checks, message);
    }
}
