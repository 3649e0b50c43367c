package dev.fieldshell.kb.heap;

import dev.fieldshell.kb.heap.JsonBytes.Token;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Streams the two JSON shapes: seed 003's window ({@code count}, {@code capacity}, {@code leaks[]} of
 * {@code sz/addr/cc/pcs}) and host-mode {@code sysviewtrace_proc.py -j} output ({@code events[]} whose heap
 * events carry {@code addr}, {@code size}, {@code callers}; alloc id 512, free id 513 by default). One array
 * element is held at a time. Read with {@link JsonBytes}: numbers and hex strings straight from the bytes.
 */
final class JsonTraceReader {
    private static final byte[] SZ = ascii("sz");
    private static final byte[] SIZE = ascii("size");
    private static final byte[] ADDR = ascii("addr");
    private static final byte[] ADDRESS = ascii("address");
    private static final byte[] CC = ascii("cc");
    private static final byte[] CCOUNT = ascii("ccount");
    private static final byte[] TASK = ascii("task");
    private static final byte[] CPU = ascii("cpu");
    private static final byte[] CAPS = ascii("caps");
    private static final byte[] PCS = ascii("pcs");
    private static final byte[] CALLERS = ascii("callers");
    private static final byte[] TS = ascii("ts");
    private static final byte[] ID = ascii("id");
    private static final byte[] CORE_ID = ascii("core_id");
    private static final int SYSVIEW_ALLOC = 512;
    private static final int SYSVIEW_FREE = 513;

    private final String label;
    private final Consumer<TraceEvent> sink;
    private long count = -1;
    private long capacity = -1;
    private double duration = Double.NaN;
    private String durationSource = "";
    private TraceFormat format = TraceFormat.UNKNOWN;
    private boolean announced;
    private long index;
    private double firstTs = Double.NaN;
    private double lastTs = Double.NaN;
    private long bad;
    private final CallersCache callerCache = new CallersCache();

    private JsonTraceReader(String label, Consumer<TraceEvent> sink) {
        this.label = label;
        this.sink = sink;
        double d = DurationHint.fromFileName(label);
        if (!Double.isNaN(d)) {
            duration = d;
            durationSource = "file name";
        }
    }

    static void read(InputStream in, String label, Consumer<TraceEvent> sink) throws IOException {
        new JsonTraceReader(label, sink).run(in);
    }

