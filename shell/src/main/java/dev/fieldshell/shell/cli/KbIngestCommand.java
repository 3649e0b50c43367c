package dev.fieldshell.shell.cli;

import dev.fieldshell.kb.index.KnowledgeBase;
import dev.fieldshell.kb.source.GithubLiveImporter;
import dev.fieldshell.kb.source.ImportLimits;
import dev.fieldshell.kb.source.IngestSummary;
import dev.fieldshell.kb.source.Ingestor;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fieldshell kb ingest PATH|URL|github:OWNER/REPO…}. Exit 0 when everything was read, 1 when any
 * input (or part of one) was rejected — the summary lists each with its file and byte offset, and
 * everything else was still imported. Warnings (e.g. invalid UTF-8 read as Latin-1) do not change the code.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Import mail archives (mbox, pipermail .txt/.txt.gz, HyperKitty export), GitHub issue JSON,",
                "crash logs, DebugCrash exports and Markdown notes into the knowledge base. The format is read",
                "from the content. Re-importing the same input changes nothing.",
                "Exit code: 0 all read, 1 something was rejected (see the summary), 2 usage error."})
final class KbIngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KbDirOption kbDir;

    @Parameters(arity = "1..*", paramLabel = "PATH|URL", description = "Files, directories (recursive), http(s) URLs, or github:OWNER/REPO.")
    List<String> inputs;

    @Option(names = "--since", paramLabel = "DATE", description = "github: only issues updated since DATE (ISO-8601); default: since the last run.")
    String since = "";

    @Option(names = "--token-env", paramLabel = "VAR", description = "github: read the API token from environment variable VAR (never stored or printed).")
    String tokenEnv = "";

    @Option(names = "--github-api", paramLabel = "URL", hidden = true, description = "GitHub API base URL (for testing).")
    String githubApi = "https://api.github.com";

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IngestSummary s;
        IngestProgress progress = IngestProgress.stderrIsTerminal() && !json ? new IngestProgress(err) : null;
        try (KnowledgeBase kb = kbDir.open()) {
            GithubLiveImporter.Options gh = GithubLiveImporter.Options.defaults().withBaseUrl(githubApi).withSince(since)
                    .withToken(tokenEnv, System.getenv()).withNotices(msg -> {
                        err.println("fieldshell: " + msg);
                        err.flush();
                    });
            Ingestor ingestor = new Ingestor(kb, ImportLimits.DEFAULT).githubOptions(gh);
            if (progress != null) {
                ingestor.onProgress(progress);
            }
            try {
                s = ingestor.ingest(inputs);
            } finally {
                if (progress != null) {
                    progress.finish();
                }
            }
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("inputs", s.inputs());
            m.put("added", s.added());
            m.put("updated", s.updated());
            m.put("unchanged", s.unchanged());
            m.put("rejected", s.rejected());
            m.put("problems", s.problems());
            out.println(KbJson.write(m));
        } else {
            out.printf("%d input(s): %d added, %d updated, %d unchanged, %d rejected%n", s.inputs(), s.added(), s.updated(),
                    s.unchanged(), s.rejected());
            for (String p : s.problems()) {
                out.println("  " + p);
            }
        }
        out.flush();
        return s.rejected() > 0 ? 1 : 0;
    }
}
