package dev.fieldshell.shell.cli;

import dev.fieldshell.kb.index.KbStats;
import dev.fieldshell.kb.index.KnowledgeBase;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fieldshell kb stats}: what the knowledge base holds. */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "Show document counts and index size.")
final class KbStatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KbDirOption kbDir;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        KbStats s;
        try (KnowledgeBase kb = kbDir.open()) {
            s = kb.stats();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(KbJson.write(s));
        } else {
            out.printf("knowledge base: %s%n", s.directory());
            out.printf("documents:      %d%n", s.documents());
            s.byType().forEach((t, n) -> out.printf("  %-12s  %d%n", t, n));
            out.printf("with crashes:   %d%n", s.crashes());
            out.printf("segments:       %d%n", s.segments());
            out.printf("size:           %.1f MiB%n", s.sizeBytes() / 1048576.0);
        }
        out.flush();
        return 0;
    }
}
