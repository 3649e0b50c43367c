package dev.fieldshell.shell.macro;

import java.lang.management.ManagementFactory;

/**
 * How much Java heap one JavaScript run may hold, and whether it holds more. GraalJS community
 * has no heap limit of its own ({@code sandbox.MaxHeapMemory} is an Enterprise option), and a
 * macro that fills the heap takes the REPL down with it, so {@link TimeLimit}'s watchdog asks this
 * every time it looks at the clock.
 *
 * <p>The heap is the process's, so growth alone does not make a run guilty: once the heap has
 * grown past the allowance, the run's own thread must go on allocating (a quarter allowance more:
 * a fleet's other runs, the links and the simulator allocate little), and a full collection must
 * leave the growth in place (garbage is no harm). The collection is forced only when both other
 * tests say so, at most once per half allowance of further growth. The thread's allocation is
 * first read when the heap has grown that far, so a macro that stays small never loads the JVM's
 * management classes (tens of milliseconds of CPU on the first run).
 */
final class HeapBudget {

    /** What a run may hold beyond the heap in use when it started: shipped macros need a few MB. */
    static final long DEFAULT_BYTES = 256L << 20;

    private static final Runtime RUNTIME = Runtime.getRuntime();

    private final long baseline;
    private final long allowed;
    private final long thread;
    /** What the run's thread had allocated when the heap first grew past the allowance; -1 before. */
    private long allocatedWhenSuspect = -1;
    private long lastLive;

    /** Starts counting for the calling thread, which is the one that evaluates the JavaScript. */
    HeapBudget(long bytes) {
        this.baseline = used();
        // On a small heap half of what is free, so the rest of the process still has room.
        this.allowed = Math.max(1, Math.min(bytes, (RUNTIME.maxMemory() - baseline) / 2));
        this.thread = Thread.currentThread().threadId();
        this.lastLive = baseline;
    }

    /** The bytes this run may hold. */
    long allowed() {
        return allowed;
    }

    /** True when the run holds more than it may (called from the watchdog thread). */
    boolean exceeded() {
        long used = used();
        if (used - baseline <= allowed || used - lastLive < allowed / 2) {
            return false;
        }
        long byRun = allocated(thread);
        if (byRun >= 0) {
            if (allocatedWhenSuspect < 0) {
                allocatedWhenSuspect = byRun;
                return false;
            }
            if (byRun - allocatedWhenSuspect < allowed / 4) {
                return false;
            }
        }
        System.gc();
        lastLive = used();
        allocatedWhenSuspect = -1;
        return lastLive - baseline > allowed;
    }

    private static long used() {
        return RUNTIME.totalMemory() - RUNTIME.freeMemory();
    }

    /** Bytes the thread has allocated so far, or -1 where the JVM does not count them. */
    private static long allocated(long threadId) {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemoryEnabled()) {
            return t.getThreadAllocatedBytes(threadId);
        }
        return -1;
    }
}
