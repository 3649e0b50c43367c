package dev.fieldshell.shell.heap;

import dev.fieldshell.kb.heap.AnalysisOptions;
import dev.fieldshell.kb.heap.ChainMatcher;
import dev.fieldshell.kb.heap.HeapAnalysis;
import dev.fieldshell.kb.heap.HeapAnalyzer;
import dev.fieldshell.kb.heap.TraceFormat;
import dev.fieldshell.kb.heap.HeapTraceReader;
import dev.fieldshell.kb.heap.FrameResolver;
import dev.fieldshell.kb.heap.KbChainMatcher;
import dev.fieldshell.kb.index.KnowledgeBase;
import dev.fieldshell.kb.suggest.StandardAnalysis;
import dev.fieldshell.kb.suggest.SuggestSession;
import dev.fieldshell.kb.symbols.SymbolStore;
import dev.fieldshell.kb.symbols.SymbolTable;
import dev.fieldshell.kb.symbols.SymbolsException;
import dev.fieldshell.kb.heap.view.JsonReport;
import dev.fieldshell.kb.heap.view.SvgChart;
import dev.fieldshell.kb.heap.view.TextReport;
import dev.fieldshell.shell.cli.UsageException;
import dev.fieldshell.shell.repl.StartupTrace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * What {@code fieldshell heap analyze|compare} and {@code :heap} do: read dumps and symbols from files,
 * analyse, render. File I/O lives here; parsing and analysis are the kb's pure parts.
 */
public final class HeapTool {
    /** Chains shown in the terminal report and the chart. */
    static final int SHOWN = 20;

    /**
     * The request.
     *
     * @param files     dumps, one window each (a text file may hold several)
     * @param symbols   a symbols.txt map or an ELF ({@code --symbols}), or null
     * @param elf       an ELF ({@code --elf}), or null; not together with {@code symbols}
     * @param build     a firmware version whose symbols are in the symbol store, or null
     * @param kbDir     the KB to match chains against; null for the default one (used only if it exists)
     * @param clockMhz  the CCOUNT clock in MHz, or 0 for the default (240)
     * @param json      print JSON instead of the report
     * @param svg       also write an SVG chart here, or null
     * @param color     colour the report
     */
    public record Request(List<Path> files, Path symbols, Path elf, String build, Path kbDir, double clockMhz, boolean json, Path svg,
            boolean color) {
        public Request {
            // checked here so that `fieldshell heap` and `:heap` refuse the same things
            if (clockMhz < 0) {
                throw new UsageException("heap: --clock-mhz must be positive");
            }
            if (symbols != null && elf != null) {
                throw new UsageException("heap: give --symbols or --elf, not both");
            }
        }

        /** The symbol source given, either option, or null. */
        Path symbolSource() {
            return symbols != null ? symbols : elf;
        }
    }

    /**
     * The text to print, lines for stderr (what was written, what was skipped), and when no record was read, why
     * (the caller's one error line; {@code output} is then empty if nothing in the input looked like a dump).
     */
    public record Result(String output, List<String> messages, String noRecords) {
        public boolean anyRecords() {
            return noRecords == null;
        }
    }

    private HeapTool() {}

