package dev.fieldshell.shell.ovms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One applied (or half-applied) plan on one module, as the undo journal keeps it: the files and
 * config instances as they were before, and every step with its status. Written before the first
 * command is sent and after every step, so after a dropped link it says exactly what is done.
 */
public record JournalEntry(
        String id,
        String target,
        String firmware,
        String title,
        Kind kind,
        String undoes,
        String created,
        State state,
        Map<String, FileState> filesBefore,
        List<ConfigBefore> configBefore,
        List<String> dirsCreated,
        List<StepRecord> steps) {

    /**
     * {@code dirsCreated}: the directories the plan could create that were absent before it, read
     * before the first command; undo removes those it left empty. Journals written before this
     * field existed have none, and their undo restores files only.
     */
    public JournalEntry {
        dirsCreated = dirsCreated == null ? List.of() : List.copyOf(dirsCreated);
    }

    public enum Kind { APPLY, UNDO }

    public enum State {
        /** Steps are being sent. */
        APPLYING,
        /** The link dropped; some steps are not done. Resume or undo. */
        INTERRUPTED,
        /** A command answered with an error; later steps were not sent. */
        FAILED,
        /** All steps done, but reading back showed a difference. */
        VERIFY_FAILED,
        /** All steps done and every written file read back as planned. */
        APPLIED,
        /** Taken back by a later undo entry. */
        UNDONE
    }

    public enum Status { PENDING, STARTED, DONE, FAILED }

    /** A config instance before the change; {@code exists} false when it was unset. */
    public record ConfigBefore(String param, String instance, boolean exists, String value) {
        public ConfigKey key() {
            return new ConfigKey(param, instance);
        }

        public Optional<String> asOptional() {
            return exists ? Optional.of(value) : Optional.empty();
        }
    }

    /** A step, what was sent for it so far, and its status. */
    public record StepRecord(int index, StepData step, Status status, int sent, int total, String detail) {
        public StepRecord with(Status s, int sentNow, String d) {
            return new StepRecord(index, step, s, sentNow, total, d);
        }
    }

    public JournalEntry withState(State s) {
        return new JournalEntry(id, target, firmware, title, kind, undoes, created, s, filesBefore, configBefore, dirsCreated, steps);
    }

    public JournalEntry withStep(StepRecord r) {
        List<StepRecord> copy = new ArrayList<>(steps);
        copy.set(r.index(), r);
        return new JournalEntry(id, target, firmware, title, kind, undoes, created, state, filesBefore, configBefore, dirsCreated, List.copyOf(copy));
    }

    public Plan plan() {
        return new Plan(title, steps.stream().map(r -> r.step().toStep()).toList());
    }

    public boolean complete() {
        return steps.stream().allMatch(r -> r.status() == Status.DONE);
    }

    /**
     * A step in a flat, JSON-friendly form: {@code kind} plus the fields that kind uses. Kept
     * separate from {@link Step} so the journal format does not follow every refactoring.
     */
    public record StepData(String kind, String path, String content, String event, long delayMs,
                           String param, String instance, String value, String command) {

        public static StepData of(Step s) {
            return switch (s) {
                case Step.WriteFile w -> new StepData("write", w.path(), w.content(), null, 0, null, null, null, null);
                case Step.AppendLine a -> new StepData("append", a.path(), a.line(), null, 0, null, null, null, null);
                case Step.RemoveFile r -> new StepData("remove", r.path(), null, null, 0, null, null, null, null);
                case Step.MakeDir m -> new StepData("mkdir", m.path(), null, null, 0, null, null, null, null);
                case Step.RemoveDir r -> new StepData("rmdir", r.path(), null, null, 0, null, null, null, null);
                case Step.RaiseEvent e -> new StepData("raise", null, null, e.event(), e.delayMs(), null, null, null, null);
                case Step.SetConfig c -> new StepData("config-set", null, null, null, 0, c.param(), c.instance(), c.value(), null);
                case Step.RemoveConfig c -> new StepData("config-rm", null, null, null, 0, c.param(), c.instance(), null, null);
                case Step.RunCommand r -> new StepData("run", null, null, null, 0, null, null, null, r.commandLine());
            };
        }

        public Step toStep() {
            return switch (kind) {
                case "write" -> new Step.WriteFile(path, content);
                case "append" -> new Step.AppendLine(path, content);
                case "remove" -> new Step.RemoveFile(path);
                case "mkdir" -> new Step.MakeDir(path);
                case "rmdir" -> new Step.RemoveDir(path);
                case "raise" -> new Step.RaiseEvent(event, delayMs);
                case "config-set" -> new Step.SetConfig(param, instance, value);
                case "config-rm" -> new Step.RemoveConfig(param, instance);
                case "run" -> new Step.RunCommand(command);
                default -> throw new IllegalArgumentException("unknown step kind '" + kind + "' in the journal");
            };
        }
    }
}
