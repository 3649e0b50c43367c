package dev.fieldshell.shell.macro;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.graalvm.polyglot.PolyglotException;

/**
 * Why a macro or a {@code :js} line was stopped before it finished, and the words the user reads
 * for it: a macro says {@code FILE: stopped: <why>}; a {@code :js} line, whose session then starts
 * afresh, says the same or, for time, how much JavaScript time it had.
 */
sealed interface StopReason {

    /** The watchdog: JavaScript ran longer than the time limit. */
    record OverTime(Duration limit) implements StopReason {}

    /** The watchdog: the run held more heap than its {@link HeapBudget} allows. */
    record OverHeap(long allowedBytes) implements StopReason {}

    /** GraalJS says the run was cancelled, and the watchdog did not do it (so its limit is not at hand). */
    record Cancelled() implements StopReason {}

    /** GraalJS ran out of something itself: a single allocation larger than the heap has room for, or what it names. */
    record Exhausted(String message) implements StopReason {}

    /**
     * The stop behind a GraalJS error, if it is one: the watchdog's reason when it fired, else what
     * GraalJS reports. Empty for an error of the script itself.
     */
    static Optional<StopReason> of(PolyglotException e, TimeLimit limit) {
        if (limit != null && limit.expired()) {
            return Optional.of(limit.reason());
        }
        if (e.isCancelled()) {
            return Optional.of(new Cancelled());
        }
        if (e.isResourceExhausted()) {
            return Optional.of(new Exhausted(e.getMessage() == null ? "" : e.getMessage()));
        }
        return Optional.empty();
    }

    /** What follows {@code stopped: }. */
    default String why() {
        return switch (this) {
            case OverTime t -> "ran longer than the JavaScript time limit (" + t.limit().toMillis() + " ms)";
            case OverHeap h -> "ran out of memory (held more than " + (h.allowedBytes() >> 20) + " MB of heap)";
            case Cancelled c -> "ran longer than the JavaScript time limit";
            case Exhausted x -> x.message().contains("heap space") || x.message().contains("memory")
                    ? "ran out of memory (" + x.message() + ")"
                    : "ran out of resources (" + x.message() + ")";
        };
    }

    /** The line for a stopped macro. */
    default MacroException inMacro(Path file) {
        return new MacroException(MacroRunner.where(file) + ": stopped: " + why());
    }

    /** The line for a stopped {@code :js} line; the session has been reset. */
    default MacroException inSession() {
        String head = this instanceof OverTime t ? "stopped after " + t.limit().toMillis() + " ms of JavaScript time" : "stopped: " + why();
        return new MacroException(head + "; the session starts afresh");
    }
}
