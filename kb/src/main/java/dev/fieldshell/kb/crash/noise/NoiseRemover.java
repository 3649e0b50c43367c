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
    /** {@code E (10325) task_wdt: } */
    private static final Pattern ESP_LOG = Pattern.compile("^[EWIDV] \\((?:\\d{1,12}|[\\d:.]{1,16})\\) [^:\\s][^:]{0,40}: ?");

    /**
     * Places where a flattened paragraph is split back into lines. Only after a blank that does not
     * follow a closing bracket, so {@code [OVMS] ***ERROR***} stays whole; a log prefix split off
     * this way ({@code E (10325) task_wdt:}) is left empty and dropped.
     */
    private static final Pattern MARKER = Pattern.compile(
            "(?<=[^\\]\\s][ \t]{1,4})(?="
                    + "Guru Meditation Error|Core {1,2}\\d{1,2} register dump:|Register dump:|Backtrace:|ELF file SHA256:"
                    + "|Rebooting\\.\\.\\.|Rebooting in \\d|CPU halted\\.|Last crash:|Registers:|Current task on core"
                    + "|Event: |WDT tasks:|Version: |Hardware: |abort\\(\\) was called at PC|CORRUPT HEAP:|assert failed:"
                    + "|assertion \"|Stack memory:|Detected boot reason:|Reset reason:|Crash counters:|This is reset #"
                    + "|Time at boot:|Last boot was|\\[OVMS\\]|\\*\\*\\*ERROR\\*\\*\\*|Memory dump at|Debug exception reason:"
                    + "|Core {1,2}\\d{1,2} was running in ISR context:|Task watchdog got triggered|Tasks currently running:"
                    + "|Stack overflow in task|Pending stack overflow|Heap corruption detected|rst:0x|ESP_ERROR_CHECK failed"
                    + "|Print CPU \\d|CPU \\d{1,2}: |- [^()\\s][^()]{0,40} \\(CPU [0-9/]{1,5}\\)|Aborting\\.|\\(inlined by\\)|0x[0-9a-fA-F]{8}: |0x[0-9a-fA-F]{8} is in |#\\d{1,3} {1,2}0x"
                    + "|[EWIDV] \\(\\d{1,12}\\) [\\w.-]{1,32}: |\\[\\d\\d:\\d\\d:\\d\\d[:.]\\d{3}\\] )");

    private static final Pattern ENDS_WITH_REGISTER_NAME = Pattern.compile("(?:^|\\s)[A-Z][A-Z0-9]{1,8}(?:/FP)?[ \t]{0,8}$");
    private static final Pattern STARTS_WITH_COLON_HEX = Pattern.compile("^[ \t]{0,8}:[ \t]{0,8}0x");
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

    private static String decodeEntities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        return s.replace("&gt;", ">").replace("&lt;", "<").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
    }

    private static void cleanPhysicalLine(String raw, int lineNo, List<CleanLine> out) {
        String s = ANSI.matcher(raw).replaceAll("");
        s = stripControls(s);
        int depth = 0;
        for (int guard = 0; guard < 8; guard++) {
            String before = s;
            Matcher q = QUOTE.matcher(s);
            if (q.find()) {
                depth += count(q.group(1), '>');
                s = s.substring(q.end());
            }
            s = stripLinePrefixes(s);
            if (s.equals(before)) {
                break;
            }
        }
        if (s.length() > 12 && !s.isBlank() && !s.contains("*-OVM-DebugCrash")) {
            List<String> pieces = new ArrayList<>();
            Matcher m = MARKER.matcher(s);
            int from = 0;
            while (m.find()) {
                if (m.start() > from) {
                    pieces.add(s.substring(from, m.start()));
                }
                from = m.start();
            }
            pieces.add(s.substring(from));
            boolean any = false;
            for (String piece : pieces) {
                String p = stripTrailing(stripLinePrefixes(piece));
                if (!p.isBlank()) {
                    out.add(new CleanLine(p, lineNo, depth));
                    any = true;
                }
            }
            if (!any) {
                out.add(new CleanLine("", lineNo, depth));
            }
        } else {
            out.add(new CleanLine(stripTrailing(s), lineNo, depth));
        }
    }

    private static String stripLinePrefixes(String s) {
        for (int guard = 0; guard < 6; guard++) {
            String before = s;
            Matcher t = TIMESTAMP.matcher(s);
            if (t.find()) {
                s = s.substring(t.end());
            }
            Matcher sd = SD_LOG.matcher(s);
            if (sd.find()) {
                s = s.substring(sd.end());
            }
            Matcher e = ESP_LOG.matcher(s);
            if (e.find()) {
                s = s.substring(e.end());
            }
            if (s.equals(before)) {
                break;
            }
        }
        return s;
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

    /** Lines a mail client broke mid-token: {@code LEND\n: 0x4008c351}, gdb's {@code is in f\n(file:line).}. */
    private static List<CleanLine> rejoin(List<CleanLine> lines) {
        List<CleanLine> out = new ArrayList<>(lines.size());
        for (CleanLine l : lines) {
            if (!out.isEmpty()) {
                CleanLine prev = out.get(out.size() - 1);
                String p = prev.text();
                String t = l.text();
                boolean registerSplit = STARTS_WITH_COLON_HEX.matcher(t).find() && ENDS_WITH_REGISTER_NAME.matcher(p).find();
                boolean gdbSplit = GDB_IS_IN.matcher(p).find() && !FILE_LINE_END.matcher(p).find()
                        && t.stripLeading().startsWith("(") && (t.endsWith(").") || t.endsWith(")"));
                if (registerSplit || gdbSplit) {
                    out.set(out.size() - 1, new CleanLine(stripTrailing(p) + " " + t.strip(), prev.lineNumber(), prev.quoteDepth()));
                    continue;
                }
            }
            out.add(l);
        }
        return out;
    }
}
