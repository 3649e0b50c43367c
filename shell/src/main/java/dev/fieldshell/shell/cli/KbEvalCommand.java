package dev.fieldshell.shell.cli;

import dev.fieldshell.kb.eval.EvalQuery;
import dev.fieldshell.kb.eval.Evaluation;
import dev.fieldshell.kb.eval.Metrics;
import dev.fieldshell.kb.eval.QueriesFile;
import dev.fieldshell.kb.eval.StandardCorpus;
import dev.fieldshell.kb.suggest.StandardAnalysis;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fieldshell kb eval --corpus … --queries …}: PRODUCT.md's evaluation. Prints our four
 * figures ({@code recall@1: 0.NN} …), then the BM25 baseline's, each line prefixed {@code baseline }.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Build a fresh index from the corpus alone, run suggest on every query, and print recall@1, recall@3,",
                "recall@10 and mrr, then the same for a plain BM25 baseline over the raw query text."})
public final class KbEvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", required = true, arity = "1..*", paramLabel = "PATH", description = "Corpus files or directories (GitHub issue JSON, mbox, pipermail, notes, crash logs).")
    List<Path> corpus;

    @Option(names = "--queries", required = true, paramLabel = "FILE", description = "queries.jsonl: {\"id\", \"query\", \"relevant\"} per line.")
    Path queries;

    @Option(names = "--json", description = "One JSON object instead of lines.")
    boolean json;

    @Option(names = "--per-query", description = "Also list each query's rank, ours and the baseline's (on standard error).")
    boolean perQuery;

    @Override
    public Integer call() throws Exception {
        String text;
        try {
            text = Files.readString(queries, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException(queries + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UsageException(queries + ": not UTF-8 text");
        }
        for (Path p : corpus) {
            if (!Files.exists(p)) {
                throw new UsageException(p + ": no such file or directory");
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        QueriesFile.Result parsed = QueriesFile.parse(text, queries.getFileName().toString());
        parsed.problems().forEach(p -> err.println("fieldshell: skipped " + p));
        List<EvalQuery> qs = parsed.queries();
        if (qs.isEmpty()) {
            throw new UsageException(queries + ": no usable queries");
        }
        Evaluation.Outcome o = Evaluation.run(corpus, qs, StandardCorpus::index, StandardAnalysis.get());
        o.problems().forEach(p -> err.println("fieldshell: corpus: " + p));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = figures(o.ours());
            m.put("queries", o.ours().queries());
            m.put("documents", o.documents());
            m.put("baseline", figures(o.baseline()));
            out.println(new ObjectMapper().writeValueAsString(m));
        } else {
            o.ours().lines().forEach(out::println);
            o.baseline().lines().forEach(l -> out.println("baseline " + l));
        }
        if (perQuery) {
            err.println("query\tours\tbaseline\ttop-score");
            for (Evaluation.QueryOutcome q : o.perQuery()) {
                err.printf("%s\t%s\t%s\t%.3f%n", q.id(), q.ourRank() == 0 ? "-" : q.ourRank(),
                        q.baselineRank() == 0 ? "-" : q.baselineRank(), q.topScore());
            }
        }
        out.flush();
        err.flush();
        return 0;
    }

    private static Map<String, Object> figures(Metrics m) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("recall@1", round(m.recallAt1()));
        f.put("recall@3", round(m.recallAt3()));
        f.put("recall@10", round(m.recallAt10()));
        f.put("mrr", round(m.mrr()));
        return f;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
