package dev.fieldshell.shell.macro;

import java.time.Duration;
import org.graalvm.polyglot.Context;

/**
 * Cancels a context whose JavaScript has run longer than the limit. Only time spent in JavaScript
 * counts: while the macro waits for the module (a host call), the clock stands still, so a slow
 * link does not kill a macro and a busy loop cannot hide behind one.
 */
final class TimeLimit implements AutoCloseable {

    private final Context context;
    private final long limitNanos;
    private final Thread watchdog;
    private long usedNanos;
    private long guestSince;
    private int hostDepth;
    private volatile boolean expired;
    private volatile boolean closed;

    TimeLimit(Context context, Duration limit) {
        this.context = context;
        this.limitNanos = limit.toNanos();
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

    boolean expired() {
        return expired;
    }

    private synchronized long used() {
        return hostDepth > 0 ? usedNanos : usedNanos + (System.nanoTime() - guestSince);
    }

    private void watch() {
        while (!closed) {
            if (used() > limitNanos) {
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
