package dev.fieldshell.kb.index;

import org.apache.lucene.document.Document;

/**
 * A KB document made ready for {@link KnowledgeBase#upsert(PreparedDocument)}: its canonical JSON, content hash
 * and Lucene fields. Making it is pure and touches no index, so an importer can do it on its own thread
 * while the index writer works on the previous documents.
 */
public record PreparedDocument(KbDocument doc, String json, String hash, Document lucene) {
    /** Prepares {@code doc}; throws IllegalArgumentException when it has no id. */
    public static PreparedDocument of(KbDocument doc) {
        if (doc.id().isBlank()) {
            throw new IllegalArgumentException("a KB document needs an id");
        }
        String json = DocumentCodec.toJsonString(doc);
        String hash = DocumentCodec.hashOfJson(json);
        return new PreparedDocument(doc, json, hash, KbSchema.toLucene(doc, hash, json));
    }
}
