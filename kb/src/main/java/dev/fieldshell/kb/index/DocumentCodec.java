package dev.fieldshell.kb.index;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldshell.kb.crash.CrashKind;
import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.crash.Frame;
import dev.fieldshell.kb.crash.HeapCorruption;
import dev.fieldshell.kb.crash.SourceFormat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link KbDocument} as canonical JSON: what the index stores to rebuild the document, what
 * {@code kb show --json} prints, and what the content hash is computed over. Field order is fixed,
 * so the same document always gives the same bytes.
 */
public final class DocumentCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DocumentCodec() {}

    /** The canonical JSON as a tree ({@code kb show --json}): read back from {@link #toJsonString}, the one writer. */
    public static ObjectNode toJson(KbDocument d) {
        try {
            return (ObjectNode) JSON.readTree(toJsonString(d));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read back the JSON of document " + d.id(), e);
        }
    }

    /** The canonical JSON text, streamed without building a tree (it runs once per imported document). */
    public static String toJsonString(KbDocument d) {
        java.io.StringWriter w = new java.io.StringWriter(1024 + 2 * d.text().length());
        try (JsonGenerator g = JSON.getFactory().createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("id", d.id());
            g.writeStringField("type", d.type().name().toLowerCase());
            g.writeStringField("title", d.title());
            g.writeStringField("url", d.url());
            g.writeStringField("date", d.date());
            g.writeStringField("author", d.author());
            g.writeStringField("threadId", d.threadId());
            g.writeStringField("status", d.status());
            g.writeStringField("fixedIn", d.fixedIn());
            g.writeStringField("cause", d.cause());
            g.writeStringField("fix", d.fix());
            strings(g, "references", d.references());
            strings(g, "quotedFrom", d.quotedFrom());
            strings(g, "signatures", d.signatures());
            strings(g, "components", d.components());
            strings(g, "links", d.links());
            strings(g, "tags", d.tags());
            g.writeArrayFieldStart("crashes");
            for (CrashReport c : d.crashes()) {
                writeCrash(g, c);
            }
            g.writeEndArray();
            g.writeStringField("text", d.text());
            g.writeEndObject();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot serialize document " + d.id(), e);
        }
        return w.toString();
    }

    /** One crash report, its fields in a fixed order. */
    private static void writeCrash(JsonGenerator g, CrashReport c) throws java.io.IOException {
        g.writeStartObject();
        g.writeStringField("kind", c.kind() == null ? CrashKind.OTHER.name() : c.kind().name());
        g.writeStringField("format", c.format() == null ? SourceFormat.PANIC.name() : c.format().name());
        g.writeStringField("exception", c.exception());
        g.writeNumberField("core", c.core());
        g.writeObjectFieldStart("registers");
        for (Map.Entry<String, Long> r : c.registers().entrySet()) {
            g.writeFieldName(r.getKey());
            if (r.getValue() == null) {
                g.writeNull();
            } else {
                g.writeNumber(r.getValue());
            }
        }
        g.writeEndObject();
        g.writeArrayFieldStart("frames");
        for (Frame f : c.frames()) {
            g.writeStartObject();
            g.writeNumberField("address", f.address());
            if (f.sp() != 0) {
                g.writeNumberField("sp", f.sp());
            }
            g.writeStringField("function", f.function());
            if (!f.file().isEmpty()) {
                g.writeStringField("file", f.file());
                g.writeNumberField("line", f.line());
            }
            if (f.inlined()) {
                g.writeBooleanField("inlined", true);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeBooleanField("backtraceCorrupted", c.backtraceCorrupted());
        g.writeStringField("firmwareVersion", c.firmwareVersion());
        g.writeStringField("idfVersion", c.idfVersion());
        g.writeStringField("elfSha", c.elfSha());
        g.writeStringField("detail", c.detail());
        g.writeStringField("event", c.event());
        g.writeStringField("eventHandler", c.eventHandler());
        strings(g, "tasks", c.tasks());
        if (c.heapCorruption().isPresent()) {
            g.writeFieldName("heapCorruption");
            writeHeap(g, c.heapCorruption().get());
        }
        g.writeStringField("rawText", c.rawText());
        g.writeNumberField("startLine", c.startLine());
        writeLaterFacts(g, c);
        g.writeEndObject();
    }

    /**
     * The facts CrashReport gained after the first schema, each only when the crash has it: a crash without
     * them keeps the JSON (and content hash) it had, and an index written before them reads back as "none".
     */
    private static void writeLaterFacts(JsonGenerator g, CrashReport c) throws java.io.IOException {
        if (!c.blockedTasks().isEmpty()) {
            strings(g, "blockedTasks", c.blockedTasks());
        }
        if (!c.currentTasks().isEmpty()) {
            strings(g, "currentTasks", c.currentTasks());
        }
        if (!c.resetReason().isEmpty()) {
            g.writeStringField("resetReason", c.resetReason());
        }
        if (c.heapLines().size() > 1) {
            g.writeArrayFieldStart("heapLines");
            for (HeapCorruption h : c.heapLines()) {
                writeHeap(g, h);
            }
            g.writeEndArray();
        }
        if (c.isrContext()) {
            g.writeBooleanField("isrContext", true);
        }
        if (!c.loggedError().isEmpty()) {
            g.writeStringField("loggedError", c.loggedError());
        }
    }

    private static void writeHeap(JsonGenerator g, HeapCorruption h) throws java.io.IOException {
        g.writeStartObject();
        g.writeStringField("problem", h.problem());
        g.writeNumberField("block", h.block());
        g.writeNumberField("owner", h.owner());
        g.writeBooleanField("hasOwner", h.hasOwner());
        g.writeNumberField("expected", h.expected());
        g.writeNumberField("got", h.got());
        g.writeStringField("line", h.line());
        g.writeEndObject();
    }

    private static HeapCorruption readHeap(JsonNode h) {
        return new HeapCorruption(h.path("problem").asText(), h.path("block").asLong(), h.path("owner").asLong(),
                h.path("hasOwner").asBoolean(), h.path("expected").asLong(), h.path("got").asLong(), h.path("line").asText());
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws java.io.IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    public static KbDocument fromJsonString(String json) {
        try {
            return fromJson(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored document is not valid JSON", e);
        }
    }

    public static KbDocument fromJson(JsonNode o) {
        List<CrashReport> crashes = new ArrayList<>();
        for (JsonNode c : o.path("crashes")) {
            crashes.add(crashFromJson(c));
        }
        return new KbDocument(
                o.path("id").asText(),
                DocType.valueOf(o.path("type").asText("mail").toUpperCase()),
                o.path("title").asText(),
                o.path("url").asText(),
                o.path("date").asText(),
                o.path("author").asText(),
                o.path("text").asText(),
                crashes,
                strings(o.path("quotedFrom")),
                o.path("threadId").asText(),
                strings(o.path("references")),
                strings(o.path("signatures")),
                strings(o.path("components")),
                o.path("status").asText(),
                o.path("fixedIn").asText(),
                o.path("cause").asText(),
                o.path("fix").asText(),
                strings(o.path("links")),
                strings(o.path("tags")));
    }

    /** SHA-256 of the canonical JSON, hex: equal for equal content, whatever the import run. */
    public static String contentHash(KbDocument d) {
        return hashOfJson(toJsonString(d));
    }

    /** The content hash of a document given its canonical JSON (saves serializing twice). */
    public static String hashOfJson(String canonicalJson) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(canonicalJson.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static CrashReport crashFromJson(JsonNode o) {
        Map<String, Long> regs = new LinkedHashMap<>();
        o.path("registers").properties().forEach(e -> regs.put(e.getKey(), e.getValue().asLong()));
        List<Frame> frames = new ArrayList<>();
        for (JsonNode f : o.path("frames")) {
            frames.add(new Frame(f.path("address").asLong(), f.path("sp").asLong(), f.path("function").asText(),
                    f.path("file").asText(), f.path("line").asInt(), f.path("inlined").asBoolean()));
        }
        JsonNode h = o.path("heapCorruption");
        Optional<HeapCorruption> heap = h.isObject() ? Optional.of(readHeap(h)) : Optional.empty();
        List<HeapCorruption> heapLines = new ArrayList<>();
        o.path("heapLines").forEach(x -> heapLines.add(readHeap(x)));
        return new CrashReport(
                enumOr(CrashKind.class, o.path("kind").asText(), CrashKind.OTHER),
                enumOr(SourceFormat.class, o.path("format").asText(), SourceFormat.PANIC),
                o.path("exception").asText(), o.path("core").asInt(-1), regs, frames,
                o.path("backtraceCorrupted").asBoolean(), o.path("firmwareVersion").asText(), o.path("idfVersion").asText(),
                o.path("elfSha").asText(), o.path("detail").asText(), o.path("event").asText(), o.path("eventHandler").asText(),
                strings(o.path("tasks")), heap, o.path("rawText").asText(), o.path("startLine").asInt(),
                strings(o.path("blockedTasks")), strings(o.path("currentTasks")), o.path("resetReason").asText(), heapLines,
                o.path("isrContext").asBoolean(), o.path("loggedError").asText());
    }

    private static <E extends Enum<E>> E enumOr(Class<E> type, String name, E fallback) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }
}
