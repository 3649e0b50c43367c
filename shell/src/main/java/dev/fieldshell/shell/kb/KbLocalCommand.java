package dev.fieldshell.shell.kb;

import dev.fieldshell.kb.index.KnowledgeBase;
import dev.fieldshell.kb.suggest.StandardAnalysis;
import dev.fieldshell.kb.suggest.SuggestFormat;
import dev.fieldshell.kb.suggest.SuggestSession;
import dev.fieldshell.kb.suggest.SymbolSources;
import dev.fieldshell.kb.symbols.SymbolStore;
import dev.fieldshell.shell.cli.UsageException;
import dev.fieldshell.shell.link.CommandResult;
import dev.fieldshell.shell.repl.LocalCommand;
import dev.fieldshell.shell.repl.ReplContext;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code :kb suggest [--from-module] [--top N] [--json]}: the likely causes of the last crash seen
 * (pasted or scrolled by), or of the current module's {@code boot status} "Last crash:" block.
 * Lucene is loaded on first use, never at REPL start-up.
 */
public final class KbLocalCommand implements LocalCommand {

    @Override
    public String name() {
        return "kb";
    }

    @Override
    public String summary() {
        return "Rank the likely causes of a crash from the knowledge base";
    }

    @Override
    public String usage() {
        return ":kb suggest [--from-module] [--top N] [--json]";
    }

    @Override
    public void run(List<String> args, ReplContext context) throws Exception {
        if (args.isEmpty() || !args.get(0).equals("suggest")) {
            throw new UsageException(args.isEmpty() ? "which kb command? suggest" : "unknown kb command: " + args.get(0));
        }
        boolean fromModule = false;
        boolean json = false;
        int top = 5;
        for (int i = 1; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--from-module" -> fromModule = true;
                case "--json" -> json = true;
                case "--top" -> {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--top needs a number");
                    }
                    try {
                        top = Integer.parseInt(args.get(++i));
                    } catch (NumberFormatException e) {
                        throw new UsageException("--top needs a number, not " + args.get(i));
                    }
                    if (top < 1 || top > 100) {
                        throw new UsageException("--top must be between 1 and 100");
                    }
                }
                default -> throw new UsageException("unknown option " + args.get(i));
            }
        }
        String text;
        if (fromModule) {
            CommandResult r = context.link().run("boot status");
            Optional<String> block = lastCrashBlock(r.output());
            if (block.isEmpty()) {
                context.println(context.currentName() + ": boot status shows no \"Last crash:\" block (no crash recorded since power-on)");
                return;
            }
            text = block.get();
            context.record("note", "kb suggest on boot status of " + context.currentName());
        } else {
            Optional<String> last = context.lastCrash();
            if (last.isEmpty()) {
                context.println("no crash seen yet: paste one, or use :kb suggest --from-module");
                return;
            }
            text = last.get();
        }
        SuggestSession.Outcome o = suggest(context, text, top);
        PrintWriter out = context.out();
        if (o.crashes().isEmpty()) {
            context.println("no crash found in that text");
            return;
        }
        if (json) {
            out.println(SuggestFormat.json(o.result()));
        } else {
            SuggestFormat.text(o.result()).forEach(out::println);
        }
        out.flush();
        context.record("note", o.result().suggestions().isEmpty() ? o.result().message() : SuggestFormat.oneLine(o.result()));
    }

    /**
     * One KB user at a time in this process: the inline answer runs beside {@code :kb suggest}, and two
     * first uses at once would race for the write lock that seeding the bundled notes takes.
     */
    private static final Object KB_USE = new Object();

    static SuggestSession.Outcome suggest(ReplContext context, String text, int top) throws Exception {
        synchronized (KB_USE) {
            return suggestAlone(context, text, top);
        }
    }

    private static SuggestSession.Outcome suggestAlone(ReplContext context, String text, int top) throws Exception {
        Path kbDir = context.dirs().data().resolve("kb");
        try (KnowledgeBase kb = KnowledgeBase.open(kbDir)) {
            try {
                dev.fieldshell.kb.source.StarterNotes.seed(kb, false); // as the kb commands do: the bundled notes
            } catch (dev.fieldshell.kb.index.KbLockedException e) {
                // another fieldshell is ingesting: reading still works
            }
            SymbolSources sources = new SymbolSources(Optional.empty(), Optional.empty(),
                    Optional.of(new SymbolStore(context.dirs().data().resolve("symbols"))));
            return new SuggestSession(kb, StandardAnalysis.get()).suggest(text, sources, top);
        }
    }

    /** From {@code Last crash:} to the end of the boot status output; empty when there is none. */
    static Optional<String> lastCrashBlock(String bootStatus) {
        int i = bootStatus.indexOf("Last crash:");
        return i < 0 ? Optional.empty() : Optional.of(bootStatus.substring(i));
    }

    /**
     * Answers crash text the shell recognized in one line, when there is an answer: {@code printer} shows
     * it (styled as the caller likes) and the transcript records it. Never throws.
     */
    public static void answerInline(ReplContext context, String crashText, java.util.function.Consumer<String> printer) {
        String a = inlineAnswer(context, crashText);
        if (!a.isEmpty()) {
            printer.accept(a);
            context.record("note", a);
        }
    }

    /**
     * The one-line inline answer for crash text the shell recognized, once a KB exists; never throws.
     */
    static String inlineAnswer(ReplContext context, String crashText) {
        if (!java.nio.file.Files.isDirectory(context.dirs().data().resolve("kb"))) {
            return ""; // no KB yet (any kb command seeds the bundled notes): Lucene stays unloaded behind the prompt
        }
        try {
            SuggestSession.Outcome o = suggest(context, crashText, 1);
            if (o.crashes().isEmpty()) {
                return "";
            }
            return SuggestFormat.oneLine(o.result());
        } catch (Exception | LinkageError e) {
            return "kb: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
