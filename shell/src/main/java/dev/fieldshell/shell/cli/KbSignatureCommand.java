package dev.fieldshell.shell.cli;

import dev.fieldshell.kb.crash.CrashParser;
import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.explain.Explainer;
import dev.fieldshell.kb.explain.Explanation;
import dev.fieldshell.kb.signature.Decision;
import dev.fieldshell.kb.signature.Signature;
import dev.fieldshell.kb.signature.SignatureGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fieldshell kb signature [FILE] [--explain] [--json]}: one signature line per crash. */
@Command(name = "signature", mixinStandardHelpOptions = true,
        description = "Compute the signature of each crash in FILE (or standard input).")
final class KbSignatureCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Crash text; standard input when absent or '-'.")
    Path file;

    @Option(names = "--explain", description = "Say why each frame was kept, skipped or prefixed, and what the raw facts mean.")
    boolean explain;

    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Override
    public Integer call() {
        List<CrashReport> crashes = CrashParser.parse(CrashInput.read(file, System.in));
        PrintWriter out = spec.commandLine().getOut();
        SignatureGenerator gen = SignatureGenerator.standard();
        Explainer explainer = Explainer.standard();
        if (json) {
            List<Map<String, Object>> all = new ArrayList<>();
            for (CrashReport r : crashes) {
                all.add(CrashJson.signature(r, gen.generate(r), explain ? explainer.explain(r) : List.of(), explain));
            }
            out.println(CrashJson.write(all));
            out.flush();
            return 0;
        }
        if (crashes.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("fieldshell: no crash found in " + CrashInput.name(file));
            err.flush();
            return 1;
        }
        int n = 0;
        for (CrashReport r : crashes) {
            Signature s = gen.generate(r);
            n++;
            if (!explain) {
                out.println(s.text());
                continue;
            }
            out.printf("crash %d of %d (line %d, %s, %s)%n", n, crashes.size(), r.startLine(), r.format(), r.kind());
            out.printf("  signature:         %s%n", s.text());
            if (!s.addressSignature().isEmpty()) {
                out.printf("  address signature: %s%n", s.addressSignature());
            }
            if (!s.decisions().isEmpty()) {
                out.println("  frames:");
                for (Decision d : s.decisions()) {
                    out.println("    " + d.describe());
                }
            }
            List<Explanation> ex = explainer.explain(r);
            if (!ex.isEmpty()) {
                out.println("  what it means:");
                for (Explanation e : ex) {
                    out.printf("    [%s] %s%n", e.rule(), e.sentence());
                }
            }
        }
        out.flush();
        return 0;
    }
}
