package dev.fieldshell.kb.heap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldshell.kb.crash.Frame;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
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

    private JsonTraceReader(String label, Consumer<TraceEvent> sink) {
        this.label = label;
        this.sink = sink;
        double d = DurationHint.fromFileName(label);
        if (!Double.isNaN(d)) {
            duration = d;
            durationSource = "file name";
        }
    }

    static void read(Reader in, String label, Consumer<TraceEvent> sink) throws IOException {
        new JsonTraceReader(label, sink).run(in);
    }

    private void run(Reader in) throws IOException {
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
                            elements(p, t, this::leak);
                        }
                        case "events" -> {
                            format = TraceFormat.SYSVIEW_JSON;
                            elements(p, t, this::sysviewEvent);
                        }
                        default -> p.skipChildren();
                    }
                }
            } catch (JsonProcessingException e) {
                long at = p.currentLocation().getCharOffset();
                note(TraceEvent.Kind.TRUNCATED, index,
                        "the JSON stops being valid at character " + at + " (" + firstLine(e.getOriginalMessage())
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

    private void leak(JsonNode n) {
        announce();
        long size = number(n.get("sz"), n.get("size"));
        long addr = number(n.get("addr"), n.get("address"));
        JsonNode pcs = n.has("pcs") ? n.get("pcs") : n.get("callers");
        if (size < 0 || addr < 0 || pcs == null || !pcs.isArray()) {
            bad++;
            return;
        }
        long cc = number(n.get("cc"), n.get("ccount"));
        long task = Math.max(0, number(n.get("task"), null));
        int cpu = (int) number(n.get("cpu"), null);
        if (cpu < 0 && cc >= 0) {
            cpu = -1;
        }
        HeapRecord r = new HeapRecord(size, addr, cpu, task, cc, Double.NaN, text(n.get("caps")), frames(pcs),
                Optional.empty(), index);
        sink.accept(new TraceEvent.Allocation(r));
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
        List<Frame> frames = frames(n.get("callers"));
        if (addr < 0) {
            bad++;
            return;
        }
        if (id == SYSVIEW_FREE) {
            sink.accept(new TraceEvent.Free(addr, 0, frames, index));
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

    private static List<Frame> frames(JsonNode arr) {
        if (arr == null || !arr.isArray()) {
            return List.of();
        }
        List<Frame> out = new ArrayList<>(arr.size());
        for (JsonNode pc : arr) {
            long a = number(pc, null);
            if (a > 0) {
                out.add(Frame.raw(a, 0));
            }
        }
        return out;
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
            String s = n.asText().trim();
            try {
                return s.startsWith("0x") || s.startsWith("0X")
                        ? Long.parseUnsignedLong(s.substring(2), 16)
                        : Long.parseLong(s);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
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
