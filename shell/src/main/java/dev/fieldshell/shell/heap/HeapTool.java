package dev.fieldshell.shell.heap;

import dev.fieldshell.kb.heap.AnalysisOptions;
import dev.fieldshell.kb.heap.ChainMatcher;
import dev.fieldshell.kb.heap.HeapAnalysis;
import dev.fieldshell.kb.heap.HeapAnalyzer;
import dev.fieldshell.kb.heap.HeapTraceReader;
import dev.fieldshell.kb.heap.SymbolMap;
import dev.fieldshell.kb.heap.view.JsonReport;
import dev.fieldshell.kb.heap.view.SvgChart;
import dev.fieldshell.kb.heap.view.TextReport;
import dev.fieldshell.shell.cli.UsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
     * @param symbols   a symbols.txt map, or null
     * @param clockMhz  the CCOUNT clock in MHz, or 0 for the default (240)
     * @param json      print JSON instead of the report
     * @param svg       also write an SVG chart here, or null
     * @param color     colour the report
     */
    public record Request(List<Path> files, Path symbols, double clockMhz, boolean json, Path svg, boolean color) {}

    /** The text to print and lines for stderr (what was written, what was skipped). */
    public record Result(String output, List<String> messages, boolean anyRecords) {}

    private HeapTool() {}

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
        if (req.symbols() != null) {
            try (Reader r = open(req.symbols())) {
                SymbolMap.Loaded loaded = SymbolMap.read(r);
                if (loaded.entries() == 0) {
                    throw new UsageException("heap: " + req.symbols() + " holds no symbols (expected lines like"
                            + " '0x400d1234: function at file.c:12')");
                }
                if (loaded.skippedLines() > 0) {
                    messages.add(req.symbols() + ":" + loaded.firstSkipped() + ": " + loaded.skippedLines()
                            + " lines not understood as symbols, skipped");
                }
                opts = opts.withResolver(loaded.map());
            }
        }
        HeapAnalyzer analyzer = new HeapAnalyzer(opts);
        for (Path f : req.files()) {
            try (Reader r = open(f)) {
                HeapTraceReader.read(r, f.getFileName().toString(), analyzer);
            }
        }
        HeapAnalysis a = analyzer.finish(matcher);
        String out = req.json()
                ? JsonReport.render(a)
                : TextReport.render(a, req.color(), opts.allocatorFrame(), SHOWN);
        if (req.svg() != null) {
            Files.writeString(req.svg(), SvgChart.render(a, SHOWN));
            messages.add("chart written to " + req.svg());
        }
        return new Result(out, messages, a.records() > 0);
    }

    /** Opens a dump or map as UTF-8 text, decompressing {@code .gz}; undecodable bytes become U+FFFD. */
    static Reader open(Path p) throws IOException {
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
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)), 64 * 1024);
    }
}