    private void run(InputStream in) throws IOException {
        JsonBytes p = new JsonBytes(in);
        try {
            if (p.next() != Token.START_OBJECT) {
                note(TraceEvent.Kind.ERROR, 0, "not a heap-trace JSON object (it does not start with '{')");
                return;
            }
            while (p.next() == Token.FIELD_NAME) {
                String field = p.text();
                Token t = p.next();
                switch (field) {
                    case "count" -> count = numeric(t) ? integer(p, t) : skip(p, count);
                    case "capacity" -> capacity = numeric(t) ? integer(p, t) : skip(p, capacity);
                    case "window_s", "duration_s", "seconds" -> {
                        if (numeric(t)) {
                            duration = p.doubleValue();
                            durationSource = "\"" + field + "\" field";
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "leaks", "records" -> {
                        format = TraceFormat.JSON_WINDOW;
                        leaks(p, t);
                    }
                    case "events" -> {
                        format = TraceFormat.SYSVIEW_JSON;
                        events(p, t);
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (JsonBytes.Malformed e) {
            note(TraceEvent.Kind.TRUNCATED, index, "the JSON stops being valid at byte " + e.offset + " (" + e.getMessage()
                    + "); the " + index + " records before it are analysed");
        }
        if (format == TraceFormat.SYSVIEW_JSON && !Double.isNaN(firstTs) && Double.isNaN(duration)) {
            duration = lastTs - firstTs;
            durationSource = "first to last event timestamp";
        }
        if (format == TraceFormat.UNKNOWN) {
            note(TraceEvent.Kind.ERROR, 0, "no \"leaks\" or \"events\" array: not a heap-trace JSON file");
        }
        announced = true;
        announceAgain();
        if (bad > 0) {
            note(TraceEvent.Kind.SKIPPED, index, bad + " JSON records lacked a size, address or caller list and were skipped");
        }
    }

    private static boolean numeric(Token t) {
        return t == Token.INT || t == Token.FLOAT;
    }

    /** An INT, or a FLOAT cut to its integer part. */
    private static long integer(JsonBytes p, Token t) {
        return t == Token.INT ? p.longValue() : (long) p.doubleValue();
    }

    /** The window's records, read token by token (no tree per record: this runs a million times). */
    private void leaks(JsonBytes p, Token t) throws IOException {
        if (t != Token.START_ARRAY) {
            p.skipChildren();
            return;
        }
        Token e;
        while ((e = p.next()) != Token.END_ARRAY) {
            leak(p, e);
            index++; // after the element: a cut one is not counted among "the records before it"
        }
    }

    /** One {@code leaks[]} element; a field given twice counts once (the last), {@code sz} wins over {@code size} etc. */
    private void leak(JsonBytes p, Token start) throws IOException {
        announce();
        if (start != Token.START_OBJECT) {
            p.skipChildren();
            bad++;
            return;
        }
        long sz = -1, size = -1, addr = -1, address = -1, cc = -1, ccount = -1, task = -1, cpu = -1;
        boolean hasSz = false, hasAddr = false, hasCc = false, hasPcs = false;
        Callers pcs = null;
        Callers callers = null;
        String caps = "";
        while (p.next() == Token.FIELD_NAME) {
            if (p.is(SZ)) {
                hasSz = true;
                sz = number(p, p.next());
            } else if (p.is(ADDR)) {
                hasAddr = true;
                addr = number(p, p.next());
            } else if (p.is(CC)) {
                hasCc = true;
                cc = number(p, p.next());
            } else if (p.is(PCS)) {
                hasPcs = true;
                pcs = callers(p, p.next());
            } else if (p.is(SIZE)) {
                size = number(p, p.next());
            } else if (p.is(ADDRESS)) {
                address = number(p, p.next());
            } else if (p.is(CCOUNT)) {
                ccount = number(p, p.next());
            } else if (p.is(TASK)) {
                task = number(p, p.next());
            } else if (p.is(CPU)) {
                cpu = number(p, p.next());
            } else if (p.is(CAPS)) {
                caps = p.next() == Token.STRING ? p.text() : skip(p, "");
            } else if (p.is(CALLERS)) {
                callers = callers(p, p.next());
            } else {
                p.next();
                p.skipChildren();
            }
        }
        long recSize = hasSz ? sz : size;
        long recAddr = hasAddr ? addr : address;
        Callers frames = hasPcs ? pcs : callers;
        if (recSize < 0 || recAddr < 0 || frames == null) {
            bad++;
            return;
        }
        HeapRecord r = new HeapRecord(recSize, recAddr, (int) cpu, Math.max(0, task), hasCc ? cc : ccount, Double.NaN, caps,
                frames, Optional.empty(), index + 1);
        sink.accept(new TraceEvent.Allocation(r));
    }

    private static <T> T skip(JsonBytes p, T value) throws IOException {
        p.skipChildren();
        return value;
    }

    /** An array of addresses (numbers or hex strings), non-positive ones dropped; null when not an array. */
    private Callers callers(JsonBytes p, Token t) throws IOException {
        if (t != Token.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        callerCache.clear();
        Token e;
        while ((e = p.next()) != Token.END_ARRAY) {
            long v = number(p, e);
            if (v > 0) {
                callerCache.add(v);
            }
        }
        return callerCache.get();
    }

    /**
     * A number given as a JSON integer, a hex string {@code "0x…"} or a decimal string, for the current token, which
     * it consumes (containers are skipped); -1 when it is none of these.
     */
    private static long number(JsonBytes p, Token t) throws IOException {
        if (t == Token.INT) {
            return p.longValue();
        }
        if (t == Token.STRING) {
            long v = p.hexValue();
            return v >= 0 ? v : number(p.text());
        }
        p.skipChildren();
        return -1;
    }

    /** The {@code events[]} of sysview JSON: heap events are those with an address and a caller list. */
    private void events(JsonBytes p, Token t) throws IOException {
        if (t != Token.START_ARRAY) {
            p.skipChildren();
            return;
        }
        Token e;
        while ((e = p.next()) != Token.END_ARRAY) {
            index++;
            if (e != Token.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            sysviewEvent(p);
        }
    }

    /** One event object; a field given twice counts once (the last). */
    private void sysviewEvent(JsonBytes p) throws IOException {
        double ts = Double.NaN;
        boolean hasAddr = false, hasCallers = false;
        long addr = -1, size = -1;
        int id = SYSVIEW_ALLOC, core = -1;
        Callers frames = Callers.NONE;
        while (p.next() == Token.FIELD_NAME) {
            if (p.is(TS)) {
                ts = real(p, p.next());
            } else if (p.is(ADDR)) {
                hasAddr = true;
                addr = number(p, p.next());
            } else if (p.is(CALLERS)) {
                hasCallers = true;
                Callers c = callers(p, p.next());
                frames = c == null ? Callers.NONE : c;
            } else if (p.is(SIZE)) {
                size = number(p, p.next());
            } else if (p.is(ID)) {
                id = (int) integer(p, p.next(), SYSVIEW_ALLOC);
            } else if (p.is(CORE_ID)) {
                core = (int) integer(p, p.next(), -1);
            } else {
                p.next();
                p.skipChildren();
            }
        }
        if (!Double.isNaN(ts)) {
            if (Double.isNaN(firstTs)) {
                firstTs = ts;
            }
            lastTs = ts;
        }
        if (!hasAddr || !hasCallers) {
            return;
        }
        announce();
        if (addr < 0) {
            bad++;
            return;
        }
        if (id == SYSVIEW_FREE) {
            sink.accept(new TraceEvent.Free(addr, 0, frames.frames(), index));
            return;
        }
        if (size < 0) {
            bad++;
            return;
        }
        HeapRecord r = new HeapRecord(size, addr, core, 0, -1, ts, "", frames, Optional.empty(), index);
        sink.accept(new TraceEvent.Allocation(r));
    }

    /** A number or a numeric string as a double; NaN for anything else (consumed). */
    private static double real(JsonBytes p, Token t) throws IOException {
        if (numeric(t)) {
            return p.doubleValue();
        }
        if (t == Token.STRING) {
            try {
                return Double.parseDouble(p.text().trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        p.skipChildren();
        return Double.NaN;
    }

    /** A number or a numeric string cut to an integer; {@code otherwise} for anything else (consumed). */
    private static long integer(JsonBytes p, Token t, long otherwise) throws IOException {
        double d = real(p, t);
        return Double.isNaN(d) ? otherwise : t == Token.INT ? p.longValue() : (long) d;
    }

    private void announce() {
        if (!announced) {
            announced = true;
            announceAgain();
        }
    }

    /** (Re)states the window: the analysis takes the latest statement for the same label. */
    private void announceAgain() {
        {
            sink.accept(new TraceEvent.WindowStart(label, format, OptionalLong.empty(), OptionalLong.empty(), capacity,
                    count, duration, durationSource));
        }
    }

    /** A hex string {@code "0x…"} or a decimal string; -1 when it is neither. */
    private static long number(String text) {
        String s = text.trim();
        try {
            return s.startsWith("0x") || s.startsWith("0X")
                    ? Long.parseUnsignedLong(s.substring(2), 16)
                    : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void note(TraceEvent.Kind kind, long at, String text) {
        sink.accept(new TraceEvent.Note(kind, at, text));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
