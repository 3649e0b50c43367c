package dev.fieldshell.kb.heap;

import dev.fieldshell.kb.crash.Frame;
import java.util.List;
import java.util.OptionalLong;

/** What a reader emits while it streams through a dump, in input order. */
public sealed interface TraceEvent {

    /**
     * A capture window begins (one per file, more when a file holds several dumps).
     *
     * @param label          a short name: the file name, with {@code #2}… for later windows in it
     * @param format         the dump shape
     * @param startCcount    the CCOUNT tracing started or resumed at (OVMS header), if known
     * @param startLogtimeMs the OVMS log time (ms since boot) of that CCOUNT, if known
     * @param capacity       trace buffer slots, -1 when unknown
     * @param declared       records the dump says it holds, -1 when unknown
     * @param durationSeconds the window's length when the input states it (JSON field, file name), NaN otherwise
     * @param durationSource  where that length came from, empty when unknown
     */
    record WindowStart(
            String label,
            TraceFormat format,
            OptionalLong startCcount,
            OptionalLong startLogtimeMs,
            long capacity,
            long declared,
            double durationSeconds,
            String durationSource) implements TraceEvent {}

    /** One allocation record. */
    record Allocation(HeapRecord record) implements TraceEvent {}

    /** A free seen as its own event (host mode), to be matched to an earlier allocation by address. */
    record Free(long address, long task, List<Frame> by, long line) implements TraceEvent {
        public Free {
            by = List.copyOf(by);
        }
    }

    /**
     * The dump's own summary lines.
     *
     * @param totalAllocations {@code total allocations N}, -1 when absent
     * @param totalFrees       {@code total frees N}, -1 when absent
     * @param aliveBytes       {@code N bytes alive/'leaked' in trace}, -1 when absent
     * @param mode             {@code all}, {@code leaks} or empty
     */
    record Summary(long totalAllocations, long totalFrees, long aliveBytes, String mode) implements TraceEvent {}

    /** Something the reader wants the user to know, with where it happened. */
    record Note(Kind kind, long line, String text) implements TraceEvent {}

    /** Why a note was raised. */
    enum Kind {
        /** The dump says its buffer overflowed: older records were lost. */
        OVERFLOW,
        /** The dump ends mid-record, or records were cut out ({@code […]}). */
        TRUNCATED,
        /** The dump may hold duplicates (new entries traced while dumping). */
        DUPLICATES,
        /** A line that is not part of a heap-trace dump, skipped. */
        SKIPPED,
        /** The firmware reported an error instead of (part of) the dump. */
        ERROR
    }
}
