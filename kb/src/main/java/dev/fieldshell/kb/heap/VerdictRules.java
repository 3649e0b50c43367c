package dev.fieldshell.kb.heap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Turns a chain's measurements into a verdict and a one-sentence reason. Thresholds come from
 * {@code verdict.properties}.
 *
 * @param lateFraction    a chain whose first live block falls after this fraction of the window is "live at stop"
 * @param burstGapSeconds live blocks closer than this belong to one occurrence
 * @param minRepeats      how often a size pattern must occur to be a fingerprint
 * @param growthFactor    rise in live blocks per minute that counts as growing
 * @param singleWindowMinRepeats repetitions needed to call a leak from one window alone
 */
public record VerdictRules(double lateFraction, double burstGapSeconds, int minRepeats, double growthFactor,
        int singleWindowMinRepeats) {

    public static VerdictRules bundled() {
        Properties p = new Properties();
        try (InputStream in = VerdictRules.class.getResourceAsStream("verdict.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new VerdictRules(
                Double.parseDouble(p.getProperty("late.fraction", "0.9")),
                Double.parseDouble(p.getProperty("burst.gap.seconds", "1.0")),
                Integer.parseInt(p.getProperty("min.repeats", "2")),
                Double.parseDouble(p.getProperty("growth.factor", "1.2")),
                Integer.parseInt(p.getProperty("single.window.min.repeats", "3")));
    }

    /** The verdict for a chain whose measurements are all filled in except verdict and reason. */
    Decision decide(ChainReport c, int windowCount) {
        List<ChainWindow> present = c.windows().stream().filter(ChainWindow::present).toList();
        String depth = c.allocatorOnly()
                ? " (every recorded frame is inside the allocator: raise CONFIG_HEAP_TRACING_STACK_DEPTH to see the caller)"
                : "";
        if (c.alive() == 0) {
            return new Decision(Verdict.TRANSIENT, (c.count() == 1 ? "its one allocation was" : "all " + c.count() + " allocations were")
                    + " freed while tracing" + depth);
        }
        boolean late = !present.isEmpty() && present.stream()
                .filter(w -> w.alive() > 0)
                .allMatch(w -> !Double.isNaN(w.firstFraction()) && w.firstFraction() >= lateFraction);
        String where = present.stream().map(ChainWindow::window).collect(Collectors.joining(", "));
        String fp = c.falsePositive();
        Fingerprint f = c.fingerprint();
        boolean steady = windowCount >= 2 && (c.persistence() == Persistence.PERSISTS || c.persistence() == Persistence.GROWS);
        // a documented false positive needs the pattern to repeat inside every window, not just once per window
        boolean repeatsInEachWindow = f.found() && present.stream().allMatch(w -> w.repeats() >= minRepeats);
        if (late && !(steady && repeatsInEachWindow)) {
            return new Decision(Verdict.TRANSIENT, String.format(Locale.ROOT,
                    "its %d live block%s allocated in the last %d%% of %s, so %s live when tracing stopped"
                            + " and most likely freed right after (documented false positive: allocated after"
                            + " heap_trace_start, freed after heap_trace_stop)%s%s",
                    c.alive(), c.alive() == 1 ? " was" : "s were", Math.round((1 - lateFraction) * 100), where,
                    c.alive() == 1 ? "it was" : "they were",
                    fp.isEmpty() ? "" : "; also " + fp, depth));
        }
        if (!fp.isEmpty() && !(steady && repeatsInEachWindow)) {
            return new Decision(Verdict.TRANSIENT, "documented false positive of heap tracing: " + fp + depth);
        }
        String pattern = f.found()
                ? String.format(Locale.ROOT, "; the same %d-block pattern %s repeats %s", f.sizes().size(), f.describe(),
                        repeatsText(c))
                : "";
        if (windowCount >= 2) {
            if (steady && (f.found() || c.persistence() == Persistence.GROWS)) {
                return new Decision(Verdict.LIKELY_LEAK, (windowCount == 2 ? "live in both windows (" : "live in all "
                        + windowCount + " windows (") + perWindow(c) + "), never freed" + pattern + (fp.isEmpty() ? "" : "; note " + fp) + depth);
            }
            if (!steady && !f.found()) {
                return new Decision(Verdict.TRANSIENT, c.persistence().label() + ": present only in " + where
                        + ", so it does not accumulate across windows" + depth);
            }
            return new Decision(Verdict.UNKNOWN, c.persistence().label() + " (" + perWindow(c) + ")" + pattern
                    + "; capture another, longer window to see whether it keeps accumulating" + depth);
        }
        ChainWindow w = present.get(0);
        if (f.found() && f.repeats() >= singleWindowMinRepeats && !Double.isNaN(w.firstFraction()) && w.firstFraction() < 0.5) {
            return new Decision(Verdict.LIKELY_LEAK, String.format(Locale.ROOT,
                    "%d live blocks (%d B) spread over the window, never freed%s%s%s", c.alive(), c.aliveBytes(),
                    pattern, c.count() > c.alive() ? " (" + (c.count() - c.alive()) + " other allocations were freed)" : "",
                    depth));
        }
        return new Decision(Verdict.UNKNOWN, c.alive() + " live block" + (c.alive() == 1 ? "" : "s")
                + " in one window" + (f.found() ? pattern : " with no repeating size pattern")
                + "; compare with a second, longer window" + depth);
    }

    private static String perWindow(ChainReport c) {
        return c.windows().stream()
                .map(w -> w.alive() + " in " + w.window()
                        + (Double.isNaN(w.alivePerMinute()) ? "" : String.format(Locale.ROOT, " = %.1f/min", w.alivePerMinute())))
                .collect(Collectors.joining(" → "));
    }

    private static String repeatsText(ChainReport c) {
        List<ChainWindow> ws = c.windows().stream().filter(w -> w.repeats() > 0).toList();
        if (ws.size() <= 1) {
            return c.fingerprint().repeats() + " times";
        }
        return ws.stream().map(w -> String.valueOf(w.repeats())).collect(Collectors.joining(" and ")) + " times";
    }

    /** A verdict and its reason. */
    record Decision(Verdict verdict, String reason) {}
}
