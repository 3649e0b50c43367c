package dev.fieldshell.kb.eval;

import dev.fieldshell.kb.index.KnowledgeBase;
import dev.fieldshell.kb.source.ImportLimits;
import dev.fieldshell.kb.source.IngestSummary;
import dev.fieldshell.kb.source.Ingestor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The evaluation corpus goes through the same importers as {@code kb ingest}. */
public final class StandardCorpus {
    private StandardCorpus() {}

    public static List<String> index(KnowledgeBase kb, List<Path> files) throws IOException {
        IngestSummary s = new Ingestor(kb, ImportLimits.DEFAULT).ingest(files.stream().map(Path::toString).toList());
        return s.problems();
    }
}
