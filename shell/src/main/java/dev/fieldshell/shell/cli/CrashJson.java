package dev.fieldshell.shell.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.crash.Frame;
import dev.fieldshell.kb.crash.HeapCorruption;
import dev.fieldshell.kb.explain.Explanation;
import dev.fieldshell.kb.signature.Decision;
import dev.fieldshell.kb.signature.Signature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code --json} shapes of crashes and signatures: plain maps, hex numbers as {@code 0x%08x} strings. */
final class CrashJson {
    private CrashJson() {}

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> crash(CrashReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", r.startLine());
        m.put("format", r.format().name());
        m.put("kind", r.kind().name());
        m.put("exception", r.exception());
        m.put("core", r.core());
        m.put("detail", r.detail());
        m.put("loggedError", r.loggedError());
        m.put("firmwareVersion", r.firmwareVersion());
        m.put("idfVersion", r.idfVersion());
        m.put("elfSha", r.elfSha());
        m.put("event", r.event());
        m.put("eventHandler", r.eventHandler());
        m.put("resetReason", r.resetReason());
        m.put("tasks", r.tasks());
        m.put("blockedTasks", r.blockedTasks());
        m.put("currentTasks", r.currentTasks());
        Map<String, String> regs = new LinkedHashMap<>();
        r.registers().forEach((k, v) -> regs.put(k, hex(v)));
        m.put("registers", regs);
        m.put("backtraceCorrupted", r.backtraceCorrupted());
        m.put("isrContext", r.isrContext());
        List<Map<String, Object>> frames = new ArrayList<>();
        for (Frame f : r.frames()) {
            frames.add(frame(f));
        }
        m.put("frames", frames);
        List<Map<String, Object>> heap = new ArrayList<>();
        for (HeapCorruption h : r.heapLines()) {
            Map<String, Object> hm = new LinkedHashMap<>();
            hm.put("problem", h.problem());
            hm.put("block", hex(h.block()));
            if (h.hasOwner()) {
                hm.put("owner", hex(h.owner()));
            }
            if (h.expected() != 0 || h.got() != 0) {
                hm.put("expected", hex(h.expected()));
                hm.put("got", hex(h.got()));
            }
            hm.put("line", h.line());
            heap.add(hm);
        }
        m.put("heapCorruption", heap);
        return m;
    }

    static Map<String, Object> frame(Frame f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", hex(f.address()));
        if (f.sp() != 0) {
            m.put("sp", hex(f.sp()));
        }
        m.put("function", f.function());
        m.put("file", f.file());
        m.put("line", f.line());
        if (f.inlined()) {
            m.put("inlined", true);
        }
        return m;
    }

    static Map<String, Object> signature(CrashReport r, Signature s, List<Explanation> explanations, boolean explain) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", r.startLine());
        m.put("kind", r.kind().name());
        m.put("signature", s.text());
        m.put("addressSignature", s.addressSignature());
        m.put("symbolic", s.symbolic());
        if (explain) {
            List<Map<String, Object>> ds = new ArrayList<>();
            for (Decision d : s.decisions()) {
                Map<String, Object> dm = new LinkedHashMap<>();
                dm.put("index", d.index());
                dm.put("address", hex(d.address()));
                dm.put("function", d.function());
                dm.put("normalized", d.normalized());
                dm.put("action", d.action().name());
                dm.put("rule", d.rule());
                ds.add(dm);
            }
            m.put("decisions", ds);
            List<Map<String, String>> es = new ArrayList<>();
            for (Explanation e : explanations) {
                es.add(Map.of("rule", e.rule(), "sentence", e.sentence()));
            }
            m.put("explanations", es);
        }
        return m;
    }

    static String hex(long v) {
        return String.format("0x%08x", v);
    }
}
