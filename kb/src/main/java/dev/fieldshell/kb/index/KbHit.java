package dev.fieldshell.kb.index;

/** One search result: the document and its Lucene score. */
public record KbHit(KbDocument document, float score) {
    public String id() {
        return document.id();
    }
}
