package dev.fieldshell.shell.sim.module;

import dev.fieldshell.kb.data.DataFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Standalone heap tracing as esp-idf v3.3 {@code heap_trace.c} does it in HEAP_TRACE_ALL mode,
 * fed by the allocation model in {@code heap-trace-model.txt}: on each simulated TLS handshake
 * one caller chain leaks the same sizes, other chains allocate and free again.
 * Stack depth is 4 (a tracing build raises CONFIG_HEAP_TRACING_STACK_DEPTH from its default 2,
 * as the seed 003 capture did, so that the esp_crt_* frames are visible).
 */
public final class HeapTrace {
    public static final int DEPTH = 4;
    private static final long CPU_HZ = 240_000_000L;

    /** One line of the allocation model. */
    record Chain(boolean leak, String trigger, int[] sizes, long[] callers, long lifetimeMs) {}

    /** One trace record. */
    static final class Rec {
        final int size;
        final long address;
        final long ccount;
        final long[] callers;
        long[] freedBy;

        Rec(int size, long address, long ccount, long[] callers) {
            this.size = size;
            this.address = address;
            this.ccount = ccount;
            this.callers = callers;
        }
    }

    public enum State { NOT_STARTED, RUNNING, PAUSED, STOPPED }

    private static final List<Chain> MODEL = loadModel();
    private static final long[] FREE_CALLERS = {0x4008d5a2L, 0x401b7a5cL, 0x4016e9b2L, 0x4019c3e0L};

    private final LogBus clock;
    private final Random random = new Random(0x0715);
    private final List<Rec> records = new ArrayList<>();
    private State state = State.NOT_STARTED;
    private int capacity;
    private long anchorCcount;
    private long anchorLogtime;
    private long totalAllocations;
    private long totalFrees;
    private boolean overflowed;
    private long nextAddress = 0x3ffb2a40L;

    public HeapTrace(LogBus clock) {
        this.clock = clock;
    }

    public synchronized State state() {
        return state;
    }

    private long ccount() {
        long us = clock.uptimeMillis() * 1000L + (System.nanoTime() / 1000L) % 1000L;
        return (us * (CPU_HZ / 1_000_000L)) & 0xffffffffL;
    }

    private void anchor() {
        anchorCcount = ccount();
        anchorLogtime = clock.uptimeMillis();
    }

    public synchronized String anchorText() {
        return String.format("ccount 0x%08x = logtime %d", anchorCcount, anchorLogtime);
    }

    public synchronized void start(int capacity) {
        this.capacity = capacity;
        records.clear();
        totalAllocations = 0;
        totalFrees = 0;
        overflowed = false;
        anchor();
        state = State.RUNNING;
    }

    public synchronized void stop() {
        state = State.STOPPED;
    }

    public synchronized void pause() {
        state = State.PAUSED;
    }

    public synchronized void resume() {
        anchor();
        state = State.RUNNING;
    }

    public synchronized int recorded() {
        return records.size();
    }

    public synchronized int capacity() {
        return capacity;
    }

    /** Frees the caller must run after {@code delayMs}. */
    public record PendingFree(long delayMs, Runnable free) {}

    /** Allocations for a trigger; the frees of transient blocks are returned for the caller to schedule. */
    public synchronized List<PendingFree> allocations(String trigger) {
        List<PendingFree> frees = new ArrayList<>();
        if (state != State.RUNNING) {
            return frees;
        }
        for (Chain c : MODEL) {
            if (!c.trigger.equals(trigger)) {
                continue;
            }
            for (int size : c.sizes) {
                long address = nextAddress;
                nextAddress += ((size + 3) & ~3) + 12 + 4 * random.nextInt(8); // poisoning head/tail + other blocks
                if (nextAddress > 0x3fffe000L) {
                    nextAddress = 0x3ffb2a40L;
                }
                totalAllocations++;
                Rec rec = null;
                if (records.size() < capacity) {
                    // ccount & 1 is the CPU; network work runs mostly on core 1 (OVMS NetMan, tiT).
                    long cpu = random.nextInt(4) == 0 ? 0 : 1;
                    rec = new Rec(size, address, (ccount() & ~3L) | cpu, c.callers);
                    records.add(rec);
                } else {
                    overflowed = true;
                }
                if (!c.leak) {
                    Rec r = rec;
                    long life = c.lifetimeMs / 2 + random.nextInt((int) Math.max(1, c.lifetimeMs));
                    frees.add(new PendingFree(life, () -> free(r)));
                }
            }
        }
        return frees;
    }

    private synchronized void free(Rec rec) {
        if (state == State.NOT_STARTED) {
            return;
        }
        totalFrees++;
        if (rec != null && state == State.RUNNING) {
            rec.freedBy = FREE_CALLERS;
        }
    }

    /** {@code heap_trace_dump()} output, v3.3 format. */
    public synchronized String dump() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%d allocations trace (%d entry buffer)\n", records.size(), capacity));
        long aliveBytes = 0;
        int alive = 0;
        for (Rec r : records) {
            sb.append(String.format("%d bytes (@ 0x%08x) allocated CPU %d ccount 0x%08x caller ",
                    r.size, r.address, r.ccount & 1, r.ccount & ~3L));
            for (int j = 0; j < DEPTH && r.callers[j] != 0; j++) {
                sb.append(String.format("0x%08x", r.callers[j])).append(j < DEPTH - 1 ? ":" : "");
            }
            if (r.freedBy == null) {
                aliveBytes += r.size;
                alive++;
                sb.append('\n');
            } else {
                sb.append("\nfreed by ");
                for (int j = 0; j < DEPTH; j++) {
                    sb.append(r.freedBy[j] == 0 ? "0x0" : String.format("0x%08x", r.freedBy[j])).append(j < DEPTH - 1 ? ":" : "\n");
                }
            }
        }
        sb.append(String.format("%d bytes alive in trace (%d/%d allocations)\n", aliveBytes, alive, records.size()));
        sb.append(String.format("total allocations %d total frees %d\n", totalAllocations, totalFrees));
        if (overflowed) {
            sb.append("(NB: Buffer has overflowed, so trace data is incomplete.)\n");
        }
        return sb.toString();
    }

    private static List<Chain> loadModel() {
        List<Chain> out = new ArrayList<>();
        for (DataFile.Line line : DataFile.bundled(HeapTrace.class, "/dev/fieldshell/shell/sim/heap-trace-model.txt").lines()) {
            String[] f = line.text().split("\\s+");
            String[] s = f[2].split(",");
            int[] sizes = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                sizes[i] = Integer.parseInt(s[i]);
            }
            String[] c = f[3].split(":");
            long[] callers = new long[DEPTH];
            for (int i = 0; i < DEPTH && i < c.length; i++) {
                callers[i] = Long.decode(c[i]);
            }
            out.add(new Chain(f[0].equals("leak"), f[1], sizes, callers, Long.parseLong(f[4])));
        }
        return List.copyOf(out);
    }
}
