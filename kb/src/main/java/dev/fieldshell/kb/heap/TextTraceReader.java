package dev.fieldshell.kb.heap;

import dev.fieldshell.kb.crash.Frame;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams the text dumps: ESP-IDF standalone v3.3–v5.0 and v5.1+, and OVMS {@code module trace dump}
 * (with its header and the fork's {@code task 0x…} fields). Lines wrapped by a mail client, {@code > }
 * quoting, ANSI colours and a console prompt are tolerated. Memory use is one record, whatever the input size.
 */
final class TextTraceReader {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    private static final Pattern QUOTE = Pattern.compile("^(?:\\s*>)+ ?");
    private static final Pattern TERMINAL_TIME = Pattern.compile("^\\[\\d{1,2}:\\d{2}:\\d{2}(?:[:.]\\d{1,3})?\\]\\s*");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private static final String HEX = "0x[0-9a-fA-F]+";
    private static final Pattern RECORD = Pattern.compile(
            "(\\d+) bytes \\(@ ?(" + HEX + "|0|\\(nil\\))(?:, ?(\\w+))?\\) allocated CPU (\\d+)"
                    + "(?: task (\\S+))? ccount (" + HEX + ")(?: caller ?([0-9a-fA-Fx:]*+))?( freed)?");
    private static final Pattern FREED = Pattern.compile("freed(?: task (\\S+))?(?: by ?([0-9a-fA-Fx:]*+))?");
    private static final Pattern OVMS_HEADER = Pattern.compile(
            "Heap tracing (?:started/resumed|started|resumed|running|paused)(?:, started/resumed)? at ccount (" + HEX
                    + ") = logtime (\\d+).*");
    private static final Pattern V3_HEADER = Pattern.compile("(\\d+) allocations trace \\((\\d+) entry buffer\\)");
    private static final Pattern V51_HEADER = Pattern.compile("=+ Heap Trace: (\\d+) records \\((\\d+) capacity\\) =+");
    private static final Pattern ALIVE = Pattern.compile("(\\d+) bytes (alive|'leaked') in trace \\((\\d+)(?:/(\\d+))? allocations\\)");
    private static final Pattern TOTALS = Pattern.compile("total allocations:? (\\d+)(?: total frees:? (\\d+))?");
    private static final Pattern FREES = Pattern.compile("total frees:? (\\d+)");
    private static final Pattern RECORDS_V51 = Pattern.compile("records: (\\d+) \\((\\d+) capacity(?:, (\\d+) high water mark)?\\)");
    private static final Pattern MODE = Pattern.compile("Mode: Heap Trace (All|Leaks)");
    private static final Pattern STARTS = Pattern.compile(
            "(?:\\d+ bytes \\(@|freed\\b|Heap tracing |\\d+ allocations trace|=+|total |records: |hashmap: |Mode: |\\(NB:"
                    + "|Error:|ERROR:|\\[(?:…|\\.\\.\\.)\\]|OVMS[#>$]|\\d+ bytes (?:alive|'leaked'))");
    private static final int MAX_SKIP_NOTES = 5;

    private final String label;
    private final Consumer<TraceEvent> sink;

    // window being read
    private int windowNo;
    private boolean windowOpen;
    private boolean windowEmitted;
    private boolean recordsInWindow;
    private TraceFormat format = TraceFormat.UNKNOWN;
    private OptionalLong startCcount = OptionalLong.empty();
    private OptionalLong startLogtime = OptionalLong.empty();
    private long capacity = -1;
    private long declared = -1;
    private long totalAllocs = -1;
    private long totalFrees = -1;
    private long aliveBytes = -1;
    private String mode = "";
    private HeapRecord pendingRecord;
    private long skipped;
    private long skipNotes;

    private TextTraceReader(String label, Consumer<TraceEvent> sink) {
        this.label = label;
        this.sink = sink;
    }

    /** Reads every window in {@code in}; the caller owns (and closes) the reader. */
    static void read(Reader in, String label, Consumer<TraceEvent> sink) throws IOException {
        new TextTraceReader(label, sink).run(in);
    }

    private void run(Reader in) throws IOException {
        LineSource lines = new LineSource(in);
        String stmt = null; // the statement being assembled; wrapped lines are appended to it
        long stmtLine = 0;
        String raw;
        while ((raw = lines.next()) != null) {
            if (lines.lastWasCapped()) {
                skip(lines.lineNumber(), "line longer than " + LineSource.MAX_LINE + " characters");
                continue;
            }
            String line = normalize(raw);
            if (line.isEmpty()) {
                if (stmt != null && !incomplete(stmt)) {
                    statement(stmt, stmtLine);
                    stmt = null;
                }
                continue;
            }
            boolean starts = startsStatement(line);
            if (stmt != null && !starts && (incomplete(stmt) || continuesFrames(stmt, line))) {
                boolean glue = stmt.charAt(stmt.length() - 1) == ':' || line.startsWith(":");
                stmt = glue ? stmt + line : stmt + " " + line;
                continue;
            }
            if (stmt != null) {
                statement(stmt, stmtLine);
                stmt = null;
            }
            if (starts) {
                stmt = line;
                stmtLine = lines.lineNumber();
            } else {
                skip(lines.lineNumber(), "not part of a heap-trace dump: " + abbreviate(line));
            }
        }
        if (stmt != null) {
            if (incomplete(stmt)) {
                note(TraceEvent.Kind.TRUNCATED, stmtLine,
                        "the dump ends inside a record (" + abbreviate(stmt) + "); it was not counted");
            } else {
                statement(stmt, stmtLine);
            }
        }
        finishWindow();
        if (skipped > skipNotes) {
            note(TraceEvent.Kind.SKIPPED, lines.lineNumber(), skipped + " lines were not heap-trace lines and were skipped ("
                    + (skipped - skipNotes) + " not listed)");
        }
    }

    static String normalize(String raw) {
        if (plain(raw)) {
            return raw;
        }
        String s = ANSI.matcher(raw).replaceAll("");
        s = QUOTE.matcher(s).replaceFirst("");
        s = TERMINAL_TIME.matcher(s).replaceFirst("");
        return SPACES.matcher(s.strip()).replaceAll(" ");
    }

    /** Whether a line begins a statement of the dump (rather than continuing a wrapped one); STARTS, fast path first. */
    static boolean startsStatement(String line) {
        char c = line.charAt(0);
        if (c >= '0' && c <= '9') {
            int sp = line.indexOf(' ');
            return sp > 0 && (line.startsWith(" bytes (@", sp) || STARTS.matcher(line).lookingAt());
        }
        if (c == 'f') {
            return line.startsWith("freed") && (line.length() == 5 || line.charAt(5) == ' ');
        }
        return STARTS.matcher(line).lookingAt();
    }

    /** True when the line has nothing to clean: the common case, kept off the regular expressions. */
    private static boolean plain(String s) {
        int n = s.length();
        if (n == 0 || s.charAt(0) == ' ' || s.charAt(0) == '>' || s.charAt(0) == '[' || s.charAt(0) == '\t'
                || s.charAt(n - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\u001B' || c == '\t' || (c == ' ' && s.charAt(i + 1) == ' ')) {
                return false;
            }
        }
        return true;
    }

    private static boolean incomplete(String s) {
        if (s.startsWith("freed")) {
            return s.endsWith(":") || s.endsWith(" by") || s.endsWith(" task") || !FREED.matcher(s).matches();
        }
        if (Character.isDigit(s.charAt(0)) && s.contains(" bytes (@")) {
            return s.endsWith(":") || (RecordLine.parse(s) == null && !RECORD.matcher(s).matches());
        }
        if (s.startsWith("Heap tracing ") && s.contains("ccount")) {
            return !OVMS_HEADER.matcher(s).matches();
        }
        return false;
    }

    private static boolean continuesFrames(String stmt, String line) {
        return line.startsWith(":") || (stmt.charAt(stmt.length() - 1) == ':' && line.startsWith("0x"));
    }

    private void statement(String s, long line) {
        RecordLine fast = Character.isDigit(s.charAt(0)) ? RecordLine.parse(s) : null;
        if (fast != null) {
            record(fast, line);
            return;
        }
        Matcher m;
        if ((m = RECORD.matcher(s)).matches()) {
            record(m, line);
        } else if ((m = FREED.matcher(s)).matches()) {
            freed(m, line);
        } else if ((m = OVMS_HEADER.matcher(s)).matches()) {
            newWindowIfUsed();
            format = TraceFormat.OVMS_TRACE_DUMP;
            startCcount = OptionalLong.of(Long.parseUnsignedLong(m.group(1).substring(2), 16));
            startLogtime = OptionalLong.of(Long.parseLong(m.group(2)));
        } else if ((m = V3_HEADER.matcher(s)).matches()) {
            newWindowIfUsed();
            if (format != TraceFormat.OVMS_TRACE_DUMP) {
                format = TraceFormat.IDF_TEXT_V3;
            }
            declared = Long.parseLong(m.group(1));
            capacity = Long.parseLong(m.group(2));
        } else if ((m = V51_HEADER.matcher(s)).matches()) {
            newWindowIfUsed();
            if (format != TraceFormat.OVMS_TRACE_DUMP) {
                format = TraceFormat.IDF_TEXT_V51;
            }
            declared = Long.parseLong(m.group(1));
            capacity = Long.parseLong(m.group(2));
        } else if ((m = ALIVE.matcher(s)).matches()) {
            aliveBytes = Long.parseLong(m.group(1));
            if (mode.isEmpty()) {
                mode = m.group(2).equals("alive") ? "all" : "leaks";
            }
        } else if ((m = TOTALS.matcher(s)).matches()) {
            totalAllocs = Long.parseLong(m.group(1));
            if (m.group(2) != null) {
                totalFrees = Long.parseLong(m.group(2));
            }
        } else if ((m = FREES.matcher(s)).matches()) {
            totalFrees = Long.parseLong(m.group(1));
        } else if ((m = RECORDS_V51.matcher(s)).matches()) {
            capacity = Long.parseLong(m.group(2));
        } else if ((m = MODE.matcher(s)).matches()) {
            mode = m.group(1).equals("All") ? "all" : "leaks";
        } else if (s.contains("Buffer has overflowed")) {
            openWindow();
            note(TraceEvent.Kind.OVERFLOW, line, "the trace buffer overflowed: older records were lost, so trace data is incomplete");
        } else if (s.contains("New entries were traced while dumping")) {
            openWindow();
            note(TraceEvent.Kind.DUPLICATES, line, "new entries were traced while dumping: the dump may hold duplicate records");
        } else if (s.startsWith("[…]") || s.startsWith("[...]")) {
            openWindow();
            note(TraceEvent.Kind.TRUNCATED, line, "records were cut out of this dump (" + s + "): data is incomplete");
        } else if (s.startsWith("Error:") || s.startsWith("ERROR:")) {
            openWindow();
            note(TraceEvent.Kind.ERROR, line, "the module said: " + abbreviate(s));
        } else if (s.startsWith("=") || s.startsWith("hashmap:") || s.startsWith("OVMS")
                || s.startsWith("Heap tracing ")) {
            // decoration, a hash-map statistic, the console prompt or a status line: nothing to keep
        } else {
            skip(line, "not a heap-trace line: " + abbreviate(s));
        }
    }

    private void record(Matcher m, long line) {
        flushPending();
        openWindow();
        if (format == TraceFormat.UNKNOWN) {
            format = m.group(3) != null ? TraceFormat.IDF_TEXT_V51 : TraceFormat.IDF_TEXT_V3;
        }
        String addr = m.group(2);
        long address = addr.startsWith("0x") ? Long.parseUnsignedLong(addr.substring(2), 16) : 0;
        long ccount = Long.parseUnsignedLong(m.group(6).substring(2), 16);
        HeapRecord r = new HeapRecord(
                Long.parseLong(m.group(1)), address, Integer.parseInt(m.group(4)), handle(m.group(5)), ccount,
                Double.NaN, m.group(3), frames(m.group(7)), Optional.empty(), line);
        if (m.group(8) != null) {
            r = r.withFreed(new HeapRecord.Release(0, List.of()));
        }
        pendingRecord = r;
        recordsInWindow = true;
    }

    private void record(RecordLine r, long line) {
        flushPending();
        openWindow();
        if (format == TraceFormat.UNKNOWN) {
            format = r.memory().isEmpty() ? TraceFormat.IDF_TEXT_V3 : TraceFormat.IDF_TEXT_V51;
        }
        HeapRecord rec = new HeapRecord(r.size(), r.address(), r.cpu(), r.task(), r.ccount(), Double.NaN, r.memory(),
                r.frames(), Optional.empty(), line);
        if (r.freed()) {
            rec = rec.withFreed(new HeapRecord.Release(0, List.of()));
        }
        pendingRecord = rec;
        recordsInWindow = true;
    }

    private void freed(Matcher m, long line) {
        if (pendingRecord == null) {
            skip(line, "a 'freed' line without a record before it");
            return;
        }
        pendingRecord = pendingRecord.withFreed(new HeapRecord.Release(handle(m.group(1)), frames(m.group(2))));
        flushPending();
    }

    private void flushPending() {
        if (pendingRecord != null) {
            sink.accept(new TraceEvent.Allocation(pendingRecord));
            pendingRecord = null;
        }
    }

    /** {@code 0x400d276d:0x400d27c1} (or space-separated) → frames, zero padding dropped. Hand-parsed: it runs per record. */
    static List<Frame> frames(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        List<Frame> out = new ArrayList<>(4);
        int n = list.length();
        int i = 0;
        while (i < n) {
            while (i < n && (list.charAt(i) == ':' || list.charAt(i) == ' ')) {
                i++;
            }
            int start = i;
            while (i < n && list.charAt(i) != ':' && list.charAt(i) != ' ') {
                i++;
            }
            if (i - start > 2 && i - start <= 18 && list.charAt(start) == '0' && list.charAt(start + 1) == 'x') {
                long a = hex(list, start + 2, i);
                if (a > 0) {
                    out.add(Frame.raw(a, 0));
                }
            }
        }
        return out;
    }

    /** The hex number in {@code s[from, to)}, or -1 when it is not one. */
    private static long hex(String s, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    private static long handle(String s) {
        if (s == null || !s.startsWith("0x") || s.length() > 18) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(s.substring(2), 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void newWindowIfUsed() {
        if (recordsInWindow || totalAllocs >= 0 || aliveBytes >= 0) {
            finishWindow();
        }
    }

    private void openWindow() {
        if (!windowEmitted) {
            windowNo++;
            windowOpen = true;
            windowEmitted = true;
            String name = windowNo == 1 ? label : label + "#" + windowNo;
            double d = DurationHint.fromFileName(label);
            sink.accept(new TraceEvent.WindowStart(name, format, startCcount, startLogtime, capacity, declared, d,
                    Double.isNaN(d) ? "" : "file name"));
        }
    }

    private void finishWindow() {
        flushPending();
        if (!windowEmitted && (format != TraceFormat.UNKNOWN || totalAllocs >= 0)) {
            openWindow();
        }
        if (windowOpen) {
            // re-announce with what the header and summary said now that they are all known
            String name = windowNo == 1 ? label : label + "#" + windowNo;
            double d = DurationHint.fromFileName(label);
            sink.accept(new TraceEvent.WindowStart(name, format, startCcount, startLogtime, capacity, declared, d,
                    Double.isNaN(d) ? "" : "file name"));
            if (totalAllocs >= 0 || totalFrees >= 0 || aliveBytes >= 0 || !mode.isEmpty()) {
                sink.accept(new TraceEvent.Summary(totalAllocs, totalFrees, aliveBytes, mode));
            }
        }
        windowOpen = false;
        windowEmitted = false;
        recordsInWindow = false;
        format = TraceFormat.UNKNOWN;
        startCcount = OptionalLong.empty();
        startLogtime = OptionalLong.empty();
        capacity = declared = totalAllocs = totalFrees = aliveBytes = -1;
        mode = "";
    }

    private void skip(long line, String why) {
        openWindow();
        skipped++;
        if (skipNotes < MAX_SKIP_NOTES) {
            skipNotes++;
            sink.accept(new TraceEvent.Note(TraceEvent.Kind.SKIPPED, line, why));
        }
    }

    private void note(TraceEvent.Kind kind, long line, String text) {
        openWindow();
        sink.accept(new TraceEvent.Note(kind, line, text));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
