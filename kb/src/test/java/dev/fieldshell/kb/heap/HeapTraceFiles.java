package dev.fieldshell.kb.heap;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test helper: analyse files or strings the way the CLI does. */
final class HeapTraceFiles {
    private HeapTraceFiles() {}

    static HeapAnalysis analyze(AnalysisOptions opts, List<Path> files) throws IOException {
        HeapAnalyzer a = new HeapAnalyzer(opts);
        for (Path f : files) {
            try (var r = Files.newInputStream(f)) {
                HeapTraceReader.read(r, f.getFileName().toString(), a);
            }
        }
        return a.finish(ChainMatcher.NONE);
    }

    static HeapAnalysis analyzeText(String label, String text) throws IOException {
        HeapAnalyzer a = new HeapAnalyzer(AnalysisOptions.defaults());
        HeapTraceReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), label, a);
        return a.finish(ChainMatcher.NONE);
    }

    static ChainReport chain(HeapAnalysis a, String fn) {
        return a.chains().stream().filter(c -> c.key().contains(fn)).findFirst()
                .orElseThrow(() -> new AssertionError("no chain with " + fn + " in " + a.chains().stream().map(ChainReport::key).toList()));
    }
}
