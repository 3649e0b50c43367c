package dev.fieldshell.kb.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.index.DocType;
import dev.fieldshell.kb.index.KbDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports a curated note: Markdown with YAML front matter ({@code title}, {@code signatures},
 * {@code components}, {@code cause}, {@code fix}, {@code fixed_in}, {@code links}; optional {@code date},
 * {@code status}, {@code tags}). Id {@code note:<file name without extension>}.
 */
public final class NoteImporter {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private NoteImporter() {}

    /** The note in {@code text}; IllegalArgumentException with a line number when the front matter is broken. */
    public static KbDocument parse(String text, String fileName) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        body = body.replace("\r\n", "\n");
        JsonNode meta = YAML.createObjectNode();
        if (body.startsWith("---\n")) {
            int end = body.indexOf("\n---", 3);
            if (end < 0) {
                throw new IllegalArgumentException("front matter starts with --- on line 1 but has no closing ---");
            }
            String yaml = body.substring(4, end + 1);
            try {
                JsonNode parsed = YAML.readTree(yaml);
                if (parsed != null && parsed.isObject()) {
                    meta = parsed;
                } else if (parsed != null && !parsed.isMissingNode() && !parsed.isNull()) {
                    throw new IllegalArgumentException("front matter is not a YAML mapping");
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr() + 1;
                throw new IllegalArgumentException("front matter line " + line + ": " + e.getOriginalMessage());
            }
            int after = body.indexOf('\n', end + 1);
            body = after < 0 ? "" : body.substring(after + 1);
        }
        String base = fileName.replaceAll("\\.[^.]*$", "");
        String id = "note:" + base;
        String title = meta.path("title").asText("");
        if (title.isEmpty()) {
            title = body.lines().filter(l -> l.startsWith("# ")).map(l -> l.substring(2).strip()).findFirst().orElse(base);
        }
        List<String> links = strings(meta.path("links"));
        List<CrashReport> crashes = CrashExtraction.crashes(body);
        List<String> signatures = new ArrayList<>(strings(meta.path("signatures")));
        List<String> components = strings(meta.path("components"));
        if (components.isEmpty()) {
            components = ComponentTagger.components(title + "\n" + body);
        }
        return new KbDocument(id, DocType.NOTE, title, links.isEmpty() ? "" : links.get(0), meta.path("date").asText(""),
                meta.path("author").asText(""), body.strip(), crashes, List.of(), id, strings(meta.path("references")),
                signatures, components, meta.path("status").asText(""), meta.path("fixed_in").asText(""),
                meta.path("cause").asText("").strip(), meta.path("fix").asText("").strip(), links, strings(meta.path("tags")));
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(v -> {
                if (!v.asText("").isBlank()) {
                    out.add(v.asText().strip());
                }
            });
        } else if (n.isValueNode() && !n.asText("").isBlank()) {
            out.add(n.asText().strip());
        }
        return out;
    }
}
