package dev.fieldshell.shell.sim.serial;

/** A clock whose sleeps move time forward at once: a line's schedule without waiting for it. Counts the sleeps. */
public final class VirtualClock implements SerialLine.Clock {
    private long now;
    private int sleeps;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleepUntil(long t) {
        sleeps++;
        now = Math.max(now, t);
    }

    /** Time passing outside the line (a command running, a pause between commands). */
    public synchronized void advance(long nanos) {
        now += nanos;
    }

    public synchronized int sleeps() {
        return sleeps;
    }
}
