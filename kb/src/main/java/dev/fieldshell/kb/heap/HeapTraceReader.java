package dev.fieldshell.kb.heap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.function.Consumer;

/**
 * Entry point for reading any heap-trace dump: looks at the first non-blank character and hands the
 * stream to the JSON or the text reader. Streaming throughout; the caller owns the reader.
 */
public final class HeapTraceReader {
    private HeapTraceReader() {}

    /**
     * Reads {@code in} and passes every event to {@code sink} in input order.
     *
     * @param label the file name (or another short name) used for the window and in messages
     */
    public static void read(Reader in, String label, Consumer<TraceEvent> sink) throws IOException {
        BufferedReader br = in instanceof BufferedReader b ? b : new BufferedReader(in, 64 * 1024);
        br.mark(4096);
        int c;
        int seen = 0;
        do {
            c = br.read();
            seen++;
        } while (c != -1 && Character.isWhitespace(c) && seen < 4096);
        br.reset();
        if (c == '{') {
            JsonTraceReader.read(br, label, sink);
        } else {
            TextTraceReader.read(br, label, sink);
        }
    }
}
