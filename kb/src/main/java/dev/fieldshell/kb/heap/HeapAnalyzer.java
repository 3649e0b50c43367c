package dev.fieldshell.kb.heap;

import dev.fieldshell.kb.crash.Frame;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Consumes reader events and aggregates them per window and caller chain; {@link #finish} turns the
 * totals into a {@link HeapAnalysis}. Memory grows with distinct chains, sizes and addresses, never
 * with the number of records.
 */
public final class HeapAnalyzer implements Consumer<TraceEvent> {
    private static final String OTHER = "(other chains)";
    private static final long WRAP = 1L << 32;
    /** A CCOUNT that steps back by less than this is reordering between the two cores, not a wrap. */
    private static final long BACKSTEP = 1L << 24;
    private static final int MAX_NOTES = 40;
    /** Live blocks remembered per window to see an address allocated twice (bounded: a heap holds fewer blocks). */
    private static final int MAX_LIVE = 1 << 18;

    private final AnalysisOptions opts;
    private final long burstGapCycles;
    private final List<WindowTally> windows = new ArrayList<>();
    private final Map<Long, Frame> resolved = new HashMap<>();
    private final Map<Long, Boolean> skipped = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private WindowTally current;

    public HeapAnalyzer(AnalysisOptions opts) {
        this.opts = opts;
        this.burstGapCycles = Math.round(opts.rules().burstGapSeconds() * opts.clockHz());
    }

    private static final class WindowTally {
        TraceEvent.WindowStart start;
        long records;
        long alive;
        long aliveBytes;
        long freed;
        long totalAllocs = -1;
        long totalFrees = -1;
        String mode = "";
        boolean incomplete;
        final List<WindowReport.Message> notes = new ArrayList<>();
        long droppedNotes;
        final LinkedHashMap<String, ChainTally> chains = new LinkedHashMap<>();
        /** Raw caller frames → chain, so a repeated caller list skips resolving and key building. */
        final Map<Callers, ChainTally> byRaw = new HashMap<>();
        final LiveBlocks live = new LiveBlocks(MAX_LIVE);
        final List<ChainTally> byIndex = new ArrayList<>();
        final Timeline timeline = new Timeline();
        boolean hasOrigin;
        long prevRaw;
        long unwrapped;
        double firstSeconds = Double.NaN;
        long maxT = Long.MIN_VALUE;
        long wraps;
        long reused;

        WindowTally(TraceEvent.WindowStart s) {
            start = s;
            if (s.startCcount().isPresent()) {
                hasOrigin = true;
                prevRaw = s.startCcount().getAsLong();
            }
        }
    }

    @Override
    public void accept(TraceEvent e) {
        if (e instanceof TraceEvent.Allocation a) { // nearly every event: skip the type switch
            allocation(window(), a.record());
            return;
        }
        switch (e) {
            case TraceEvent.WindowStart s -> {
                if (current != null && current.start.label().equals(s.label())) {
                    current.start = s;
                    if (!current.hasOrigin && s.startCcount().isPresent() && current.records == 0) {
                        current.hasOrigin = true;
                        current.prevRaw = s.startCcount().getAsLong();
                    }
                } else {
                    closeCurrent();
                    current = new WindowTally(s);
                    windows.add(current);
                }
            }
            case TraceEvent.Allocation a -> allocation(window(), a.record());
            case TraceEvent.Free f -> free(window(), f);
            case TraceEvent.Summary s -> {
                WindowTally w = window();
                w.totalAllocs = s.totalAllocations();
                w.totalFrees = s.totalFrees();
                w.mode = s.mode();
            }
            case TraceEvent.Note n -> {
                WindowTally w = window();
                if (n.kind() == TraceEvent.Kind.OVERFLOW || n.kind() == TraceEvent.Kind.TRUNCATED) {
                    w.incomplete = true;
                }
                if (w.notes.size() < MAX_NOTES) {
                    w.notes.add(new WindowReport.Message(n.kind(), n.line(), n.text()));
                } else {
                    w.droppedNotes++;
                }
            }
        }
    }

    private WindowTally window() {
        if (current == null) {
            current = new WindowTally(new TraceEvent.WindowStart("input", TraceFormat.UNKNOWN, OptionalLong.empty(),
                    OptionalLong.empty(), -1, -1, Double.NaN, ""));
            windows.add(current);
        }
        return current;
    }

    private void closeCurrent() {
        if (current != null) {
            current.chains.values().forEach(ChainTally::closeBurst);
        }
    }

    private long time(WindowTally w, HeapRecord r) {
        if (!Double.isNaN(r.seconds())) {
            if (Double.isNaN(w.firstSeconds)) {
                w.firstSeconds = r.seconds();
            }
            return Math.round((r.seconds() - w.firstSeconds) * opts.clockHz());
        }
        if (r.ccount() < 0) {
            return Long.MIN_VALUE;
        }
        long raw = r.ccount() & (WRAP - 1);
        if (!w.hasOrigin) {
            w.hasOrigin = true;
            w.prevRaw = raw;
            return 0;
        }
        long d = (raw - w.prevRaw) & (WRAP - 1);
        if (d > WRAP - BACKSTEP) {
            d -= WRAP;
        } else if (raw < w.prevRaw) {
            w.wraps++;
        }
        w.prevRaw = raw;
        w.unwrapped += d;
        return w.unwrapped;
    }

    private void allocation(WindowTally w, HeapRecord r) {
        long t = time(w, r);
        w.records++;
        if (r.alive()) {
            w.alive++;
            w.aliveBytes += r.size();
        } else {
            w.freed++;
        }
        if (t != Long.MIN_VALUE) {
            w.timeline.add(t);
            w.maxT = Math.max(w.maxT, t);
        }
        if (r.alive() && r.address() != 0) {
            long before = w.live.remove(r.address());
            if (before != -1) {
                // the block at this address was allocated again, so it was freed in between: that free is missing
                release(w, before);
                w.reused++;
            }
        }
        ChainTally c = chain(w, r.caller());
        c.add(r, t, burstGapCycles);
        if (r.alive() && r.address() != 0) {
            w.live.put(r.address(), c.index, r.size());
        }
    }

    private void free(WindowTally w, TraceEvent.Free f) {
        long hit = w.live.remove(f.address());
        if (hit != -1) {
            release(w, hit);
        }
    }

    private static void release(WindowTally w, long packed) {
        long size = LiveBlocks.sizeOf(packed);
        w.byIndex.get(LiveBlocks.chainOf(packed)).released(size);
        w.alive--;
        w.aliveBytes -= size;
        w.freed++;
    }

    private ChainTally chain(WindowTally w, Callers key) {
        ChainTally known = w.byRaw.get(key);
        if (known != null) {
            return known;
        }
        ChainTally c = newChain(w, key.frames());
        if (w.byRaw.size() < 4 * opts.maxChains()) {
            w.byRaw.put(key, c);
        }
        return c;
    }

    private ChainTally newChain(WindowTally w, List<Frame> raw) {
        List<Frame> frames = new ArrayList<>(raw.size());
        StringBuilder key = new StringBuilder();
        for (Frame f : raw) {
            Frame r = resolved.computeIfAbsent(f.address(), a -> opts.resolver().resolve(f));
            frames.add(r);
            if (!skipped.computeIfAbsent(f.address(), a -> opts.allocatorFrame().test(r))) {
                if (!key.isEmpty()) {
                    key.append(" < ");
                }
                key.append(r.hasFunction() ? r.function() : r.hexAddress());
            }
        }
        boolean allocatorOnly = false;
        if (key.isEmpty()) {
            if (frames.isEmpty()) {
                key.append("(no caller recorded)");
            } else {
                allocatorOnly = true;
                for (Frame f : frames) {
                    if (!key.isEmpty()) {
                        key.append(" < ");
                    }
                    key.append(f.hasFunction() ? f.function() : f.hexAddress());
                }
            }
        }
        String k = key.toString();
        ChainTally c = w.chains.get(k);
        if (c == null) {
            if (w.chains.size() >= opts.maxChains()) {
                c = w.chains.get(OTHER);
                if (c == null) {
                    c = new ChainTally(OTHER, List.of(), false, w.byIndex.size());
                    w.byIndex.add(c);
                    w.chains.put(OTHER, c);
                }
            } else {
                c = new ChainTally(k, List.copyOf(frames), allocatorOnly, w.byIndex.size());
                w.byIndex.add(c);
                w.chains.put(k, c);
            }
        }
        return c;
    }

    /** Builds the analysis from everything consumed so far. */
    public HeapAnalysis finish(ChainMatcher matcher) {
        closeCurrent();
        List<WindowReport> reports = new ArrayList<>();
        List<Long> widths = new ArrayList<>();
        for (WindowTally w : windows) {
            List<WindowReport.Message> msgs = new ArrayList<>();
            long span = Math.max(0, w.maxT == Long.MIN_VALUE ? 0 : w.maxT);
            double duration = w.start.durationSeconds();
            String source = w.start.durationSource();
            if (Double.isNaN(duration) && span > 0) {
                duration = span / opts.clockHz();
                source = w.start.format() == TraceFormat.SYSVIEW_JSON
                        ? "event timestamps"
                        : String.format(Locale.ROOT, "ccount span at %s MHz (a lower bound: a gap longer than one"
                                + " %.1f s ccount wrap between two records is invisible)", mhz(opts.clockHz()),
                                WRAP / opts.clockHz());
            }
            if (!Double.isNaN(w.start.durationSeconds()) && span > 0 && w.start.format() != TraceFormat.SYSVIEW_JSON
                    && span / opts.clockHz() < 0.8 * w.start.durationSeconds()) {
                msgs.add(new WindowReport.Message(TraceEvent.Kind.SKIPPED, 0, String.format(Locale.ROOT,
                        "ccount accounts for only %.0f s of the window's %.0f s: it wraps every %.1f s at %s MHz, so"
                                + " gaps between records hide whole wraps and positions in time are approximate",
                        span / opts.clockHz(), w.start.durationSeconds(), WRAP / opts.clockHz(), mhz(opts.clockHz()))));
            }
            long width = w.timeline.width();
            widths.add(width);
            msgs.addAll(0, w.notes);
            if (w.reused > 0) {
                msgs.add(new WindowReport.Message(TraceEvent.Kind.TRUNCATED, 0, w.reused + " block address"
                        + (w.reused == 1 ? " was" : "es were") + " allocated again while the earlier block there was still"
                        + " listed as live: the frees in between are missing from the dump (those blocks are counted as freed)"));
                w.incomplete = true;
            }
            if (w.droppedNotes > 0) {
                msgs.add(new WindowReport.Message(TraceEvent.Kind.SKIPPED, 0, w.droppedNotes + " further notes not shown"));
            }
            if (w.start.declared() >= 0 && w.start.format() != TraceFormat.JSON_WINDOW && w.records < w.start.declared()
                    && !w.incomplete) {
                w.incomplete = true;
                msgs.add(new WindowReport.Message(TraceEvent.Kind.TRUNCATED, 0, "the dump announced " + w.start.declared()
                        + " records but holds " + w.records + ": data is incomplete"));
            }
            if (w.start.format() == TraceFormat.JSON_WINDOW && w.start.declared() >= 0 && w.records != w.start.declared()) {
                w.incomplete |= w.records < w.start.declared();
                msgs.add(new WindowReport.Message(TraceEvent.Kind.TRUNCATED, 0, "\"count\" says " + w.start.declared()
                        + " records but " + w.records + " were read"));
            }
            if (w.start.capacity() > 0 && w.records >= w.start.capacity() && !w.incomplete) {
                msgs.add(new WindowReport.Message(TraceEvent.Kind.OVERFLOW, 0, "the buffer is full (" + w.records + "/"
                        + w.start.capacity() + " records): later allocations may not have been recorded"));
                w.incomplete = true;
            }
            reports.add(new WindowReport(w.start.label(), w.start.format(), w.start.capacity(), w.start.declared(),
                    w.records, w.alive, w.aliveBytes, w.freed, duration, source, span, w.start.startCcount(),
                    w.start.startLogtimeMs(), w.totalAllocs, w.totalFrees, w.mode, w.timeline.rebin(width, span),
                    width / opts.clockHz(), msgs, w.incomplete));
        }
        List<ChainReport> chains = chains(reports, widths);
        List<ChainReport> withKb = new ArrayList<>(chains.size());
        int looked = 0;
        for (ChainReport c : chains) {
            // transient chains are not asked: a note that names them usually does so to say "not this leak"
            boolean worth = c.verdict() != Verdict.TRANSIENT;
            if (worth && looked < 25 && !c.key().equals(OTHER)) {
                looked++;
                withKb.add(c.withKb(matcher.matches(c)));
            } else {
                withKb.add(c);
            }
        }
        if (windows.stream().anyMatch(w -> w.chains.containsKey(OTHER))) {
            notes.add("more than " + opts.maxChains() + " distinct chains in a window: the rest are pooled as " + OTHER);
        }
        return new HeapAnalysis(opts.clockHz(), opts.clockSource(), reports, withKb, notes);
    }

    private List<ChainReport> chains(List<WindowReport> reports, List<Long> widths) {
        LinkedHashMap<String, ChainTally[]> byKey = new LinkedHashMap<>();
        for (int i = 0; i < windows.size(); i++) {
            for (ChainTally c : windows.get(i).chains.values()) {
                byKey.computeIfAbsent(c.key, k -> new ChainTally[windows.size()])[i] = c;
            }
        }
        int n = windows.size();
        List<ChainReport> out = new ArrayList<>(byKey.size());
        for (Map.Entry<String, ChainTally[]> e : byKey.entrySet()) {
            ChainTally[] per = e.getValue();
            ChainTally any = null;
            long count = 0, bytes = 0, alive = 0, aliveBytes = 0;
            TreeMap<Long, Long> sizes = new TreeMap<>();
            Map<String, Long> shapes = new HashMap<>();
            for (ChainTally c : per) {
                if (c == null) {
                    continue;
                }
                any = any == null ? c : any;
                count += c.count;
                bytes += c.bytes;
                alive += c.alive;
                aliveBytes += c.aliveBytes;
                c.aliveSizes.forEach((s, k) -> sizes.merge(s, k, Long::sum));
                c.forEachShape((s, k) -> shapes.merge(s, k, Long::sum));
            }
            Fingerprint fp = FingerprintFinder.find(sizes, shapes, opts.rules().minRepeats());
            List<ChainWindow> cws = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                WindowReport wr = reports.get(i);
                ChainTally c = per[i];
                if (c == null) {
                    cws.add(ChainWindow.absent(wr.label(), wr.timeline().length));
                    continue;
                }
                cws.add(chainWindow(windows.get(i), wr, c, fp, widths.get(i)));
            }
            ChainReport partial = new ChainReport(e.getKey(), any.frames, any.allocatorOnly, cws, count, bytes, alive,
                    aliveBytes, sizes, fp, persistence(cws), opts.falsePositives().match(any.frames), Verdict.UNKNOWN, "",
                    List.of());
            VerdictRules.Decision d = opts.rules().decide(partial, n);
            out.add(new ChainReport(partial.key(), partial.frames(), partial.allocatorOnly(), cws, count, bytes, alive,
                    aliveBytes, sizes, fp, partial.persistence(), partial.falsePositive(), d.verdict(), d.reason(),
                    List.of()));
        }
        out.sort(Comparator.comparingInt((ChainReport c) -> switch (c.verdict()) {
                    case LIKELY_LEAK -> 0;
                    case UNKNOWN -> 1;
                    case TRANSIENT -> 2;
                })
                .thenComparing(Comparator.comparingLong(ChainReport::aliveBytes).reversed())
                .thenComparing(Comparator.comparingLong(ChainReport::bytes).reversed())
                .thenComparing(ChainReport::key));
        return out;
    }

    private ChainWindow chainWindow(WindowTally w, WindowReport wr, ChainTally c, Fingerprint fp, long width) {
        double minutes = wr.durationSeconds() / 60.0;
        OptionalLong firstLog = OptionalLong.empty();
        OptionalLong lastLog = OptionalLong.empty();
        if (wr.startLogtimeMs().isPresent() && wr.startCcount().isPresent() && c.firstT != Long.MIN_VALUE) {
            long base = wr.startLogtimeMs().getAsLong();
            firstLog = OptionalLong.of(base + Math.round(c.firstT / opts.clockHz() * 1000));
            lastLog = OptionalLong.of(base + Math.round(c.lastT / opts.clockHz() * 1000));
        }
        double frac = Double.NaN;
        if (c.firstAliveT != Long.MIN_VALUE && wr.spanCycles() > 0) {
            frac = Math.max(0, (double) c.firstAliveT / wr.spanCycles());
        }
        SortedMap<Long, Long> alive = new TreeMap<>();
        c.aliveSizes.forEach(alive::put);
        long repeats = fp.sizes().isEmpty() ? 0 : FingerprintFinder.repeats(fp.sizes(), alive);
        return new ChainWindow(wr.label(), c.count, c.bytes, c.alive, c.aliveBytes, c.firstRaw, c.lastRaw, firstLog,
                lastLog, frac, minutes > 0 ? c.count / minutes : Double.NaN, minutes > 0 ? c.alive / minutes : Double.NaN,
                repeats, c.timeline.rebin(width, wr.spanCycles()));
    }

    private Persistence persistence(List<ChainWindow> ws) {
        if (ws.size() < 2) {
            return Persistence.SINGLE_WINDOW;
        }
        boolean all = ws.stream().allMatch(ChainWindow::present);
        boolean first = ws.get(0).present();
        boolean last = ws.get(ws.size() - 1).present();
        if (all) {
            double a = ws.get(0).alivePerMinute();
            double b = ws.get(ws.size() - 1).alivePerMinute();
            if (!Double.isNaN(a) && !Double.isNaN(b) && a > 0 && b >= a * opts.rules().growthFactor()) {
                return Persistence.GROWS;
            }
            return Persistence.PERSISTS;
        }
        if (!first && last) {
            return Persistence.APPEARS;
        }
        if (first && !last) {
            return Persistence.VANISHES;
        }
        return Persistence.INTERMITTENT;
    }

    static String mhz(double hz) {
        double m = hz / 1e6;
        return m == Math.rint(m) ? String.valueOf((long) m) : String.format(Locale.ROOT, "%.3f", m);
    }
}
