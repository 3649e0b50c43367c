package dev.fieldshell.shell.macro;

import java.time.Duration;
import org.graalvm.polyglot.Context;

/**
 * Cancels a context whose JavaScript has run longer than the limit, or holds more heap than its
 * {@link HeapBudget}. Only time spent in JavaScript counts: while the macro waits for the module (a
 * host call), the clock stands still, so a slow link does not kill a macro and a busy loop cannot
 * hide behind one.
 */
final class TimeLimit implements AutoCloseable {

    private final Context context;
    private final Duration limit;
    private final long limitNanos;
    private final Thread watchdog;
    private long usedNanos;
    private long guestSince;
    private int hostDepth;
    private final HeapBudget heap;
    private volatile boolean expired;
    private volatile boolean outOfMemory;
    private volatile boolean closed;

    /** Starts the clock and the heap count for the calling thread, the one that evaluates. */
    TimeLimit(Context context, Duration limit) {
        this(context, limit, HeapBudget.DEFAULT_BYTES);
    }

    TimeLimit(Context context, Duration limit, long heapBytes) {
        this.context = context;
        this.limit = limit;
        this.limitNanos = limit.toNanos();
        this.heap = new HeapBudget(heapBytes);
        this.guestSince = System.nanoTime();
        this.watchdog = Thread.ofPlatform().daemon().name("fieldshell-js-watchdog").unstarted(this::watch);
        watchdog.start();
    }

    synchronized void enterHost() {
        if (hostDepth++ == 0) {
            usedNanos += System.nanoTime() - guestSince;
        }
    }

    synchronized void leaveHost() {
        if (--hostDepth == 0) {
            guestSince = System.nanoTime();
        }
    }

    /** True when the watchdog stopped the run, for time or for memory. */
    boolean expired() {
        return expired;
    }

    /** Why the watchdog stopped the run (meaningful once {@link #expired()}): time, or heap. */
    StopReason reason() {
        return outOfMemory ? new StopReason.OverHeap(heap.allowed()) : new StopReason.OverTime(limit);
    }

    private synchronized long used() {
        return hostDepth > 0 ? usedNanos : usedNanos + (System.nanoTime() - guestSince);
    }

    private void watch() {
        while (!closed) {
            boolean overTime = used() > limitNanos;
            if (overTime || heap.exceeded()) {
                outOfMemory = !overTime;
                expired = true;
                try {
                    context.close(true);
                } catch (RuntimeException ignored) {
                    // Already closing; the evaluating thread reports the cancellation.
                }
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        watchdog.interrupt();
    }
}
