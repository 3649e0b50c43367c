package dev.fieldshell.kb.heap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Streams the two JSON shapes: seed 003's window ({@code count}, {@code capacity}, {@code leaks[]} of
 * {@code sz/addr/cc/pcs}) and host-mode {@code sysviewtrace_proc.py -j} output ({@code events[]} whose heap
 * events carry {@code addr}, {@code size}, {@code callers}; alloc id 512, free id 513 by default). One array
 * element is held at a time.
 */
final class JsonTraceReader {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(1 << 20).build())
            .build());
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
        try (JsonParser p = MAPPER.createParser(in)) {
            try {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    note(TraceEvent.Kind.ERROR, 0, "not a heap-trace JSON object (it does not start with '{')");
                    return;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken t = p.nextToken();
                    switch (field) {
                        case "count" -> count = t.isNumeric() ? p.getLongValue() : count;
                        case "capacity" -> capacity = t.isNumeric() ? p.getLongValue() : capacity;
                        case "window_s", "duration_s", "seconds" -> {
                            if (t.isNumeric()) {
                                duration = p.getDoubleValue();
                                durationSource = "\"" + field + "\" field";
                            }
                        }
                        case "leaks", "records" -> {
                            format = TraceFormat.JSON_WINDOW;
                            leaks(p, t);
                        }
                        case "events" -> {
                            format = TraceFormat.SYSVIEW_JSON;
                            elements(p, t, this::sysviewEvent);
                        }
                        default -> p.skipChildren();
                    }
                }
            } catch (JsonProcessingException e) {
                long at = p.currentLocation().getByteOffset();
                note(TraceEvent.Kind.TRUNCATED, index,
                        "the JSON stops being valid at byte " + at + " (" + firstLine(e.getOriginalMessage())
                                + "); the " + index + " records before it are analysed");
            }
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

    private interface Element {
        void accept(JsonNode node);
    }

    private void elements(JsonParser p, JsonToken t, Element each) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == null) {
                throw new com.fasterxml.jackson.core.io.JsonEOFException(p, null, "unexpected end of input");
            }
            JsonNode node = MAPPER.readTree(p);
            index++;
            each.accept(node);
        }
    }

    /** The window's records, read token by token (no tree per record: this runs a million times). */
    private void leaks(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (e == null) {
                throw new com.fasterxml.jackson.core.io.JsonEOFException(p, null, "unexpected end of input");
            }
            leak(p, e);
            index++; // after the element: a cut one is not counted among "the records before it"
        }
    }

    /** One {@code leaks[]} element; a field given twice counts once (the last), {@code sz} wins over {@code size} etc. */
    private void leak(JsonParser p, JsonToken start) throws IOException {
        announce();
        if (start != JsonToken.START_OBJECT) {
            p.skipChildren();
            bad++;
            return;
        }
        long sz = -1, size = -1, addr = -1, address = -1, cc = -1, ccount = -1, task = -1, cpu = -1;
        boolean hasSz = false, hasAddr = false, hasCc = false, hasPcs = false;
        Callers pcs = null;
        Callers callers = null;
        String caps = "";
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "sz" -> {
                    hasSz = true;
                    sz = number(p, v);
                }
                case "size" -> size = number(p, v);
                case "addr" -> {
                    hasAddr = true;
                    addr = number(p, v);
                }
                case "address" -> address = number(p, v);
                case "cc" -> {
                    hasCc = true;
                    cc = number(p, v);
                }
                case "ccount" -> ccount = number(p, v);
                case "task" -> task = number(p, v);
                case "cpu" -> cpu = number(p, v);
                case "caps" -> caps = v == JsonToken.VALUE_STRING ? p.getText() : skip(p, "");
                case "pcs" -> {
                    hasPcs = true;
                    pcs = callers(p, v);
                }
                case "callers" -> callers = callers(p, v);
                default -> p.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new com.fasterxml.jackson.core.io.JsonEOFException(p, null, "unexpected end of input");
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

    private static <T> T skip(JsonParser p, T value) throws IOException {
        p.skipChildren();
        return value;
    }

    /** An array of addresses (numbers or hex strings), non-positive ones dropped; null when not an array. */
    private Callers callers(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        callerCache.clear();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (e == null) {
                throw new com.fasterxml.jackson.core.io.JsonEOFException(p, null, "unexpected end of input");
            }
            long v = number(p, e);
            if (v > 0) {
                callerCache.add(v);
            }
        }
        return callerCache.get();
    }

    /** {@link #number(JsonNode, JsonNode)} for the current token, which it consumes (containers are skipped). */
    private static long number(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            try {
                return p.getLongValue();
            } catch (com.fasterxml.jackson.core.exc.InputCoercionException beyondLong) {
                return p.getBigIntegerValue().longValue(); // as JsonNode.asLong() did
            }
        }
        if (t == JsonToken.VALUE_STRING) {
            long v = hex0x(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            return v != NOT_PLAIN_HEX ? v : number(p.getText());
        }
        p.skipChildren();
        return -1;
    }

    private static final long NOT_PLAIN_HEX = Long.MIN_VALUE;

    /** {@code 0x} and 1–15 hex digits, the usual address string, parsed in place; NOT_PLAIN_HEX for anything else. */
    private static long hex0x(char[] c, int off, int len) {
        if (len < 3 || len > 17 || c[off] != '0' || (c[off + 1] != 'x' && c[off + 1] != 'X')) {
            return NOT_PLAIN_HEX;
        }
        long v = 0;
        for (int i = off + 2; i < off + len; i++) {
            int d = Character.digit(c[i], 16);
            if (d < 0 || c[i] > 'f') {
                return NOT_PLAIN_HEX;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    private void sysviewEvent(JsonNode n) {
        double ts = n.has("ts") ? n.get("ts").asDouble(Double.NaN) : Double.NaN;
        if (!Double.isNaN(ts)) {
            if (Double.isNaN(firstTs)) {
                firstTs = ts;
            }
            lastTs = ts;
        }
        if (!n.has("addr") || !n.has("callers")) {
            return;
        }
        announce();
        int id = n.path("id").asInt(SYSVIEW_ALLOC);
        long addr = number(n.get("addr"), null);
        Callers frames = callers(n.get("callers"));
        if (addr < 0) {
            bad++;
            return;
        }
        if (id == SYSVIEW_FREE) {
            sink.accept(new TraceEvent.Free(addr, 0, frames.frames(), index));
            return;
        }
        long size = number(n.get("size"), null);
        if (size < 0) {
            bad++;
            return;
        }
        int core = n.path("core_id").asInt(-1);
        HeapRecord r = new HeapRecord(size, addr, core, 0, -1, ts, "", frames, Optional.empty(), index);
        sink.accept(new TraceEvent.Allocation(r));
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

    private static Callers callers(JsonNode arr) {
        if (arr == null || !arr.isArray()) {
            return Callers.NONE;
        }
        long[] out = new long[arr.size()];
        int n = 0;
        for (JsonNode pc : arr) {
            long a = number(pc, null);
            if (a > 0) {
                out[n++] = a;
            }
        }
        return Callers.of(out, n);
    }

    /** A number given as a JSON number, a hex string {@code "0x…"} or a decimal string; -1 when absent or bad. */
    private static long number(JsonNode a, JsonNode b) {
        JsonNode n = a != null ? a : b;
        if (n == null || n.isNull()) {
            return -1;
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isTextual()) {
            return number(n.asText());
        }
        return -1;
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

    private static String text(JsonNode n) {
        return n == null || !n.isTextual() ? "" : n.asText();
    }

    private void note(TraceEvent.Kind kind, long at, String text) {
        sink.accept(new TraceEvent.Note(kind, at, text));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "syntax error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
