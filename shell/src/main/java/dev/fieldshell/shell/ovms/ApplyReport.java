package dev.fieldshell.shell.ovms;

import java.util.List;

/** What applying a plan to one module did: per step, per read-back, and overall. */
public record ApplyReport(String target, Outcome outcome, String journalId, List<StepOutcome> steps, List<Check> checks, String message) {

    public enum Outcome {
        /** Every step done and every written file and config value read back as planned. */
        APPLIED,
        /** The module already looked as planned; nothing was sent. */
        UNCHANGED,
        /** The plan cannot be carried to this module; nothing was sent. */
        REFUSED,
        /** A command answered with an error; later steps were not sent. */
        FAILED,
        /** The link dropped mid-apply; the journal says which steps are done. */
        INTERRUPTED,
        /** Everything was sent, but reading back showed a difference. */
        VERIFY_FAILED,
        /** Only shown, not sent (--dry-run). */
        DRY_RUN
    }

    /** One step: {@code sent} of {@code total} command lines acknowledged. */
    public record StepOutcome(int index, String description, JournalEntry.Status status, int sent, int total, String detail) {}

    /** One read-back: a file by {@code vfs stat} digest, or a config value by {@code config list}. */
    public record Check(String subject, boolean ok, String detail) {}

    public boolean ok() {
        return outcome == Outcome.APPLIED || outcome == Outcome.UNCHANGED || outcome == Outcome.DRY_RUN;
    }

    /** Human-readable lines: one per step, one per check, then the message. */
    public List<String> describe() {
        List<String> out = new java.util.ArrayList<>();
        for (StepOutcome s : steps) {
            String mark = switch (s.status()) {
                case DONE -> "done    ";
                case STARTED -> "PARTIAL ";
                case FAILED -> "FAILED  ";
                case PENDING -> "not done";
            };
            out.add(String.format("  [%s] %d. %s%s%s", mark, s.index() + 1, s.description(),
                    s.status() == JournalEntry.Status.STARTED ? " (" + s.sent() + " of " + s.total() + " commands acknowledged)" : "",
                    s.detail().isEmpty() ? "" : ": " + s.detail()));
        }
        for (Check c : checks) {
            out.add(String.format("  [%s] %s%s", c.ok() ? "verified" : "MISMATCH", c.subject(), c.detail().isEmpty() ? "" : ": " + c.detail()));
        }
        if (!message.isEmpty()) {
            out.add(message);
        }
        return out;
    }
}
