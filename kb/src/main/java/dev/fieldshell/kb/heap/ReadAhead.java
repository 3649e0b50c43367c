package dev.fieldshell.kb.heap;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Reads a dump on a second thread while the calling thread analyses what was read so far. Reading (line
 * splitting, number and caller parsing) is about two thirds of an analysis, so on an idle machine the two
 * halves overlap on two cores. The sink sees exactly the events, in exactly the order, that reading on its
 * own thread would give it (they are handed over in batches), so reports cannot depend on the batch size;
 * a failure of the reader reaches the caller after the events read before it.
 */
final class ReadAhead {
    /** Events per hand-over: big enough that the queue costs nothing per record, small enough to overlap early. */
    static final int BATCH = 4096;
    /** Batches read ahead at most: bounds memory when the analysis is the slower half. */
    private static final int QUEUED = 8;

    /** Something that reads a dump into a sink on whatever thread calls it. */
    @FunctionalInterface
    interface Source {
        void read(Consumer<TraceEvent> sink) throws IOException;
    }

    /** A run of events; the last one of a read says how it ended. */
    private record Batch(TraceEvent[] events, int size, Throwable failure, boolean last) {}

    /** The reader was told to stop: the sink failed and nobody takes its batches any more. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private ReadAhead() {}

    static void run(Source source, Consumer<TraceEvent> sink) throws IOException {
        run(source, sink, BATCH);
    }

    /** Reads {@code source} on a new thread and passes its events to {@code sink} on this one, {@code batch} at a time. */
    static void run(Source source, Consumer<TraceEvent> sink, int batch) throws IOException {
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED);
        Thread reader = Thread.ofPlatform().name("heap-reader").daemon().unstarted(() -> produce(source, queue, batch));
        reader.start();
        try {
            while (true) {
                Batch b = queue.take();
                TraceEvent[] events = b.events();
                for (int i = 0; i < b.size(); i++) {
                    sink.accept(events[i]);
                }
                if (b.last()) {
                    rethrow(b.failure());
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the dump");
        } finally {
            reader.interrupt(); // a no-op once it has finished; stops it when the sink failed
        }
    }

    private static void produce(Source source, BlockingQueue<Batch> queue, int batch) {
        TraceEvent[][] buf = {new TraceEvent[batch]};
        int[] n = {0};
        Throwable failure = null;
        try {
            source.read(e -> {
                buf[0][n[0]++] = e;
                if (n[0] == batch) {
                    put(queue, new Batch(buf[0], batch, null, false));
                    buf[0] = new TraceEvent[batch];
                    n[0] = 0;
                }
            });
        } catch (Stopped s) {
            return;
        } catch (Throwable t) {
            failure = t;
        }
        try {
            put(queue, new Batch(buf[0], n[0], failure, true));
        } catch (Stopped s) {
            // nobody is waiting
        }
    }

    private static void put(BlockingQueue<Batch> queue, Batch b) {
        try {
            queue.put(b);
        } catch (InterruptedException e) {
            throw new Stopped();
        }
    }

    private static void rethrow(Throwable t) throws IOException {
        switch (t) {
            case null -> {}
            case IOException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IOException(t);
        }
    }
}
