package dev.fieldshell.shell.cli;

import dev.fieldshell.kb.index.KnowledgeBase;
import dev.fieldshell.kb.suggest.StandardAnalysis;
import dev.fieldshell.kb.suggest.SuggestFormat;
import dev.fieldshell.kb.suggest.SuggestSession;
import dev.fieldshell.kb.suggest.SymbolSources;
import dev.fieldshell.kb.symbols.ElfReader;
import dev.fieldshell.kb.symbols.SymbolStore;
import dev.fieldshell.kb.symbols.SymbolsException;
import dev.fieldshell.kb.symbols.TextSymbolMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fieldshell kb suggest [FILE]}: the likely causes of a crash, with the evidence. */
@Command(name = "suggest", mixinStandardHelpOptions = true,
        description = {"Parse a crash (panic, boot status block, CORRUPT HEAP alert, decoded backtrace), name its raw frames,",
                "and rank the known causes in the KB, with matched frames, diagnosis, links and status."})
public final class KbSuggestCommand implements Callable<Integer> {

    /** Crash texts are small; more than this is not a crash paste. */
    static final long MAX_INPUT = 16L << 20;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Crash text; standard input when absent.")
    Path file;

    @Option(names = "--elf", paramLabel = "ELF", description = "Firmware ELF to name raw frames (checked against the crash's version and ELF SHA256).")
    Path elf;

    @Option(names = "--symbols", paramLabel = "FILE", description = "addr2line or nm output to name raw frames.")
    Path symbols;

    @Option(names = "--symbol-store", paramLabel = "DIR", description = "Per-build symbol store (default: $XDG_DATA_HOME/fieldshell/symbols).")
    Path symbolStore;

    @Option(names = "--top", paramLabel = "N", defaultValue = "5", description = "Show at most N causes (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "One JSON object instead of text.")
    boolean json;

    @Mixin
    KbDirOption kbDir;

    @Override
    public Integer call() throws Exception {
        if (top < 1 || top > 100) {
            throw new UsageException("--top must be between 1 and 100, not " + top);
        }
        String source = file == null ? "standard input" : file.toString();
        String text = read(file);
        SymbolSources sources = new SymbolSources(
                elf == null ? Optional.empty() : Optional.of(ElfReader.read(elf)),
                symbols == null ? Optional.empty() : Optional.of(loadMap(symbols)),
                Optional.of(KbSymbolsCommand.store(symbolStore)));
        PrintWriter out = spec.commandLine().getOut();
        try (KnowledgeBase kb = kbDir.open()) {
            SuggestSession.Outcome o = new SuggestSession(kb, StandardAnalysis.get()).suggest(text, sources, top);
            if (o.crashes().isEmpty()) {
                throw new FailureException("no crash found in " + source
                        + " (expected a panic, a boot status \"Last crash:\" block, a CORRUPT HEAP line or a decoded backtrace)");
            }
            if (json) {
                out.println(SuggestFormat.json(o.result()));
            } else {
                SuggestFormat.text(o.result()).forEach(out::println);
            }
        }
        out.flush();
        return 0;
    }

    private dev.fieldshell.kb.symbols.SymbolTable loadMap(Path p) throws SymbolsException {
        SymbolStore.Loaded l = SymbolStore.load(p);
        PrintWriter err = spec.commandLine().getErr();
        if (l.table().size() == 0) {
            // one line: why there is nothing, not every garbage line first
            throw new SymbolsException(p + ": no symbols found" + (l.problems().isEmpty() ? "" : " (" + l.problems().get(0) + ")"));
        }
        l.problems().forEach(pr -> err.println("fieldshell: skipped " + pr));
        return l.table();
    }

    static String read(Path file) throws IOException {
        byte[] bytes;
        if (file == null) {
            InputStream in = System.in;
            bytes = in.readNBytes((int) MAX_INPUT + 1);
        } else {
            if (Files.isDirectory(file)) {
                throw new UsageException(file + ": a directory, not a file");
            }
            try {
                if (Files.size(file) > MAX_INPUT) {
                    throw new FailureException(file + ": " + Files.size(file) + " bytes is too large for a crash text (limit " + MAX_INPUT + ")");
                }
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new UsageException(file + ": no such file");
            }
        }
        if (bytes.length > MAX_INPUT) {
            throw new FailureException("standard input is too large for a crash text (limit " + MAX_INPUT + " bytes)");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A failure with a message meant for people (exit 1). */
    static final class FailureException extends IOException {
        FailureException(String message) {
            super(message);
        }
    }
}
