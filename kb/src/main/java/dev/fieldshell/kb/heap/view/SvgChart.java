package dev.fieldshell.kb.heap.view;

import dev.fieldshell.kb.heap.ChainReport;
import dev.fieldshell.kb.heap.HeapAnalysis;
import dev.fieldshell.kb.heap.Verdict;
import dev.fieldshell.kb.heap.WindowReport;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained SVG to attach to a mail or an issue: live bytes per chain as horizontal bars
 * coloured by verdict, and each window's allocations over CCOUNT as a column chart. No scripts, no
 * external fonts or images.
 */
public final class SvgChart {
    private static final int MIN_WIDTH = 960;
    private static final int BAR_H = 22;
    private static final int LABEL_W = 430;
    private static final int BAR_MAX = MIN_WIDTH - LABEL_W - 110;
    /** Advance of a monospace glyph as a fraction of the font size (0.6 for the common monospace fonts). */
    private static final double GLYPH = 0.6;

    private SvgChart() {}

    public static String render(HeapAnalysis a, int maxChains) {
        List<ChainReport> chains = a.chains().stream().limit(maxChains).toList();
        int barsTop = 70;
        int timelineTop = barsTop + chains.size() * BAR_H + 50;
        int height = timelineTop + a.windows().size() * 90 + 20;
        String title = String.format(Locale.ROOT, "Heap trace: %d window%s, %d records, clock %s (%s)",
                a.windows().size(), a.windows().size() == 1 ? "" : "s", a.records(), Units.mhz(a.clockHz()), a.clockSource());
        long max = chains.stream().mapToLong(ChainReport::aliveBytes).max().orElse(1);
        // wide enough for the title and for every bar's label after its bar, so nothing is cut at the right edge
        int width = Math.max(MIN_WIDTH, 20 + textWidth(title, 15));
        for (ChainReport c : chains) {
            width = Math.max(width, LABEL_W + barWidth(c, max) + 6 + textWidth(barLabel(c), 12) + 10);
        }
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"monospace\" font-size=\"12\">\n", width, height, width, height));
        s.append("<title>Heap trace: live bytes per caller chain</title>\n");
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", width, height));
        s.append(text(10, 22, 15, "bold", title));
        if (a.incomplete()) {
            s.append(text(10, 42, 12, "bold", "data incomplete: records are missing from at least one window").replace("<text", "<text fill=\"#b35900\""));
        }
        s.append(text(10, barsTop - 8, 13, "bold", "Live bytes per chain (red: likely leak, grey: transient, amber: unknown)"));
        for (int i = 0; i < chains.size(); i++) {
            ChainReport c = chains.get(i);
            int y = barsTop + i * BAR_H;
            int w = barWidth(c, max);
            String fill = c.verdict() == Verdict.LIKELY_LEAK ? "#c62828" : c.verdict() == Verdict.TRANSIENT ? "#9e9e9e" : "#f9a825";
            s.append(text(10, y + 15, 12, "normal", abbreviate(c.key(), 58)));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>\n",
                    LABEL_W, y + 3, w, BAR_H - 6, fill, esc(c.verdict().label() + ": " + c.reason())));
            s.append(text(LABEL_W + w + 6, y + 15, 12, "normal", barLabel(c)));
        }
        int y = timelineTop;
        for (WindowReport w : a.windows()) {
            s.append(text(10, y, 13, "bold", "Allocations over ccount: " + w.label() + " (" + w.records() + " records, "
                    + Units.seconds(w.durationSeconds()) + ")"));
            long[] t = w.timeline();
            long tmax = 1;
            for (long v : t) {
                tmax = Math.max(tmax, v);
            }
            int plotW = width - 20;
            double colW = t.length == 0 ? 0 : (double) plotW / t.length;
            s.append(String.format(Locale.ROOT, "<line x1=\"10\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>\n", y + 70, 10 + plotW, y + 70));
            for (int i = 0; i < t.length; i++) {
                if (t[i] == 0) {
                    continue;
                }
                double h = 60.0 * t[i] / tmax;
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#1565c0\"><title>%d</title></rect>\n",
                        10 + i * colW, y + 70 - h, Math.max(1, colW - 1), h, t[i]));
            }
            y += 90;
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static int barWidth(ChainReport c, long max) {
        return max == 0 ? 0 : (int) Math.max(c.aliveBytes() > 0 ? 1 : 0, Math.round((double) BAR_MAX * c.aliveBytes() / max));
    }

    private static String barLabel(ChainReport c) {
        return Units.bytes(c.aliveBytes())
                + (c.fingerprint().found() ? "  " + c.fingerprint().describe() + " ×" + c.fingerprint().repeats() : "");
    }

    private static int textWidth(String s, int fontSize) {
        return (int) Math.ceil(s.codePointCount(0, s.length()) * fontSize * GLYPH);
    }

    private static String text(int x, int y, int size, String weight, String body) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"%s\">%s</text>\n", x, y, size, weight, esc(body));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String abbreviate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
