package dev.fieldshell.shell.cli;

import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.crash.Frame;
import dev.fieldshell.kb.index.DocumentCodec;
import dev.fieldshell.kb.index.KbDocument;
import dev.fieldshell.kb.index.KnowledgeBase;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fieldshell kb show ID}: one document as stored. Exit 1 when there is no such id. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one document by id (Message-ID, owner/repo#N, note:NAME, crash:FILE#N).")
final class KbShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KbDirOption kbDir;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--json", description = "Print the stored document as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Optional<KbDocument> doc;
        try (KnowledgeBase kb = kbDir.open()) {
            doc = kb.get(stripAngles(id));
        }
        if (doc.isEmpty()) {
            throw new IllegalArgumentException("no document with id " + id);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(KbJson.write(DocumentCodec.toJson(doc.get())));
        } else {
            print(out, doc.get());
        }
        out.flush();
        return 0;
    }

    static String stripAngles(String id) {
        return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
    }

    private static void print(PrintWriter out, KbDocument d) {
        out.printf("%s  (%s)%n", d.id(), d.type().name().toLowerCase());
        out.printf("title:      %s%n", d.title());
        line(out, "url", d.url());
        line(out, "date", d.date());
        line(out, "author", d.author());
        line(out, "status", d.status());
        line(out, "fixed in", d.fixedIn());
        list(out, "signatures", d.signatures());
        list(out, "components", d.components());
        list(out, "tags", d.tags());
        line(out, "thread", d.threadId().equals(d.id()) ? "" : d.threadId());
        list(out, "references", d.references());
        list(out, "quotes from", d.quotedFrom());
        line(out, "cause", d.cause());
        line(out, "fix", d.fix());
        list(out, "links", d.links());
        for (CrashReport c : d.crashes()) {
            out.printf("crash:      %s %s%s%n", c.kind(), c.exception(), c.firmwareVersion().isEmpty() ? "" : "  " + c.firmwareVersion());
            for (Frame f : c.frames()) {
                out.printf("            %s %s%n", f.address() == 0 ? "          " : f.hexAddress(), f.function());
            }
        }
        out.println();
        out.println(d.text());
    }

    private static void line(PrintWriter out, String name, String value) {
        if (!value.isEmpty()) {
            out.printf("%-11s %s%n", name + ":", value);
        }
    }

    private static void list(PrintWriter out, String name, List<String> values) {
        if (!values.isEmpty()) {
            out.printf("%-11s %s%n", name + ":", String.join(", ", values));
        }
    }
}
