package dev.fieldshell.kb.crash.noise;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a real capture (serial terminal, mail, issue, SD-card log) back into the lines the device
 * printed: ANSI colour codes (real ESC, literal {@code ESC[0;33m}, bare {@code [0;32m}), terminal
 * timestamps, ESP_LOG and SD-card log prefixes, mail quoting, {@code ␍␊} marks, lines broken
 * mid-token and dumps flattened into one paragraph (crash-formats.md §1.6). Pure and linear: every
 * pattern is bounded and applied once per line.
 */
public final class NoiseRemover {
    private NoiseRemover() {}

    private static final Pattern ANSI = Pattern.compile(
            "(?:\u001B|ESC|\\^\\[|\u241B)\\[[0-9;?]{0,16}[A-Za-z]|\\[[0-9]{1,3}(?:;[0-9]{1,3}){0,4}m");
    private static final Pattern QUOTE = Pattern.compile("^[ \t]{0,3}((?:>[ \t]?){1,32})");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "^(?:\\[\\d{1,2}:\\d{2}:\\d{2}(?:[:.,]\\d{1,6})?\\]"
                    + "|\\[\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,6})?\\]"
                    + "|\\d{1,2}:\\d{2}:\\d{2}[.,:]\\d{3}(?: ->)?(?= ))[ \t]?");
    /** {@code 2020-07-18 11:53:07.123 CEST } as written by the OVMS SD-card logger. */
    private static final Pattern SD_LOG = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?(?: [A-Z]{1,5}[+-]?\\d{0,4})? (?=[EWIDV] \\()");
    /** The {@code (10325) task_wdt: } of an ESP_LOG prefix; group 1 is the tag. */
    private static final String ESP_LOG_TIME_AND_TAG = "\\((?:\\d{1,12}|[\\d:.]{1,16})\\) ([^:\\s][^:]{0,40}): ?";
    /** {@code E (10325) task_wdt: } */
    private static final Pattern ESP_LOG = Pattern.compile("^[EWIDV] " + ESP_LOG_TIME_AND_TAG);
    /** The rest of an ESP_LOG prefix whose level letter a mail client left on the line before. */
    private static final Pattern ESP_LOG_AFTER_LEVEL = Pattern.compile("^" + ESP_LOG_TIME_AND_TAG);

    /**
     * Where a flattened paragraph is split back into lines: before these words or shapes, when they
     * follow 1–4 blanks that do not follow a closing bracket (so {@code [OVMS] ***ERROR***} stays
     * whole); a log prefix split off this way ({@code E (10325) task_wdt:}) is left empty and dropped.
     * Checked only at such positions, each check bounded, so splitting stays linear.
     */
    private static final String[] MARKER_WORDS = {
        "Guru Meditation Error", "Register dump:", "Backtrace:", "ELF file SHA256:", "Rebooting...", "CPU halted.",
        "Last crash:", "Registers:", "Current task on core", "Event: ", "WDT tasks:", "Version: ", "Hardware: ",
        "abort() was called at PC", "CORRUPT HEAP:", "assert failed:", "assertion \"", "Stack memory:", "Detected boot reason:",
        "Reset reason:", "Crash counters:", "This is reset #", "Time at boot:", "Last boot was", "[OVMS]", "***ERROR***",
        "Memory dump at", "Debug exception reason:", "Task watchdog got triggered", "Tasks currently running:",
        "Stack overflow in task", "Pending stack overflow", "Heap corruption detected", "rst:0x", "ESP_ERROR_CHECK failed",
        "Aborting.", "(inlined by)",
    };
    private static final Pattern MARKER_SHAPES = Pattern.compile(
            "Core {1,2}\\d{1,2} (?:register dump:|was running in ISR context:)|Rebooting in \\d|Print CPU \\d|CPU \\d{1,2}: "
                    + "|- [^()\\s][^()]{0,40} \\(CPU [0-9/]{1,5}\\)|0x[0-9a-fA-F]{8}(?:: | is in | - [A-Za-z_])|#\\d{1,3} {1,2}0x"
                    + "|[EWIDV] \\(\\d{1,12}\\) [\\w.-]{1,32}: |\\[\\d\\d:\\d\\d:\\d\\d[:.]\\d{3}\\] ");
    private static final String SHAPE_FIRST_CHARS = "CRP-0#EWIDV[";
    private static final boolean[] MARKER_FIRST = new boolean[128];
    /** {@link #MARKER_WORDS} by their first character, so a position is compared only with the words it can start. */
    private static final String[][] WORDS_BY_FIRST = new String[128][];

    static {
        for (String w : MARKER_WORDS) {
            MARKER_FIRST[w.charAt(0)] = true;
            String[] old = WORDS_BY_FIRST[w.charAt(0)];
            String[] grown = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
            grown[grown.length - 1] = w;
            WORDS_BY_FIRST[w.charAt(0)] = grown;
        }
        for (char c : SHAPE_FIRST_CHARS.toCharArray()) {
            MARKER_FIRST[c] = true;
        }
    }

    private static final Pattern ENDS_WITH_REGISTER_NAME = Pattern.compile("(?:^|\\s)[A-Z][A-Z0-9]{1,8}(?:/FP)?[ \t]{0,8}$");
    private static final Pattern STARTS_WITH_COLON_HEX = Pattern.compile("^[ \t]{0,8}:[ \t]{0,8}0x");
    private static final Pattern ENDS_WITH_REGISTER_COLON = Pattern.compile("(?:^|\\s)[A-Z][A-Z0-9]{1,8}(?:/FP)?[ \t]{0,8}:$");
    private static final Pattern STARTS_WITH_HEX = Pattern.compile("^[ \t]{0,8}0x[0-9a-fA-F]{1,8}\\b");
    private static final Pattern DECODE_ENDS_WITH_AT = Pattern.compile(
            "^(?:--- |WARNING Decoded |Decoded |PC: )?(?:0x[0-9a-fA-F]{8}: |\\(inlined by\\) |#\\d{1,3} {1,2}0x[0-9a-fA-F]{8}).{1,400} at$");
    private static final Pattern DECODE_START = Pattern.compile("^(?:--- |WARNING Decoded |Decoded |PC: )?(?:0x[0-9a-fA-F]{8}: |\\(inlined by\\) |#\\d{1,3} )");
    private static final Pattern ENDS_WITH_ADDRESS_COLON = Pattern.compile("0x[0-9a-fA-F]{8}:$");
    private static final Pattern LABEL_ONLY = Pattern.compile(
            "^(?:Version|Event|WDT tasks|Last crash|Reset reason|Current task on core \\d{1,2}|Debug exception reason|ELF file SHA256):$");
    private static final Pattern HEAP_WITHOUT_GOT = Pattern.compile("^CORRUPT HEAP: (?:Bad head|Bad tail|Invalid data|Size) at .{0,200}$");
    private static final Pattern LOCATION_START = Pattern.compile("^[^\\s]{1,400}:(?:\\d|\\?)");
    private static final Pattern FILE_LINE_END = Pattern.compile(":\\d{1,7}\\)\\.?$");
    private static final Pattern GDB_IS_IN = Pattern.compile("^0x[0-9a-fA-F]{1,8} is in ");

    /** The clean lines of {@code input}; never null, never throws. */
    public static List<CleanLine> clean(String input) {
        List<CleanLine> out = new ArrayList<>();
        if (input == null || input.isEmpty()) {
            return out;
        }
        String text = decodeEntities(normalizeLineMarks(input));
        int lineNo = 0;
        int start = 0;
        int n = text.length();
        while (start <= n) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            lineNo++;
            cleanPhysicalLine(text.substring(start, end), lineNo, out);
            start = end + 1;
        }
        return rejoin(out);
    }

    /** Just the texts of {@link #clean}, joined with newlines (for display and tests). */
    public static String cleanText(String input) {
        StringBuilder sb = new StringBuilder();
        for (CleanLine l : clean(input)) {
            sb.append(l.text()).append('\n');
        }
        return sb.toString();
    }

    /** CRLF, lone CR and the visible {@code ␍␊} marks some web pages show become plain line ends. */
    private static String normalizeLineMarks(String s) {
        if (!hasLineMarks(s)) {
            return s; // the common case: nothing to replace, so no copy
        }
        StringBuilder sb = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                if (i + 1 < n && s.charAt(i + 1) == '\n') {
                    continue;
                }
                sb.append('\n');
            } else if (c == '\u240D') {
                // visible CR: dropped; a visible LF that is not followed by a real line end becomes one
            } else if (c == '\u240A') {
                int j = i + 1;
                while (j < n && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
                    j++;
                }
                boolean realEnd = j >= n || s.charAt(j) == '\n' || s.charAt(j) == '\r';
                if (!realEnd) {
                    sb.append('\n');
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean hasLineMarks(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\u240D' || c == '\u240A') {
                return true;
            }
        }
        return false;
    }

    private static String decodeEntities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        return s.replace("&gt;", ">").replace("&lt;", "<").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
    }

    private static void cleanPhysicalLine(String raw, int lineNo, List<CleanLine> out) {
        String s = raw.indexOf('[') >= 0 ? WorkMeter.matcher(ANSI, raw).replaceAll("") : raw;
        s = stripControls(s);
        int depth = 0;
        LogPrefix log = new LogPrefix();
        for (int guard = 0; guard < 8; guard++) {
            String before = s;
            if (mayBeQuoted(s)) {
                Matcher q = WorkMeter.matcher(QUOTE, s);
                if (q.find()) {
                    depth += count(q.group(1), '>');
                    s = s.substring(q.end());
                }
            }
            s = stripLinePrefixes(s, log);
            if (s.equals(before)) {
                break;
            }
        }
        if (s.length() > 12 && !s.isBlank() && !s.contains("*-OVM-DebugCrash")) {
            List<Integer> marks = markerPositions(s);
            if (marks.isEmpty()) {
                // one piece, the usual case: what the loop below makes of it, without its copies
                String p = stripTrailing(stripLinePrefixes(s, log));
                String stripped = p.strip();
                out.add(new CleanLine(isDecoration(stripped) ? stripped : p.isBlank() ? "" : p, lineNo, depth, log.level, log.tag));
                return;
            }
            List<String> pieces = new ArrayList<>();
            int from = 0;
            for (int at : marks) {
                if (at > from) {
                    pieces.add(s.substring(from, at));
                }
                from = at;
            }
            pieces.add(s.substring(from));
            boolean any = false;
            String carry = "";
            for (String piece : pieces) {
                String p = carry + stripTrailing(stripLinePrefixes(piece, log));
                carry = "";
                if (isDecoration(p.strip())) { // "--- 0x…: f at …", "WARNING Decoded 0x…": keep the decoder's prefix on its line
                    carry = p.strip() + " ";
                    continue;
                }
                if (!p.isBlank()) {
                    out.add(new CleanLine(p, lineNo, depth, log.level, log.tag));
                    log = new LogPrefix(); // a later piece has a log prefix of its own, or none
                    any = true;
                }
            }
            if (!carry.isEmpty()) {
                out.add(new CleanLine(carry.strip(), lineNo, depth));
                any = true;
            }
            if (!any) {
                out.add(new CleanLine("", lineNo, depth));
            }
        } else {
            out.add(new CleanLine(stripTrailing(s), lineNo, depth, log.level, log.tag));
        }
    }

    /** Positions in {@code s} where a flattened line is split (see {@link #MARKER_WORDS}). */
    private static List<Integer> markerPositions(String s) {
        List<Integer> out = new ArrayList<>();
        Matcher shapes = null;
        int n = s.length();
        WorkMeter.add(n);
        for (int i = 2; i < n; i++) {
            char c = s.charAt(i);
            char before = s.charAt(i - 1);
            if (c >= 128 || !MARKER_FIRST[c] || (before != ' ' && before != '\t')) {
                continue;
            }
            int j = i - 1;
            while (j >= 0 && i - j <= 4 && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
                j--;
            }
            if (j < 0 || i - j > 5 || s.charAt(j) == ']' || s.charAt(j) == ' ' || s.charAt(j) == '\t') {
                continue;
            }
            boolean hit = false;
            String[] words = WORDS_BY_FIRST[c];
            if (words != null) {
                for (String w : words) {
                    if (s.startsWith(w, i)) {
                        hit = true;
                        break;
                    }
                }
            }
            if (!hit && SHAPE_FIRST_CHARS.indexOf(c) >= 0) {
                if (shapes == null) {
                    shapes = WorkMeter.matcher(MARKER_SHAPES, s);
                }
                shapes.region(i, Math.min(n, i + 80));
                hit = shapes.lookingAt();
            }
            if (hit) {
                out.add(i);
            }
        }
        return out;
    }

    private static boolean isDecoration(String p) {
        return p.equals("---") || p.equals("WARNING Decoded") || p.equals("Decoded") || p.equals("PC:");
    }

    /** Removes timestamps and log prefixes; {@code log} receives the level letter and tag of a removed ESP_LOG prefix. */
    private static String stripLinePrefixes(String s, LogPrefix log) {
        // Each prefix pattern is anchored and starts with a known character: checking it first spares a
        // matcher for the many lines (prose, register dumps) that start with none of them.
        for (int guard = 0; guard < 6; guard++) {
            String before = s;
            if (!s.isEmpty() && (s.charAt(0) == '[' || isAsciiDigit(s.charAt(0)))) {
                Matcher t = WorkMeter.matcher(TIMESTAMP, s);
                if (t.find()) {
                    s = s.substring(t.end());
                }
            }
            if (!s.isEmpty() && isAsciiDigit(s.charAt(0))) {
                Matcher sd = WorkMeter.matcher(SD_LOG, s);
                if (sd.find()) {
                    s = s.substring(sd.end());
                }
            }
            if (s.length() > 2 && "EWIDV".indexOf(s.charAt(0)) >= 0 && s.charAt(1) == ' ' && s.charAt(2) == '(') {
                Matcher e = WorkMeter.matcher(ESP_LOG, s);
                if (e.find()) {
                    log.level = s.charAt(0);
                    log.tag = e.group(1);
                    s = s.substring(e.end());
                }
            }
            if (s.equals(before)) {
                break;
            }
        }
        return s;
    }

    /** The ESP_LOG prefix removed from a line, if any (filled in while the prefixes are removed). */
    private static final class LogPrefix {
        char level = CleanLine.NO_LEVEL;
        String tag = "";
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The precondition of {@link #QUOTE}: at most three blanks, then {@code >}. */
    private static boolean mayBeQuoted(String s) {
        for (int i = 0; i < s.length() && i <= 3; i++) {
            char c = s.charAt(i);
            if (c == '>') {
                return true;
            }
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return false;
    }

    private static String stripControls(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = (c < 0x20 && c != '\t') || c == 0x7f || c == '\u00A0' || c == '\uFEFF';
            if (bad || c == '\t') {
                if (sb == null) {
                    sb = new StringBuilder(s.length());
                    sb.append(s, 0, i);
                }
                if (c == '\t' || c == '\u00A0') {
                    sb.append(' ');
                }
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static String stripTrailing(String s) {
        int e = s.length();
        while (e > 0 && Character.isWhitespace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(0, e);
    }

    private static int count(String s, char c) {
        int k = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                k++;
            }
        }
        return k;
    }

    /**
     * Lines a mail client broke: mid-token ({@code LEND\n: 0x4008c351}), after a label
     * ({@code Version:\n3.3.004…}), inside a one-line message (a Guru header, a stack-overflow or
     * {@code CORRUPT HEAP} line, gdb's {@code is in f\n(file:line).}, addr2line's {@code f at\n/path:line}),
     * or a DebugCrash record spread over several lines.
     */
    private static List<CleanLine> rejoin(List<CleanLine> lines) {
        List<CleanLine> out = new ArrayList<>(lines.size());
        int joins = 0;
        for (CleanLine l : lines) {
            if (!out.isEmpty()) {
                CleanLine prev = out.get(out.size() - 1);
                String p = prev.text().strip();
                String t = l.text().strip();
                if (p.length() == 1 && "EWIDV".indexOf(p.charAt(0)) >= 0 && t.startsWith("(")) {
                    // a log line broken after its level letter ("E\n(631) system_api: …"): one line, prefix removed
                    Matcher rest = WorkMeter.matcher(ESP_LOG_AFTER_LEVEL, t);
                    if (rest.find()) {
                        out.set(out.size() - 1, new CleanLine(t.substring(rest.end()), prev.lineNumber(), prev.quoteDepth(), p.charAt(0),
                                rest.group(1)));
                        continue;
                    }
                }
                if (!t.isEmpty() && joins < 12 && belongsToPrevious(p, t)) {
                    out.set(out.size() - 1, new CleanLine(p + " " + t, prev.lineNumber(), prev.quoteDepth(), prev.level(), prev.logTag()));
                    joins++;
                    continue;
                }
            }
            joins = 0;
            out.add(l);
        }
        return out;
    }

    private static boolean belongsToPrevious(String p, String t) {
        if (p.isEmpty()) {
            return false;
        }
        char t0 = t.charAt(0);
        if ((t0 == ':' || t0 == ' ') && WorkMeter.matcher(STARTS_WITH_COLON_HEX, t).find() && tail(ENDS_WITH_REGISTER_NAME, p)) {
            return true;
        }
        if (t0 == '0' && p.endsWith(":") && WorkMeter.matcher(STARTS_WITH_HEX, t).find() && tail(ENDS_WITH_REGISTER_COLON, p)) {
            return true;
        }
        if (t0 == '(' && p.startsWith("0x") && WorkMeter.matcher(GDB_IS_IN, p).find() && !WorkMeter.matcher(FILE_LINE_END, p).find()) {
            return true;
        }
        if (p.endsWith(" at") && WorkMeter.matcher(DECODE_ENDS_WITH_AT, p).find() && WorkMeter.matcher(LOCATION_START, t).find()) {
            return true;
        }
        if (p.endsWith(":") && (tail(ENDS_WITH_ADDRESS_COLON, p) || WorkMeter.matcher(LABEL_ONLY, p).find())) {
            return true;
        }
        if (p.endsWith("abort()") && t.startsWith("was called at PC ")) {
            return true;
        }
        if (p.startsWith("Debug exception reason:") && t.startsWith("(") && t.endsWith(")") && t.length() < 60) {
            return true;
        }
        if ((p.startsWith("0x") || p.startsWith("--- ") || p.startsWith("(inlined") || p.startsWith("#") || p.startsWith("WARNING"))
                && unbalanced(p) && (WorkMeter.matcher(DECODE_START, p).find() || WorkMeter.matcher(GDB_IS_IN, p).find())) {
            return true;
        }
        int guru = p.indexOf("panic'ed (");
        if (guru >= 0 && p.indexOf(')', guru) < 0) {
            return true;
        }
        if (p.contains("stack overflow in task") && !p.contains("detected") && t.length() < 60 && t.contains("detected")) {
            return true;
        }
        if (p.startsWith("Version: ") && p.contains("(build") && p.indexOf(')') < 0) {
            return true;
        }
        if (p.startsWith("CORRUPT HEAP: ") && !p.contains(" got 0x") && WorkMeter.matcher(HEAP_WITHOUT_GOT, p).find()) {
            return true;
        }
        int record = p.indexOf("*-OVM-DebugCrash");
        if (record >= 0 && t.charAt(0) != '|' && t.charAt(0) != '+' && !t.contains("*-OVM-") && commas(p) < 24) {
            // a table cell closes the record with '|', but the data may also start after the cell that names it
            String data = p.substring(record + 16).replace('|', ' ').strip();
            return data.isEmpty() || !p.endsWith("|");
        }
        return false;
    }

    /** Does {@code p}'s last few characters match {@code pattern} (anchored at the end)? Bounded work on long lines. */
    private static boolean tail(Pattern pattern, String p) {
        Matcher m = WorkMeter.matcher(pattern, p);
        m.region(Math.max(0, p.length() - 24), p.length());
        m.useAnchoringBounds(false);
        return m.find();
    }

    /** More '(' than ')': a function signature broken inside its argument list. */
    private static boolean unbalanced(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
        }
        return depth > 0;
    }

    private static int commas(String s) {
        int k = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ',') {
                k++;
            }
        }
        return k;
    }
}
