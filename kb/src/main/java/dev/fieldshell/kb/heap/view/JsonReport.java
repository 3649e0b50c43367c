package dev.fieldshell.kb.heap.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldshell.kb.crash.Frame;
import dev.fieldshell.kb.heap.ChainReport;
import dev.fieldshell.kb.heap.ChainWindow;
import dev.fieldshell.kb.heap.HeapAnalysis;
import dev.fieldshell.kb.heap.KbMatch;
import dev.fieldshell.kb.heap.WindowReport;
import java.io.UncheckedIOException;
import java.util.Locale;

/** The analysis as one JSON object ({@code --json}). Unknown numbers are {@code null}, never NaN. */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    public static String render(HeapAnalysis a) {
        ObjectNode root = MAPPER.createObjectNode();
        double hz = a.clockHz();
        if (hz == Math.rint(hz) && Math.abs(hz) < 1e15) {
            root.put("clock_hz", (long) hz); // 240000000, not 2.4E8
        } else {
            root.put("clock_hz", hz);
        }
        root.put("clock_source", a.clockSource());
        root.put("records", a.records());
        root.put("incomplete", a.incomplete());
        ArrayNode ws = root.putArray("windows");
        for (WindowReport w : a.windows()) {
            ObjectNode o = ws.addObject();
            o.put("label", w.label());
            o.put("format", w.format().name().toLowerCase(Locale.ROOT));
            o.put("records", w.records());
            o.put("alive", w.alive());
            o.put("alive_bytes", w.aliveBytes());
            o.put("freed", w.freed());
            putLong(o, "capacity", w.capacity());
            putLong(o, "declared", w.declared());
            putDouble(o, "duration_s", w.durationSeconds());
            o.put("duration_source", w.durationSource());
            o.put("span_cycles", w.spanCycles());
            if (w.startCcount().isPresent()) {
                o.put("start_ccount", String.format(Locale.ROOT, "0x%08x", w.startCcount().getAsLong()));
            }
            w.startLogtimeMs().ifPresent(t -> o.put("start_logtime_ms", t));
            putLong(o, "total_allocations", w.totalAllocations());
            putLong(o, "total_frees", w.totalFrees());
            o.put("mode", w.mode());
            o.put("incomplete", w.incomplete());
            o.put("bucket_s", w.bucketSeconds());
            ArrayNode tl = o.putArray("timeline");
            for (long c : w.timeline()) {
                tl.add(c);
            }
            ArrayNode notes = o.putArray("notes");
            for (WindowReport.Message m : w.notes()) {
                ObjectNode n = notes.addObject();
                n.put("kind", m.kind().name().toLowerCase(Locale.ROOT));
                n.put("line", m.line());
                n.put("text", m.text());
            }
        }
        ArrayNode cs = root.putArray("chains");
        for (ChainReport c : a.chains()) {
            ObjectNode o = cs.addObject();
            o.put("chain", c.key());
            o.put("verdict", c.verdict().name().toLowerCase(Locale.ROOT));
            o.put("reason", c.reason());
            o.put("persistence", c.persistence().name().toLowerCase(Locale.ROOT));
            o.put("count", c.count());
            o.put("bytes", c.bytes());
            o.put("alive", c.alive());
            o.put("alive_bytes", c.aliveBytes());
            o.put("allocator_only", c.allocatorOnly());
            if (!c.falsePositive().isEmpty()) {
                o.put("false_positive", c.falsePositive());
            }
            ObjectNode sizes = o.putObject("sizes");
            c.sizes().forEach((s, n) -> sizes.put(String.valueOf(s), n));
            ObjectNode fp = o.putObject("fingerprint");
            ArrayNode fs = fp.putArray("sizes");
            c.fingerprint().sizes().forEach(fs::add);
            fp.put("repeats", c.fingerprint().repeats());
            fp.put("method", c.fingerprint().method());
            ArrayNode frames = o.putArray("frames");
            for (Frame f : c.frames()) {
                ObjectNode fo = frames.addObject();
                fo.put("address", f.hexAddress());
                fo.put("function", f.function());
                fo.put("file", f.file());
                fo.put("line", f.line());
            }
            ArrayNode per = o.putArray("windows");
            for (ChainWindow w : c.windows()) {
                ObjectNode wo = per.addObject();
                wo.put("window", w.window());
                wo.put("count", w.count());
                wo.put("bytes", w.bytes());
                wo.put("alive", w.alive());
                wo.put("alive_bytes", w.aliveBytes());
                if (w.firstCcount() >= 0) {
                    wo.put("first_ccount", String.format(Locale.ROOT, "0x%08x", w.firstCcount()));
                    wo.put("last_ccount", String.format(Locale.ROOT, "0x%08x", w.lastCcount()));
                }
                w.firstLogtimeMs().ifPresent(t -> wo.put("first_logtime_ms", t));
                w.lastLogtimeMs().ifPresent(t -> wo.put("last_logtime_ms", t));
                putDouble(wo, "per_minute", w.present() ? w.perMinute() : 0);
                putDouble(wo, "alive_per_minute", w.present() ? w.alivePerMinute() : 0);
                wo.put("repeats", w.repeats());
            }
            ArrayNode kb = o.putArray("kb");
            for (KbMatch m : c.kb()) {
                ObjectNode k = kb.addObject();
                k.put("id", m.id());
                k.put("title", m.title());
                k.put("url", m.url());
                k.put("score", m.score());
            }
        }
        ArrayNode notes = root.putArray("notes");
        a.notes().forEach(notes::add);
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putLong(ObjectNode o, String k, long v) {
        if (v >= 0) {
            o.put(k, v);
        } else {
            o.putNull(k);
        }
    }

    private static void putDouble(ObjectNode o, String k, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(k);
        } else {
            o.put(k, Math.round(v * 100) / 100.0);
        }
    }
}
