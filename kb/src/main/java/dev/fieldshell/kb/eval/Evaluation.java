package dev.fieldshell.kb.eval;

import dev.fieldshell.kb.index.KnowledgeBase;
import dev.fieldshell.kb.suggest.SuggestResult;
import dev.fieldshell.kb.suggest.SuggestSession;
import dev.fieldshell.kb.suggest.Suggestion;
import dev.fieldshell.kb.suggest.SymbolSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs PRODUCT.md's evaluation: a fresh index in a temporary directory from the corpus alone (never
 * the user's KB, never the bundled notes), {@code suggest} on every query, and the BM25 baseline on
 * the same index, so every run shows what the structure adds.
 */
public final class Evaluation {

    /** Puts the corpus into a fresh KB (the {@code source} importers); returns problems as lines. */
    @FunctionalInterface
    public interface CorpusIndexer {
        List<String> index(KnowledgeBase kb, List<Path> files) throws IOException;
    }

    /** Ours and the baseline's figures, and each query's first-hit rank (0 = not found) for inspection. */
    public record Outcome(Metrics ours, Metrics baseline, long documents, List<QueryOutcome> perQuery, List<String> problems) {}

    public record QueryOutcome(String id, int ourRank, int baselineRank, double topScore, boolean nothingClose) {}

    private Evaluation() {}

    public static final int LIST_LENGTH = 10;

    public static Outcome run(List<Path> corpus, List<EvalQuery> queries, CorpusIndexer indexer,
            SuggestSession.Analysis analysis) throws IOException {
        Path dir = Files.createTempDirectory("fieldshell-eval-");
        try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
            List<String> problems = indexer.index(kb, files(corpus));
            kb.commit();
            long docs = kb.stats().documents();
            SuggestSession session = new SuggestSession(kb, analysis);
            List<Metrics.Answer> ours = new ArrayList<>();
            List<Metrics.Answer> base = new ArrayList<>();
            List<QueryOutcome> per = new ArrayList<>();
            for (EvalQuery q : queries) {
                Set<String> relevant = new LinkedHashSet<>(q.relevant());
                SuggestResult r = session.suggest(q.query(), SymbolSources.none(), LIST_LENGTH).result();
                List<Set<String>> causes = new ArrayList<>();
                for (Suggestion s : r.suggestions()) {
                    Set<String> ids = new LinkedHashSet<>();
                    s.documents().forEach(d -> ids.add(EvalQuery.bare(d.id())));
                    causes.add(ids);
                }
                Metrics.Answer a = new Metrics.Answer(q.id(), causes, relevant);
                ours.add(a);
                List<Set<String>> baseCauses = Bm25Baseline.rank(kb, q.query(), LIST_LENGTH).stream()
                        .map(id -> Set.of(EvalQuery.bare(id))).toList();
                Metrics.Answer b = new Metrics.Answer(q.id(), baseCauses, relevant);
                base.add(b);
                per.add(new QueryOutcome(q.id(), a.firstHit(), b.firstHit(),
                        r.suggestions().isEmpty() ? 0 : r.suggestions().get(0).score(), r.nothingClose()));
            }
            return new Outcome(Metrics.of(ours), Metrics.of(base), docs, per, problems);
        } finally {
            deleteTree(dir);
        }
    }

    /** The files of the corpus arguments: files as given, directories walked (sorted, hidden files skipped). */
    static List<Path> files(List<Path> corpus) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : corpus) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted().forEach(out::add);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new java.nio.file.NoSuchFileException(p + ": no such file or directory");
            }
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
