package dev.fieldshell.shell.cli;

import dev.fieldshell.shell.heap.HeapOptions;
import dev.fieldshell.shell.heap.HeapTool;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fieldshell heap analyze FILE…} and {@code fieldshell heap compare A B}. */
@Command(
        name = "heap",
        description = "Analyse heap-trace dumps: which caller chains leak, which are transient.",
        subcommands = {HeapCommand.Analyze.class, HeapCommand.Compare.class})
public final class HeapCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new UsageException("heap: say 'analyze FILE…' or 'compare A B'");
    }

    /** Options shared by both subcommands. */
    static class Common {
        @Option(names = "--symbols", paramLabel = "FILE", description = "Address map (addr2line -f -p -a or nm output, as symbols.txt).")
        Path symbols;

        @Option(names = "--elf", paramLabel = "FILE", description = "The firmware ELF (its .symtab names the frames).")
        Path elf;

        @Option(names = "--build", paramLabel = "VERSION", description = "Take symbols from the symbol store for this firmware version.")
        String build;

        @Option(names = "--kb", paramLabel = "DIR", description = "KB to match chains against (default $XDG_DATA_HOME/fieldshell/kb, if present).")
        Path kbDir;

        @Option(names = "--clock-mhz", paramLabel = "MHZ", description = "CCOUNT clock in MHz (default 240, the OVMS CPU clock).")
        double clockMhz;

        @Option(names = "--json", description = "Print the analysis as JSON.")
        boolean json;

        @Option(names = "--svg", paramLabel = "OUT", description = "Also write an SVG chart to OUT.")
        Path svg;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        int run(List<Path> files) throws Exception {
            return execute(options(), files, spec.commandLine().getOut(), spec.commandLine().getErr());
        }

        /** What picocli read (the same record {@link HeapArgs} fills in without it). */
        HeapOptions options() {
            return new HeapOptions(symbols, elf, build, kbDir, clockMhz, json, svg);
        }
    }

    /** Analyses {@code files}, prints the report on {@code out} and messages on {@code err}; the exit code. */
    static int execute(HeapOptions o, List<Path> files, PrintWriter out, PrintWriter err) throws Exception {
        boolean color = System.console() != null && System.getenv("NO_COLOR") == null;
        HeapTool.Result r = HeapTool.run(o.request(files, color));
        out.print(r.output());
        out.flush();
        r.messages().forEach(m -> err.println("fieldshell: " + m));
        if (!r.anyRecords()) {
            err.println("fieldshell: heap: " + r.noRecords());
            err.flush();
            return 1;
        }
        err.flush();
        dev.fieldshell.shell.repl.StartupTrace.mark("heap done");
        return 0;
    }

    @Command(name = "analyze", description = "Analyse one or more dumps (each file is a capture window).")
    static final class Analyze extends Common implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Dumps: ESP-IDF or OVMS text, seed-003 JSON, sysview -j JSON (.gz too).")
        List<Path> files;

        @Override
        public Integer call() throws Exception {
            return run(files);
        }
    }

    @Command(name = "compare", description = "Compare two capture windows: rates per minute, chains that persist, grow, appear or vanish.")
    static final class Compare extends Common implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "A")
        Path a;

        @Parameters(index = "1", paramLabel = "B")
        Path b;

        @Override
        public Integer call() throws Exception {
            return run(List.of(a, b));
        }
    }
}
