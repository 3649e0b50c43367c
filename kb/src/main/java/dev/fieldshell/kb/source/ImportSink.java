package dev.fieldshell.kb.source;

import dev.fieldshell.kb.index.KbDocument;
import java.io.IOException;

/** Where an importer puts what it reads: documents, and problems with the input. */
public interface ImportSink {
    void document(KbDocument doc) throws IOException;

    void problem(ImportProblem problem);
}
