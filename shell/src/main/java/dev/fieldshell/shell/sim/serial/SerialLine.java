package dev.fieldshell.shell.sim.serial;

import java.util.concurrent.locks.LockSupport;

/**
 * A UART at a fixed rate, 8N1 without flow control, as the module's USB console (a CP2102 at
 * 115200, reference §1.2): 10 bits on the wire per byte (start, 8 data, stop), both directions at
 * once. Each direction is a schedule: a chunk of bytes takes the wire for its bytes' time, from
 * when it is ready or the wire is free, whichever is later.
 *
 * <p>Pacing is per chunk: whoever waits for a chunk sleeps once, until its last byte has crossed;
 * never per byte, never spinning. The schedule is kept in bit times (integers), so chunks add up
 * exactly; times in and out are the {@link Clock}'s nanoseconds.
 */
public final class SerialLine {

    /** A start bit, 8 data bits, a stop bit. */
    public static final int BITS_PER_BYTE = 10;
    private static final long NANOS = 1_000_000_000L;

    /** The time and the sleep the schedule uses; tests give a virtual one. */
    public interface Clock {
        long nanoTime();

        /** Returns once {@link #nanoTime()} has reached {@code nanoTime}. */
        void sleepUntil(long nanoTime) throws InterruptedException;

        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepUntil(long t) throws InterruptedException {
                for (long left = t - System.nanoTime(); left > 0; left = t - System.nanoTime()) {
                    LockSupport.parkNanos(left);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
            }
        };
    }

    /** When a received chunk's first byte and its last byte had crossed the wire (clock nanoseconds). */
    public record Arrival(long first, long last) {}

    private final int baud;
    private final Clock clock;
    private final long origin;
    private long inFree;
    private long outFree;
    private long bytesIn;
    private long bytesOut;

    public SerialLine(int baud, Clock clock) {
        if (baud <= 0) {
            throw new IllegalArgumentException("baud rate must be positive: " + baud);
        }
        this.baud = baud;
        this.clock = clock;
        this.origin = clock.nanoTime();
    }

    public int baud() {
        return baud;
    }

    /** The wire time of {@code bytes} bytes at {@code baud}, in nanoseconds (rounded up). */
    public static long wireNanos(long bytes, int baud) {
        return nanosOf(bytes * BITS_PER_BYTE, baud);
    }

    /**
     * Bytes from the far end to the module: waits until the chunk's last byte has arrived (after
     * what was already on its way). The module echoes each byte as it arrives, so the echo of a
     * chunk is ready from {@link Arrival#first()}.
     */
    public Arrival receive(int bytes) throws InterruptedException {
        long first;
        long last;
        synchronized (this) {
            long start = Math.max(bitsNow(), inFree);
            inFree = start + (long) bytes * BITS_PER_BYTE;
            bytesIn += bytes;
            first = toClock(start + Math.min(bytes, 1) * (long) BITS_PER_BYTE);
            last = toClock(inFree);
        }
        clock.sleepUntil(last);
        return new Arrival(first, last);
    }

    /** Bytes the module sends, ready at {@code readyAt}: returns when the last reaches the far end (does not wait). */
    public synchronized long send(int bytes, long readyAt) {
        long start = Math.max(bitsAt(readyAt), outFree);
        outFree = start + (long) bytes * BITS_PER_BYTE;
        bytesOut += bytes;
        return toClock(outFree);
    }

    /** Bytes the module sends now. */
    public long send(int bytes) {
        return send(bytes, clock.nanoTime());
    }

    /** Waits until {@code nanoTime} (a time {@link #send} returned). */
    public void awaitUntil(long nanoTime) throws InterruptedException {
        clock.sleepUntil(nanoTime);
    }

    /**
     * Back-pressure: waits until at most {@code bytes} of the bytes sent so far are still to cross,
     * as a writer waits on a full UART transmit buffer. Does not sleep when there is room already.
     */
    public void awaitRoom(int bytes) throws InterruptedException {
        long until;
        synchronized (this) {
            until = toClock(Math.max(0, outFree - (long) bytes * BITS_PER_BYTE));
        }
        if (until > clock.nanoTime()) {
            clock.sleepUntil(until);
        }
    }

    /** Waits until every byte sent so far has reached the far end. */
    public void drain() throws InterruptedException {
        long until;
        synchronized (this) {
            until = toClock(outFree);
        }
        clock.sleepUntil(until);
    }

    /** Bytes received by the module so far. */
    public synchronized long bytesIn() {
        return bytesIn;
    }

    /** Bytes sent by the module so far. */
    public synchronized long bytesOut() {
        return bytesOut;
    }

    /** Bytes {@code text} takes on the wire when every {@code \n} leaves as {@code \r\n} (newlib CRLF). */
    public static int crlfBytes(CharSequence text) {
        int n = text.length();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private long bitsNow() {
        return bitsAt(clock.nanoTime());
    }

    /** Whole bit times since the line was created (rounded down; without overflow for years). */
    private long bitsAt(long nanoTime) {
        long n = Math.max(0, nanoTime - origin);
        return (n / NANOS) * baud + (n % NANOS) * baud / NANOS;
    }

    private long toClock(long bits) {
        return origin + nanosOf(bits, baud);
    }

    private static long nanosOf(long bits, int baud) {
        return (bits / baud) * NANOS + Math.ceilDiv((bits % baud) * NANOS, baud);
    }
}
