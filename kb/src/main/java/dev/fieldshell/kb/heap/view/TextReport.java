package dev.fieldshell.kb.heap.view;

import dev.fieldshell.kb.crash.Frame;
import dev.fieldshell.kb.heap.ChainReport;
import dev.fieldshell.kb.heap.ChainWindow;
import dev.fieldshell.kb.heap.HeapAnalysis;
import dev.fieldshell.kb.heap.KbMatch;
import dev.fieldshell.kb.heap.Verdict;
import dev.fieldshell.kb.heap.WindowReport;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The terminal report: windows, a table of chains, a bar chart of live bytes per chain, a sparkline of
 * allocations over CCOUNT per window, and a detail block per chain. Colour only when asked for
 * (the caller honours {@code NO_COLOR}).
 */
public final class TextReport {
    private static final String RESET = "\u001B[0m";
    private static final String RED = "\u001B[31;1m";
    private static final String GREEN = "\u001B[32m";
    private static final String YELLOW = "\u001B[33m";
    private static final String DIM = "\u001B[2m";
    private static final int CHAIN_WIDTH = 60;

    private final boolean color;
    private final Predicate<Frame> allocatorFrame;
    private final int maxChains;
    private final StringBuilder out = new StringBuilder();

    private TextReport(boolean color, Predicate<Frame> allocatorFrame, int maxChains) {
        this.color = color;
        this.allocatorFrame = allocatorFrame;
        this.maxChains = maxChains;
    }

    /**
     * @param allocatorFrame marks frames skipped when forming chains, shown as such in the details
     * @param maxChains      chains shown in the table and details; the rest are counted
     */
    public static String render(HeapAnalysis a, boolean color, Predicate<Frame> allocatorFrame, int maxChains) {
        return new TextReport(color, allocatorFrame, maxChains).build(a);
    }

    private String build(HeapAnalysis a) {
        line(String.format(Locale.ROOT, "Heap trace: %d window%s, %d records, %d chains; CCOUNT clock %s (%s)",
                a.windows().size(), a.windows().size() == 1 ? "" : "s", a.records(), a.chains().size(),
                Units.mhz(a.clockHz()), a.clockSource()));
        if (a.incomplete()) {
            line(paint(YELLOW, "DATA INCOMPLETE: records are missing from at least one window (see below); counts and"
                    + " rates are lower bounds"));
        }
        line("");
        windows(a);
        List<ChainReport> shown = a.chains().stream().limit(maxChains).toList();
        if (shown.isEmpty()) {
            line("No allocation records found.");
            return out.toString();
        }
        line("");
        table(a, shown);
        line("");
        bars(shown);
        line("");
        details(a, shown);
        if (a.chains().size() > shown.size()) {
            line(String.format(Locale.ROOT, "(%d more chains not shown)", a.chains().size() - shown.size()));
        }
        for (String n : a.notes()) {
            line("note: " + n);
        }
        return out.toString();
    }

    private void windows(HeapAnalysis a) {
        line("Windows");
        for (WindowReport w : a.windows()) {
            StringBuilder s = new StringBuilder("  ").append(w.label()).append(": ").append(Units.format(w.format()))
                    .append(", ").append(w.records()).append(" records");
            if (w.capacity() > 0) {
                s.append(" (").append(w.capacity()).append(" slots)");
            }
            s.append(", ").append(w.alive()).append(" live = ").append(Units.bytes(w.aliveBytes()));
            if (w.freed() > 0) {
                s.append(", ").append(w.freed()).append(" freed");
            }
            s.append("; duration ").append(Units.seconds(w.durationSeconds()));
            if (!w.durationSource().isEmpty()) {
                s.append(" (").append(w.durationSource()).append(")");
            }
            if (w.startCcount().isPresent()) {
                s.append(String.format(Locale.ROOT, "; started at ccount 0x%08x", w.startCcount().getAsLong()));
                w.startLogtimeMs().ifPresent(t -> s.append(" = logtime ").append(t).append(" ms"));
            }
            if (w.totalAllocations() >= 0) {
                s.append("; module counted ").append(w.totalAllocations()).append(" allocations");
                if (w.totalFrees() >= 0) {
                    s.append(", ").append(w.totalFrees()).append(" frees");
                }
            }
            line(s.toString());
            if (w.timeline().length > 0 && w.records() > 0) {
                line(String.format(Locale.ROOT, "    allocations over ccount |%s| 1 column = %s", Sparkline.of(w.timeline(), 64),
                        Units.seconds(w.bucketSeconds() * Math.max(1, (w.timeline().length + 63) / 64))));
            }
            if (w.incomplete()) {
                line("    " + paint(YELLOW, "data incomplete"));
            }
            for (WindowReport.Message m : w.notes()) {
                line("    " + where(w, m) + m.text());
            }
        }
    }

    private static String where(WindowReport w, WindowReport.Message m) {
        if (m.line() <= 0) {
            return "";
        }
        String unit = w.format() == dev.fieldshell.kb.heap.TraceFormat.JSON_WINDOW
                || w.format() == dev.fieldshell.kb.heap.TraceFormat.SYSVIEW_JSON ? "record " : "line ";
        return w.label().replaceAll("#\\d+$", "") + ":" + (unit.equals("line ") ? "" : unit) + m.line() + ": ";
    }

