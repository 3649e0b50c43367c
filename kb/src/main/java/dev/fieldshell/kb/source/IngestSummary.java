package dev.fieldshell.kb.source;

import java.util.List;

/**
 * The outcome of an ingest run.
 *
 * @param inputs    files (or streams) read
 * @param added     documents new to the KB
 * @param updated   documents whose content changed
 * @param unchanged documents already present with the same content
 * @param rejected  problems where data was skipped (each also in {@code problems})
 * @param problems  one line per problem, rejections and warnings, in order
 */
public record IngestSummary(long inputs, long added, long updated, long unchanged, long rejected, List<String> problems) {
    public IngestSummary {
        problems = List.copyOf(problems);
    }

    public long documents() {
        return added + updated + unchanged;
    }
}
