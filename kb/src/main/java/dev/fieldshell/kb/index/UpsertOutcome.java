package dev.fieldshell.kb.index;

/** What {@link KnowledgeBase#upsert} did with a document. */
public enum UpsertOutcome {
    /** The id was new. */
    ADDED,
    /** The id existed with different content and was replaced. */
    UPDATED,
    /** The id existed with the same content hash; nothing was written. */
    UNCHANGED
}
