package dev.fieldshell.kb.heap;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Entry point for reading any heap-trace dump: looks at the first non-blank byte and hands the stream to
 * the JSON or the text reader. Streaming throughout, on bytes (text is UTF-8; undecodable bytes become U+FFFD
 * where a line has to be decoded at all); the caller owns the stream.
 */
public final class HeapTraceReader {
    private HeapTraceReader() {}

    /**
     * {@link #read} on a second thread, with {@code sink} called on this one: the same events in the same order,
     * while reading and analysing overlap (see {@link ReadAhead}).
     */
    public static void readAhead(InputStream in, String label, Consumer<TraceEvent> sink) throws IOException {
        ReadAhead.run(s -> read(in, label, s), sink);
    }

    /**
     * Reads {@code in} and passes every event to {@code sink} in input order.
     *
     * @param label the file name (or another short name) used for the window and in messages
     */
    public static void read(InputStream in, String label, Consumer<TraceEvent> sink) throws IOException {
        BufferedInputStream bin = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, 64 * 1024);
        bin.mark(4096);
        int c;
        int seen = 0;
        do {
            c = bin.read();
            seen++;
        } while (c != -1 && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f') && seen < 4096);
        bin.reset();
        if (c == '{') {
            JsonTraceReader.read(bin, label, sink);
        } else {
            TextTraceReader.read(bin, label, sink);
        }
    }
}
