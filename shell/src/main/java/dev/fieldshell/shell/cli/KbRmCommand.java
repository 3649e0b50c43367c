package dev.fieldshell.shell.cli;

import dev.fieldshell.kb.index.KnowledgeBase;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fieldshell kb rm ID…}: removes documents. Exit 1 when an id was not there (the others are still removed). */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove documents by id.")
final class KbRmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KbDirOption kbDir;

    @Parameters(arity = "1..*", paramLabel = "ID")
    List<String> ids;

    @Option(names = "--json", description = "Print removed and missing ids as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<String> removed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        try (KnowledgeBase kb = kbDir.open()) {
            for (String id : ids) {
                String clean = KbShowCommand.stripAngles(id);
                (kb.remove(clean) ? removed : missing).add(clean);
            }
            kb.commit();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(KbJson.write(java.util.Map.of("removed", removed, "missing", missing)));
        } else {
            removed.forEach(id -> out.println("removed " + id));
        }
        out.flush();
        if (!missing.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            missing.forEach(id -> err.println("fieldshell: no document with id " + id));
            err.flush();
            return 1;
        }
        return 0;
    }
}