    private void table(HeapAnalysis a, List<ChainReport> shown) {
        line("Chains (allocator frames skipped; rates are allocations per minute)");
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "  %-3s %-11s %7s %10s", "#", "verdict", "live", "live bytes"));
        for (WindowReport w : a.windows()) {
            h.append(String.format(Locale.ROOT, " %14s", Units.shortLabel(w) + "/min"));
        }
        h.append(String.format(Locale.ROOT, "  %-26s %s", "fingerprint × repeats", "chain"));
        line(h.toString());
        int i = 1;
        for (ChainReport c : shown) {
            StringBuilder r = new StringBuilder(String.format(Locale.ROOT, "  %-3d %s %7d %10s", i++,
                    verdictCell(c.verdict()), c.alive(), Units.bytes(c.aliveBytes())));
            for (ChainWindow w : c.windows()) {
                r.append(String.format(Locale.ROOT, " %14s", w.present() ? Units.rate(w.perMinute()) : "-"));
            }
            String fp = c.fingerprint().found()
                    ? abbreviate(c.fingerprint().describe(), 19) + " ×" + c.fingerprint().repeats()
                    : "-";
            r.append(String.format(Locale.ROOT, "  %-26s %s", fp, abbreviate(c.key(), CHAIN_WIDTH)));
            line(r.toString());
        }
    }

    private String verdictCell(Verdict v) {
        String text = String.format(Locale.ROOT, "%-11s", v.label());
        return switch (v) {
            case LIKELY_LEAK -> paint(RED, text);
            case TRANSIENT -> paint(GREEN, text);
            case UNKNOWN -> paint(YELLOW, text);
        };
    }

    private void bars(List<ChainReport> shown) {
        line("Live bytes per chain");
        long max = shown.stream().mapToLong(ChainReport::aliveBytes).max().orElse(0);
        int i = 1;
        for (ChainReport c : shown) {
            int n = max == 0 ? 0 : (int) Math.round(40.0 * c.aliveBytes() / max);
            if (n == 0 && c.aliveBytes() > 0) {
                n = 1;
            }
            line(String.format(Locale.ROOT, "  %-3d %-40s %s %s", i++, abbreviate(c.key(), 40),
                    paint(c.verdict() == Verdict.LIKELY_LEAK ? RED : DIM, "█".repeat(n)) + " ".repeat(40 - n),
                    Units.bytes(c.aliveBytes())));
        }
    }

    private void details(HeapAnalysis a, List<ChainReport> shown) {
        line("Details");
        int i = 1;
        for (ChainReport c : shown) {
            line(String.format(Locale.ROOT, "  %d. %s  %s", i++, verdictCell(c.verdict()).strip(), c.key()));
            line("     why: " + c.reason());
            if (c.fingerprint().found()) {
                int blocks = c.fingerprint().sizes().size();
                line(String.format(Locale.ROOT, "     fingerprint: %s per occurrence (%d block%s, %s), repeats %d times (%s)",
                        c.fingerprint().describe(), blocks, blocks == 1 ? "" : "s",
                        Units.bytes(c.fingerprint().bytesPerOccurrence()), c.fingerprint().repeats(),
                        c.fingerprint().method().equals("bursts") ? "found as bursts of allocations" : "from size counts"));
            }
            line("     live sizes: " + (c.sizes().isEmpty() ? "none (all freed)" : "") + c.sizes().entrySet().stream().limit(16)
                    .map((Map.Entry<Long, Long> e) -> e.getKey() + " B ×" + e.getValue()).collect(Collectors.joining(", "))
                    + (c.sizes().size() > 16 ? ", …" : ""));
            for (ChainWindow w : c.windows()) {
                if (!w.present()) {
                    line("     " + w.window() + ": absent");
                    continue;
                }
                StringBuilder s = new StringBuilder("     " + w.window() + ": " + w.count() + (w.count() == 1 ? " allocation (" : " allocations (")
                        + Units.bytes(w.bytes()) + "), " + w.alive() + " live; " + Units.rate(w.perMinute()) + "/min");
                if (w.firstCcount() >= 0) {
                    s.append(String.format(Locale.ROOT, "; ccount 0x%08x … 0x%08x", w.firstCcount(), w.lastCcount()));
                }
                if (w.firstLogtimeMs().isPresent()) {
                    s.append("; logtime ").append(w.firstLogtimeMs().getAsLong()).append(" … ")
                            .append(w.lastLogtimeMs().getAsLong()).append(" ms");
                }
                s.append(" |").append(Sparkline.of(w.timeline(), 32)).append("|");
                line(s.toString());
            }
            line("     frames: " + c.frames().stream().map(this::frame).collect(Collectors.joining(" < ")));
            if (!c.falsePositive().isEmpty()) {
                line("     documented false positive: " + c.falsePositive());
            }
            for (KbMatch m : c.kb()) {
                line("     KB: " + m.id() + " — " + m.title() + (m.url().isEmpty() ? "" : " " + m.url()));
            }
        }
    }

    private String frame(Frame f) {
        String s = f.hasFunction() ? f.function() : "?? " + f.hexAddress();
        if (f.hasFunction()) {
            s += " (" + f.hexAddress() + (f.file().isEmpty() ? "" : " " + fileName(f.file()) + ":" + f.line()) + ")";
        }
        if (allocatorFrame.test(f)) {
            s = paint(DIM, s + " [allocator]");
        }
        return s;
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private String paint(String code, String s) {
        return color ? code + s + RESET : s;
    }

    private static String abbreviate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
