package dev.fieldshell.kb.index;

import java.nio.charset.StandardCharsets;
import org.apache.lucene.document.Document;

/**
 * A KB document made ready for {@link KnowledgeBase#upsert(PreparedDocument)}: its content hash and Lucene fields, the
 * text fields already analysed and the canonical JSON already encoded. Making it is pure and touches no index, so an
 * importer can do it on its own thread while the index writer works on the previous documents.
 */
public record PreparedDocument(KbDocument doc, String hash, Document lucene) {
    /** Prepares {@code doc}; throws IllegalArgumentException when it has no id. */
    public static PreparedDocument of(KbDocument doc) {
        if (doc.id().isBlank()) {
            throw new IllegalArgumentException("a KB document needs an id");
        }
        byte[] json = DocumentCodec.toJsonString(doc).getBytes(StandardCharsets.UTF_8);
        String hash = DocumentCodec.hashOfJson(json);
        return new PreparedDocument(doc, hash, KbSchema.toLucene(doc, hash, json));
    }
}