    /** Runs with the KB's suggester for "KB matches per chain" (the default KB only when it exists). */
    public static Result run(Request req) throws IOException {
        Path dir = req.kbDir() != null ? req.kbDir() : KnowledgeBase.defaultDirectory();
        if (req.kbDir() != null && !Files.isDirectory(req.kbDir())) {
            throw new UsageException("heap: --kb " + req.kbDir() + ": no such directory");
        }
        if (!Files.isDirectory(dir)) {
            Result r = run(req, ChainMatcher.NONE);
            if (!r.anyRecords()) {
                return r; // there were no chains to match: the missing KB is beside the point
            }
            List<String> m = new ArrayList<>(r.messages());
            m.add("no KB at " + dir + ": chains were not matched against known causes");
            return new Result(r.output(), m, null);
        }
        try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
            return run(req, new KbChainMatcher(new SuggestSession(kb, StandardAnalysis.get()), 3));
        }
    }

    public static Result run(Request req, ChainMatcher matcher) throws IOException {
        if (req.files().isEmpty()) {
            throw new UsageException("heap: give at least one dump file");
        }
        List<String> messages = new ArrayList<>();
        AnalysisOptions opts = AnalysisOptions.defaults();
        if (req.clockMhz() > 0) {
            opts = opts.withClock(req.clockMhz() * 1e6, "--clock-mhz");
        } else {
            opts = opts.withClock(AnalysisOptions.DEFAULT_CLOCK_HZ, "default for ESP32 at 240 MHz; change with --clock-mhz");
        }
        List<SymbolTable> tables = new ArrayList<>();
        if (req.symbolSource() != null) {
            try {
                SymbolStore.Loaded loaded = SymbolStore.load(req.symbolSource());
                if (loaded.table().size() == 0) {
                    throw new UsageException("heap: " + req.symbolSource() + " holds no symbols (expected an ELF or lines like"
                            + " '0x400d1234: function at file.c:12')");
                }
                loaded.problems().forEach(p -> messages.add("skipped " + p));
                tables.add(loaded.table());
            } catch (SymbolsException e) {
                throw new UsageException("heap: " + e.getMessage());
            }
        }
        if (req.build() != null) {
            try {
                var stored = SymbolStore.standard(System.getenv()).forVersion(req.build());
                if (stored.isEmpty()) {
                    throw new UsageException("heap: the symbol store has nothing for build " + req.build()
                            + " (add it with 'fieldshell kb symbols add')");
                }
                tables.add(stored.get().table());
            } catch (SymbolsException e) {
                throw new UsageException("heap: symbol store: " + e.getMessage());
            }
        }
        if (!tables.isEmpty()) {
            opts = opts.withResolver(FrameResolver.of(SymbolTable.chain(tables)));
        }
        HeapAnalyzer analyzer = new HeapAnalyzer(opts);
        StartupTrace.mark("heap read");
        for (Path f : req.files()) {
            try (InputStream r = open(f)) {
                HeapTraceReader.readAhead(r, f.getFileName().toString(), analyzer);
            }
        }
        StartupTrace.mark("heap analyse");
        HeapAnalysis a = analyzer.finish(matcher);
        if (a.records() == 0 && a.windows().stream().allMatch(w -> w.format() == TraceFormat.UNKNOWN)) {
            // nothing looked like a dump: a report of empty windows would bury the reason under it
            return new Result("", messages, notADump(req.files(), a));
        }
        StartupTrace.mark("heap render");
        String out = req.json()
                ? JsonReport.render(a)
                : TextReport.render(a, req.color(), opts.allocatorFrame(), SHOWN);
        StartupTrace.mark("heap rendered");
        if (req.svg() != null) {
            Files.writeString(req.svg(), SvgChart.render(a, SHOWN));
            messages.add("chart written to " + req.svg());
        }
        return new Result(out, messages, a.records() > 0 ? null : "no heap-trace records found in " + names(req.files()));
    }

    /** Names the input and its first line that is not part of a dump: {@code mail.txt: not a heap-trace dump (line 1: Hello,)}. */
    private static String notADump(List<Path> files, HeapAnalysis a) {
        String what = names(files);
        return a.windows().stream().flatMap(w -> w.notes().stream()).filter(m -> m.line() > 0).findFirst()
                .map(m -> what + ": not a heap-trace dump (line " + m.line() + ": "
                        + m.text().replaceFirst("^not part of a heap-trace dump: ", "") + ")")
                .orElse(what + ": not a heap-trace dump (no dump header, no allocation record)");
    }

    private static String names(List<Path> files) {
        return String.join(", ", files.stream().map(Path::toString).toList());
    }

    /** Opens a dump, decompressing {@code .gz}; the readers take UTF-8 bytes (undecodable ones become U+FFFD). */
    static InputStream open(Path p) throws IOException {
        InputStream in;
        try {
            in = Files.newInputStream(p);
        } catch (NoSuchFileException e) {
            throw new UsageException("heap: " + p + ": no such file");
        }
        if (Files.isDirectory(p)) {
            in.close();
            throw new UsageException("heap: " + p + " is a directory, not a dump");
        }
        if (p.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 64 * 1024);
        }
        return in;
    }
}
