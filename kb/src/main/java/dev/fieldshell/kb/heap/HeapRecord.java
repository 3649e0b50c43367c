package dev.fieldshell.kb.heap;

import java.util.Optional;

/**
 * One traced allocation.
 *
 * @param size      bytes requested
 * @param address   the block's address
 * @param cpu       the core it ran on, -1 when the dump does not say
 * @param task      the allocating task handle (OVMS fork), 0 when absent
 * @param ccount    the raw 32-bit CCOUNT at allocation time (host mode: derived from the timestamp), -1 when absent
 * @param seconds   host-mode timestamp in seconds since trace start, NaN when absent
 * @param memory    {@code Internal}/{@code PSRAM} (v5.1+) or empty
 * @param caller    caller addresses, innermost first, zero padding dropped
 * @param freed     the free, when the dump shows one (HEAP_TRACE_ALL)
 * @param line      1-based line (text) or record index (JSON) where it was read, for messages
 */
public record HeapRecord(
        long size,
        long address,
        int cpu,
        long task,
        long ccount,
        double seconds,
        String memory,
        Callers caller,
        Optional<Release> freed,
        long line) {

    public HeapRecord {
        memory = memory == null ? "" : memory;
        caller = caller == null ? Callers.NONE : caller;
        freed = freed == null ? Optional.empty() : freed;
    }

    public boolean alive() {
        return freed.isEmpty();
    }

    public HeapRecord withFreed(Release release) {
        return new HeapRecord(size, address, cpu, task, ccount, seconds, memory, caller, Optional.of(release), line);
    }

    /**
     * A free of a block.
     *
     * @param task    the freeing task handle (OVMS {@code freed task 0x… by}), 0 when absent
     * @param by      the caller addresses of the free, innermost first; empty when the dump only says {@code freed}
     */
    public record Release(long task, Callers by) {
        public static final Release UNKNOWN = new Release(0, Callers.NONE);

        public Release {
            by = by == null ? Callers.NONE : by;
        }
    }
}
