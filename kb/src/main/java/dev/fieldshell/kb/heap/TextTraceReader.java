package dev.fieldshell.kb.heap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
    // the record read last: its "freed" line may follow
    private RecordLine pending;
    private long pendingLine;
    private HeapRecord.Release pendingRelease;
    // the statement being assembled (wrapped lines are appended to it), as bytes
    private static final int MAX_STATEMENT = 4 * ByteLines.MAX_LINE;
    private static final byte[] SPACE = {' '};
    private byte[] stmt = new byte[256];
    private int stmtLen;
    private long stmtLine;
    private final CallersCache callerCache = new CallersCache();
    private long skipped;
    private long skipNotes;

    private TextTraceReader(String label, Consumer<TraceEvent> sink) {
        this.label = label;
        this.sink = sink;
    }

    /** Reads every window in {@code in}; the caller owns (and closes) the stream. */
    static void read(InputStream in, String label, Consumer<TraceEvent> sink) throws IOException {
        new TextTraceReader(label, sink).run(in);
    }

    /*
     * The common line (a plain record or "freed" line) is handled as bytes: no decoding, no String, no regular
     * expression. Anything else is decoded and takes the String path below, which is the reference behaviour.
     */
    private void run(InputStream in) throws IOException {
        ByteLines lines = new ByteLines(in);
        while (lines.next()) {
            if (lines.lastWasCapped()) {
                skip(lines.lineNumber(), "line longer than " + ByteLines.MAX_LINE + " bytes");
                continue;
            }
            byte[] b = lines.buf();
            int from = lines.start;
            int to = lines.end;
            if (from < to && !plain(b, from, to)) {
                b = normalize(decode(b, from, to)).getBytes(StandardCharsets.UTF_8);
                from = 0;
                to = b.length;
            }
            if (from == to) {
                if (stmtLen > 0 && !incomplete(statementText())) {
                    statement();
                }
                continue;
            }
            boolean starts = startsStatement(b, from, to);
            if (stmtLen > 0 && !starts && stmtLen + 1 + (to - from) <= MAX_STATEMENT
                    && (incomplete(statementText()) || continuesFrames(b, from, to))) {
                if (stmt[stmtLen - 1] != ':' && b[from] != ':') {
                    append(SPACE, 0, 1);
                }
                append(b, from, to);
                continue;
            }
            if (stmtLen > 0) {
                statement();
            }
            if (starts) {
                append(b, from, to);
                stmtLine = lines.lineNumber();
            } else {
                skip(lines.lineNumber(), "not part of a heap-trace dump: " + abbreviate(decode(b, from, to)));
            }
        }
        if (stmtLen > 0) {
            String last = statementText();
            if (incomplete(last)) {
                stmtLen = 0;
                note(TraceEvent.Kind.TRUNCATED, stmtLine,
                        "the dump ends inside a record (" + abbreviate(last) + "); it was not counted");
            } else {
                statement();
            }
        }
        finishWindow();
        if (skipped > skipNotes) {
            note(TraceEvent.Kind.SKIPPED, lines.lineNumber(), skipped + " lines were not heap-trace lines and were skipped ("
                    + (skipped - skipNotes) + " not listed)");
        }
    }

    private void append(byte[] b, int from, int to) {
        int n = to - from;
        if (stmtLen + n > stmt.length) {
            stmt = Arrays.copyOf(stmt, Math.max(stmt.length * 2, stmtLen + n));
        }
        System.arraycopy(b, from, stmt, stmtLen, n);
        stmtLen += n;
    }

    private String statementText() {
        return decode(stmt, 0, stmtLen);
    }

    private static String decode(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** Handles the statement assembled so far and empties it. */
    private void statement() {
        int n = stmtLen;
        stmtLen = 0;
        byte c = stmt[0];
        if (c >= '0' && c <= '9') {
            RecordLine r = RecordLine.parse(stmt, 0, n, callerCache);
            if (r != null) {
                record(r, stmtLine);
                return;
            }
        } else if (c == 'f') {
            FreedLine f = FreedLine.parse(stmt, 0, n, callerCache);
            if (f != null) {
                freed(f.task(), f.by(), stmtLine);
                return;
            }
        }
        statement(decode(stmt, 0, n), stmtLine);
    }

    /** {@link #startsStatement(String)} on bytes, with the record and "freed" lines decided without decoding. */
    private static boolean startsStatement(byte[] b, int from, int to) {
        byte c = b[from];
        if (c >= '0' && c <= '9') {
            int sp = from;
            while (sp < to && b[sp] != ' ') {
                sp++;
            }
            if (sp == to) {
                return false;
            }
            return new ByteCursor(b, sp, to).skip(" bytes (@") || STARTS.matcher(decode(b, from, to)).lookingAt();
        }
        if (c == 'f') {
            return new ByteCursor(b, from, to).skip("freed") && (to - from == 5 || b[from + 5] == ' ');
        }
        return STARTS.matcher(decode(b, from, to)).lookingAt();
    }

    /** True when the line has nothing to clean (no ANSI, tab, quote, doubled or edge spaces): the common case. */
    private static boolean plain(byte[] b, int from, int to) {
        byte first = b[from];
        if (first == ' ' || first == '>' || first == '[' || first == '\t' || b[to - 1] == ' ') {
            return false;
        }
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == 0x1B || c == '\t' || (c == ' ' && b[i + 1] == ' ')) {
                return false;
            }
        }
        return true;
    }

    private boolean continuesFrames(byte[] b, int from, int to) {
        return b[from] == ':' || (stmt[stmtLen - 1] == ':' && to - from >= 2 && b[from] == '0' && b[from + 1] == 'x');
    }

    static String normalize(String raw) {
        String s = ANSI.matcher(raw).replaceAll("");
        s = QUOTE.matcher(s).replaceFirst("");
        s = TERMINAL_TIME.matcher(s).replaceFirst("");
        return SPACES.matcher(s.strip()).replaceAll(" ");
    }

    private static boolean incomplete(String s) {
        if (s.startsWith("freed")) {
            return s.endsWith(":") || s.endsWith(" by") || s.endsWith(" task") || !FREED.matcher(s).matches();
        }
        if (Character.isDigit(s.charAt(0)) && s.contains(" bytes (@")) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return s.endsWith(":") || (RecordLine.parse(b, 0, b.length, new CallersCache()) == null
                    && !RECORD.matcher(s).matches());
        }
        if (s.startsWith("Heap tracing ") && s.contains("ccount")) {
            return !OVMS_HEADER.matcher(s).matches();
        }
        return false;
    }

    private void statement(String s, long line) {
        Matcher m;
        if ((m = RECORD.matcher(s)).matches()) {
            record(m, line);
        } else if ((m = FREED.matcher(s)).matches()) {
            freed(handle(m.group(1)), callers(m.group(2)), line);
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
        String addr = m.group(2);
        RecordLine r;
        try {
            r = new RecordLine(Long.parseLong(m.group(1)), addr.startsWith("0x") ? Long.parseUnsignedLong(addr.substring(2), 16) : 0,
                    m.group(3) == null ? "" : m.group(3), Integer.parseInt(m.group(4)), handle(m.group(5)),
                    Long.parseUnsignedLong(m.group(6).substring(2), 16), callers(m.group(7)), m.group(8) != null);
        } catch (NumberFormatException e) {
            skip(line, "a number out of range in a record: " + abbreviate(m.group()));
            return;
        }
        record(r, line);
    }

    private void record(RecordLine r, long line) {
        flushPending();
        openWindow();
        if (format == TraceFormat.UNKNOWN) {
            format = r.memory().isEmpty() ? TraceFormat.IDF_TEXT_V3 : TraceFormat.IDF_TEXT_V51;
        }
        pending = r;
        pendingLine = line;
        pendingRelease = r.freed() ? HeapRecord.Release.UNKNOWN : null;
        recordsInWindow = true;
    }

    private void freed(long task, Callers by, long line) {
        if (pending == null) {
            skip(line, "a 'freed' line without a record before it");
            return;
        }
        pendingRelease = task == 0 && by.size() == 0 ? HeapRecord.Release.UNKNOWN : new HeapRecord.Release(task, by);
        flushPending();
    }

    private void flushPending() {
        if (pending != null) {
            RecordLine r = pending;
            sink.accept(new TraceEvent.Allocation(new HeapRecord(r.size(), r.address(), r.cpu(), r.task(), r.ccount(),
                    Double.NaN, r.memory(), r.callers(), pendingRelease == null ? Optional.empty() : Optional.of(pendingRelease),
                    pendingLine)));
            pending = null;
            pendingRelease = null;
        }
    }

    /** {@code 0x400d276d:0x400d27c1} (or space-separated) → caller addresses, zero padding dropped. */
    private Callers callers(String list) {
        if (list == null || list.isBlank()) {
            return Callers.NONE;
        }
        byte[] b = list.getBytes(StandardCharsets.UTF_8);
        return callerCache.parse(b, 0, b.length);
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
