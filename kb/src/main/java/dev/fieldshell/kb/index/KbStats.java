package dev.fieldshell.kb.index;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts describing a KB.
 *
 * @param directory  where it lives
 * @param documents  live documents
 * @param byType     live documents per type (lower-case type name)
 * @param crashes    documents with at least one crash of their own
 * @param segments   Lucene segments of the last commit
 * @param sizeBytes  bytes of index files on disk
 * @param generation the generation of the last commit, 0 when nothing was committed yet
 */
public record KbStats(String directory, long documents, Map<String, Long> byType, long crashes, int segments, long sizeBytes,
        long generation) {
    public KbStats {
        // in the caller's order: Map.copyOf's iteration order changes from one JVM run to the next
        byType = Collections.unmodifiableMap(new LinkedHashMap<>(byType));
    }
}
