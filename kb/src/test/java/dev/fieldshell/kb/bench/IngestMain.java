package dev.fieldshell.kb.bench;

import dev.fieldshell.kb.index.KnowledgeBase;
import dev.fieldshell.kb.source.ImportLimits;
import dev.fieldshell.kb.source.IngestSummary;
import dev.fieldshell.kb.source.Ingestor;
import java.nio.file.Path;
import java.util.Arrays;

/** A separate JVM that ingests inputs into a KB: {@code IngestMain KB_DIR COMMIT_EVERY INPUT…} (used by the kill test). */
public final class IngestMain {
    private IngestMain() {}

    public static void main(String[] args) throws Exception {
        try (KnowledgeBase kb = KnowledgeBase.open(Path.of(args[0]))) {
            IngestSummary s = new Ingestor(kb, ImportLimits.DEFAULT).commitEvery(Integer.parseInt(args[1]))
                    .ingest(Arrays.asList(args).subList(2, args.length));
            System.out.println("added " + s.added());
        }
    }
}
