package dev.fieldshell.shell.cli;

import dev.fieldshell.kb.crash.CrashParser;
import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.crash.Frame;
import dev.fieldshell.kb.crash.HeapCorruption;
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

/** {@code fieldshell kb parse [FILE] [--json]}: every crash found in a text, as the parser read it. */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Read the crashes in FILE (or standard input): panics, boot status, DebugCrash records, heap alerts, decoded backtraces.")
final class KbParseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Crash text; standard input when absent or '-'.")
    Path file;

    @Option(names = "--json", description = "Print the crashes as a JSON array.")
    boolean json;

    @Override
    public Integer call() {
        String text = CrashInput.read(file, System.in);
        List<CrashReport> crashes = CrashParser.parse(text);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> all = new ArrayList<>();
            crashes.forEach(c -> all.add(CrashJson.crash(c)));
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
        for (int i = 0; i < crashes.size(); i++) {
            print(out, crashes.get(i), i + 1, crashes.size());
        }
        out.flush();
        return 0;
    }

    static void print(PrintWriter out, CrashReport r, int n, int total) {
        out.printf("crash %d of %d (line %d, %s)%n", n, total, r.startLine(), r.format());
        out.printf("  kind:       %s%n", r.kind());
        if (!r.exception().isEmpty()) {
            out.printf("  exception:  %s%s%n", r.exception(), r.core() >= 0 ? " on core " + r.core() : "");
        }
        line(out, "detail", r.detail());
        line(out, "logged", r.loggedError());
        if (r.isrContext()) {
            line(out, "context", "interrupt handler (ISR) on core " + r.core());
        }
        if (!r.firmwareVersion().isEmpty() || !r.idfVersion().isEmpty()) {
            out.printf("  version:    %s%s%n", r.firmwareVersion().isEmpty() ? "?" : r.firmwareVersion(),
                    r.idfVersion().isEmpty() ? "" : " (idf " + r.idfVersion() + ")");
        }
        line(out, "elf sha256", r.elfSha());
        line(out, "reset", r.resetReason());
        if (!r.event().isEmpty()) {
            out.printf("  event:      %s%s%n", r.event(), r.eventHandler().isEmpty() ? "" : " (handler " + r.eventHandler() + ")");
        }
        if (!r.blockedTasks().isEmpty()) {
            line(out, "blocked", String.join(", ", r.blockedTasks()));
        }
        if (!r.currentTasks().isEmpty()) {
            line(out, "running", String.join(", ", r.currentTasks()));
        }
        for (HeapCorruption h : r.heapLines()) {
            line(out, "heap", h.line());
        }
        StringBuilder regs = new StringBuilder();
        for (String k : new String[] {"PC", "MEPC", "RA", "EXCCAUSE", "MCAUSE", "EXCVADDR", "MTVAL"}) {
            Long v = r.registers().get(k);
            if (v != null) {
                regs.append(regs.length() == 0 ? "" : "  ").append(k).append(' ').append(CrashJson.hex(v));
            }
        }
        line(out, "registers", regs.toString());
        if (!r.frames().isEmpty()) {
            out.printf("  frames:%s%n", r.backtraceCorrupted() ? "     (backtrace |<-CORRUPTED)" : "");
            int i = 0;
            for (Frame f : r.frames()) {
                out.printf("    #%-2d %s%s%s%n", i++, f.hexAddress(), f.sp() != 0 ? ":" + CrashJson.hex(f.sp()) : "",
                        describe(f));
            }
        }
    }

    private static String describe(Frame f) {
        if (!f.hasFunction()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" ").append(f.function());
        if (!f.file().isEmpty()) {
            sb.append(" at ").append(f.file());
            if (f.line() > 0) {
                sb.append(':').append(f.line());
            }
        }
        if (f.inlined()) {
            sb.append(" (inlined)");
        }
        return sb.toString();
    }

    private static void line(PrintWriter out, String label, String value) {
        if (value != null && !value.isEmpty()) {
            out.printf("  %-11s %s%n", label + ":", value);
        }
    }
}
