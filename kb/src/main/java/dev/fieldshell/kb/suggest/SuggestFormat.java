package dev.fieldshell.kb.suggest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Suggestions as text for people and as JSON for programs; both carry the same evidence. Pure. */
public final class SuggestFormat {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SuggestFormat() {}

    public static List<String> text(SuggestResult r) {
        List<String> out = new ArrayList<>();
        for (String n : r.notes()) {
            out.add(n.startsWith("WARNING") ? n : "note: " + n);
        }
        if (!r.signature().isEmpty()) {
            out.add("signature: " + r.signature());
        }
        if (!r.frames().isEmpty()) {
            out.add("frames compared: " + String.join(", ", r.frames())
                    + (r.skipped().isEmpty() ? "" : "  (skipped: " + String.join(", ", r.skipped().stream().distinct().toList()) + ")"));
        }
        for (String e : r.explanations()) {
            out.add("explains: " + e);
        }
        if (r.suggestions().isEmpty()) {
            out.add(r.message());
            return out;
        }
        for (Suggestion s : r.suggestions()) {
            out.add("");
            out.add(String.format(Locale.ROOT, "%d. %s  [score %.2f%s%s]", s.rank(), s.title().isEmpty() ? s.documents().get(0).id() : s.title(),
                    s.score(), s.status().isEmpty() ? "" : ", " + s.status(), s.signatureMatch() ? ", same signature" : ""));
            if (!s.matchedFrames().isEmpty()) {
                out.add("   matched frames: " + String.join(", ", s.matchedFrames()));
            }
            if (!s.matchedFacts().isEmpty()) {
                out.add("   matched facts: " + String.join(", ", s.matchedFacts()));
            }
            if (!s.matchedWords().isEmpty()) {
                out.add("   matched words: " + String.join(", ", s.matchedWords()));
            }
            if (!s.diagnosis().isEmpty()) {
                out.add("   diagnosis: " + s.diagnosis() + "  (" + s.diagnosisFrom() + ")");
            }
            if (!s.fix().isEmpty()) {
                out.add("   fix: " + s.fix());
            }
            List<String> ids = s.documents().stream().limit(5).map(d -> d.id() + " (" + d.type() + ")").toList();
            out.add("   documents: " + String.join(", ", ids) + (s.documents().size() > 5 ? ", +" + (s.documents().size() - 5) + " more" : ""));
            for (String l : s.links()) {
                out.add("   " + l);
            }
        }
        return out;
    }

    /** One line for an inline answer (the REPL's crash recognition). */
    public static String oneLine(SuggestResult r) {
        if (r.suggestions().isEmpty()) {
            return r.message();
        }
        Suggestion s = r.suggestions().get(0);
        String link = s.links().isEmpty() ? s.documents().get(0).id() : s.links().get(0);
        return String.format(Locale.ROOT, "likely: %s [%.2f%s] %s", s.title(), s.score(), s.status().isEmpty() ? "" : ", " + s.status(), link);
    }

    public static String json(SuggestResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("signature", r.signature());
        m.put("frames", r.frames());
        m.put("skipped", r.skipped());
        m.put("explanations", r.explanations());
        m.put("notes", r.notes());
        m.put("nothing_close", r.nothingClose());
        m.put("message", r.message());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Suggestion s : r.suggestions()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("rank", s.rank());
            o.put("score", s.score());
            o.put("title", s.title());
            o.put("status", s.status());
            o.put("signature_match", s.signatureMatch());
            o.put("matched_frames", s.matchedFrames());
            o.put("matched_facts", s.matchedFacts());
            o.put("matched_words", s.matchedWords());
            o.put("diagnosis", s.diagnosis());
            o.put("diagnosis_from", s.diagnosisFrom());
            o.put("fix", s.fix());
            o.put("links", s.links());
            List<Map<String, Object>> docs = new ArrayList<>();
            for (Suggestion.DocumentRef d : s.documents()) {
                Map<String, Object> dm = new LinkedHashMap<>();
                dm.put("id", d.id());
                dm.put("type", d.type());
                dm.put("title", d.title());
                dm.put("url", d.url());
                dm.put("score", d.score());
                docs.add(dm);
            }
            o.put("documents", docs);
            list.add(o);
        }
        m.put("suggestions", list);
        try {
            return JSON.writeValueAsString(m);
        } catch (Exception e) {
            throw new IllegalStateException("suggestions are plain data", e);
        }
    }
}
