package dev.fieldshell.kb.heap.view;

import dev.fieldshell.kb.heap.WindowReport;
import java.util.Locale;

/** Number formatting shared by the views. */
final class Units {
    private Units() {}

    static String bytes(long b) {
        if (b < 10_000) {
            return b + " B";
        }
        if (b < 10_000_000) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", b / 1048576.0);
    }

    static String rate(double perMinute) {
        return Double.isNaN(perMinute) ? "n/a" : String.format(Locale.ROOT, "%.1f", perMinute);
    }

    static String seconds(double s) {
        if (Double.isNaN(s)) {
            return "unknown";
        }
        return s >= 100 ? String.format(Locale.ROOT, "%.0f s", s) : String.format(Locale.ROOT, "%.1f s", s);
    }

    static String mhz(double hz) {
        double m = hz / 1e6;
        return (m == Math.rint(m) ? String.valueOf((long) m) : String.format(Locale.ROOT, "%.3f", m)) + " MHz";
    }

    static String shortLabel(WindowReport w) {
        String l = w.label();
        int dot = l.lastIndexOf('.');
        String base = dot > 0 && !l.substring(dot).contains("#") ? l.substring(0, dot) : l;
        return base.length() <= 14 ? base : base.substring(0, 13) + "…";
    }

    static String format(dev.fieldshell.kb.heap.TraceFormat f) {
        return switch (f) {
            case IDF_TEXT_V3 -> "ESP-IDF text (v3.3–v5.0)";
            case IDF_TEXT_V51 -> "ESP-IDF text (v5.1+)";
            case OVMS_TRACE_DUMP -> "OVMS module trace dump";
            case JSON_WINDOW -> "JSON window";
            case SYSVIEW_JSON -> "sysview JSON (host mode)";
            case UNKNOWN -> "unrecognised";
        };
    }
}
