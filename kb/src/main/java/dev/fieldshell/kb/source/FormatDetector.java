package dev.fieldshell.kb.source;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Decides an input's format from its first bytes (and, only to break ties, its name). Pure. */
public final class FormatDetector {
    private static final Pattern CRASH_MARKERS = Pattern.compile(
            "Guru Meditation|Backtrace:|Last crash:|OVM-DebugCrash|CORRUPT HEAP|abort\\(\\) was called|Task watchdog got triggered"
                    + "|register dump|assert failed|\\bis in [A-Za-z_]|^#\\d+ +0x[0-9a-f]+ in |0x[0-9a-f]{8}: \\S+ at |Stack memory:"
                    + "|stack overflow in task|\\bTWDT\\b|panic'ed", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER = Pattern.compile("^[A-Za-z][A-Za-z0-9-]{0,76}: ");

    private FormatDetector() {}

    public static InputFormat detect(byte[] head, int len, String name) {
        if (isBinary(head, len)) {
            return InputFormat.BINARY;
        }
        String text = new String(head, 0, len, StandardCharsets.ISO_8859_1);
        String t = text.startsWith("\u00ef\u00bb\u00bf") ? text.substring(3) : text;
        String stripped = t.stripLeading();
        if (stripped.startsWith("[") || stripped.startsWith("{")) {
            return InputFormat.GITHUB_JSON;
        }
        if (t.startsWith("---\n") || t.startsWith("---\r\n")) {
            return InputFormat.NOTE;
        }
        int lines = 0;
        for (String l : t.split("\n", 200)) {
            if (lines++ > 150) {
                break;
            }
            String line = l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
            if (line.startsWith("From ") && MboxReader.FROM_LINE.matcher(line).matches()) {
                return InputFormat.MBOX;
            }
        }
        if (looksLikeSingleMail(t)) {
            return InputFormat.SINGLE_MAIL;
        }
        if (CRASH_MARKERS.matcher(t).find()) {
            return InputFormat.CRASH_LOG;
        }
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return InputFormat.NOTE;
        }
        return InputFormat.UNKNOWN;
    }

    /** Header lines from the first line to a blank line, including a Message-ID or From and Date. */
    private static boolean looksLikeSingleMail(String t) {
        boolean messageId = false;
        boolean from = false;
        boolean date = false;
        for (String l : t.split("\n", 100)) {
            String line = l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
            if (line.isEmpty()) {
                break;
            }
            if (line.startsWith(" ") || line.startsWith("\t")) {
                continue;
            }
            if (!HEADER.matcher(line).find()) {
                return false;
            }
            String lower = line.toLowerCase();
            messageId |= lower.startsWith("message-id:");
            from |= lower.startsWith("from:");
            date |= lower.startsWith("date:");
        }
        return messageId || (from && date);
    }

    /** NUL bytes, or more than 10% control bytes other than tab, newline, CR, form feed and ESC (ANSI colours). */
    static boolean isBinary(byte[] b, int len) {
        if (len == 0) {
            return false;
        }
        int control = 0;
        for (int i = 0; i < len; i++) {
            int c = b[i] & 0xff;
            if (c == 0) {
                return true;
            }
            if (c < 32 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 27) {
                control++;
            }
        }
        return control * 10 > len;
    }
}
