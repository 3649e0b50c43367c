package dev.fieldshell.shell.sim.serial;

/**
 * A clock that stands still until {@link #release()}: whoever sleeps on it waits, so a line's
 * schedule can fall behind what the module produces without any real time passing. After release
 * its sleeps move time forward at once, as {@link VirtualClock}'s do.
 */
final class HeldClock implements SerialLine.Clock {
    private long now;
    private boolean held = true;
    private int sleepers;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleepUntil(long t) throws InterruptedException {
        sleepers++;
        try {
            while (held && now < t) {
                wait();
            }
            now = Math.max(now, t);
        } finally {
            sleepers--;
        }
    }

    /** How many threads are waiting on the clock now. */
    synchronized int sleepers() {
        return sleepers;
    }

    synchronized void release() {
        held = false;
        notifyAll();
    }
}
