package dev.fieldshell.kb.heap;

import java.util.List;
import java.util.OptionalLong;

/**
 * One capture window as read and measured.
 *
 * @param label            file name (with {@code #n} for a later dump in the same file)
 * @param format           the dump shape
 * @param capacity         trace buffer slots, -1 unknown
 * @param declared         records the dump said it holds, -1 unknown
 * @param records          allocation records read
 * @param alive            of those, not freed
 * @param aliveBytes       bytes not freed
 * @param freed            records with a free
 * @param durationSeconds  window length used for rates, NaN when unknown
 * @param durationSource   where the length came from ({@code file name}, {@code ccount span at 240 MHz}, …)
 * @param spanCycles       CPU cycles from the window's origin to its last record (wraps unfolded)
 * @param startCcount      CCOUNT at trace start/resume (OVMS header)
 * @param startLogtimeMs   OVMS log time at that CCOUNT
 * @param totalAllocations the dump's own {@code total allocations}, -1 absent
 * @param totalFrees       the dump's own {@code total frees}, -1 absent
 * @param mode             {@code all}, {@code leaks} or empty
 * @param timeline         allocations per time bucket over the span (for the sparkline)
 * @param bucketSeconds    the width of one timeline bucket in seconds
 * @param notes            what the reader or the analysis wants the user to know
 * @param incomplete       overflowed, truncated or cut: some records are missing
 */
public record WindowReport(
        String label,
        TraceFormat format,
        long capacity,
        long declared,
        long records,
        long alive,
        long aliveBytes,
        long freed,
        double durationSeconds,
        String durationSource,
        long spanCycles,
        OptionalLong startCcount,
        OptionalLong startLogtimeMs,
        long totalAllocations,
        long totalFrees,
        String mode,
        long[] timeline,
        double bucketSeconds,
        List<Message> notes,
        boolean incomplete) {

    public WindowReport {
        notes = List.copyOf(notes);
    }

    /**
     * A note tied to a place in the input.
     *
     * @param kind what it is about
     * @param line the 1-based line (text) or record number (JSON); 0 when not tied to one
     * @param text one sentence
     */
    public record Message(TraceEvent.Kind kind, long line, String text) {}
}
