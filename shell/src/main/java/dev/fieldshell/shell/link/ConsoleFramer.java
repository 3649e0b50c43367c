package dev.fieldshell.shell.link;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what an OVMS console prints (SSH shell channel or USB serial) into command output, log
 * lines and end-of-command marks, after §2 and §9 of the console reference:
 * <ul>
 *   <li>{@code \r} is dropped; every command line the client sends is echoed and ends in {@code \n};</li>
 *   <li>a command's end is found with a sentinel: the client sends {@code echo __END_<n>__} after
 *       the command, and the line after the echo of that sentinel (which follows the prompt, on the
 *       same line as output that did not end in a newline) ends the command;</li>
 *   <li>a log line arrives as {@code \r\033[K} (erasing the prompt and what was typed) or, after
 *       another log line, {@code \r\n}, then the colored ESP-IDF line; the prompt and the typed text
 *       are re-printed after it. Log lines are separated from output, and output that was on the
 *       erased line before the prompt is kept.</li>
 * </ul>
 * Pure and single-threaded: feed text in, get events out.
 */
public final class ConsoleFramer {

    /** What the console printed, as far as it can be told apart so far. */
    public sealed interface Event {
        /** Output of the running command: whole lines with their {@code \n}, and a final part without one. */
        record Output(String text) implements Event {}

        /** A log line (ANSI colors removed), or any line printed while no command ran. */
        record Log(String line) implements Event {}

        /** The command with sentinel {@code id} has ended; {@code secure} tells which prompt was shown. */
        record End(long id, boolean secure) implements Event {}
    }

    static final String SECURE_PROMPT = "OVMS# ";
    static final String PROMPT = "OVMS> ";

    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]");
    private static final Pattern LOG_START = Pattern.compile("(?:\u001b\\[0;3[0-9]m)?[EWIDV] \\(\\d+\\) ");
    private static final Pattern LOST = Pattern.compile("\u001b\\[33m\\[\\d+ (log messages|bytes) lost");
    private static final Pattern SENTINEL_ECHO = Pattern.compile("(OVMS[#>] )echo __END_(\\d+)__$");

    private final StringBuilder pending = new StringBuilder(); // unprocessed input (an incomplete escape)
    private final StringBuilder line = new StringBuilder();
    private final StringBuilder log = new StringBuilder();
    private boolean inLog;
    private boolean afterLog; // a log line just ended with a newline: the next text is a log or the prompt redraw

    private final Set<Long> sentinels = new HashSet<>();
    private boolean awaitingEcho;
    private boolean inCommand;
    private long sentinelSeen = -1; // id whose echo line was seen; the next line ends that command
    private boolean sentinelSecure;
    private boolean lastPromptSecure = true;

    /** A command line and its sentinel {@code echo __END_<id>__} were just sent. */
    public void commandSent(long id) {
        sentinels.add(id);
        awaitingEcho = true;
        inCommand = true;
    }

    /** Only a sentinel was sent (to find the end after an interrupt, or to synchronize). */
    public void sentinelSent(long id) {
        sentinels.add(id);
    }

    /** Whether the last prompt seen was the secure one ({@code OVMS# }). */
    public boolean secure() {
        return lastPromptSecure;
    }

    /** The line being printed now, not yet ended by a newline (for example the prompt). */
    public String partialLine() {
        return line.toString();
    }

    /** Feeds received text; returns what can be told from it. */
    public List<Event> feed(String chunk) {
        List<Event> out = new ArrayList<>();
        pending.append(chunk);
        int i = 0;
        int n = pending.length();
        while (i < n) {
            char c = pending.charAt(i);
            if (afterLog) {
                // Decide whether another log line follows or the prompt is being re-printed.
                String rest = pending.substring(i, Math.min(n, i + 40));
                if (rest.startsWith("\r") || rest.startsWith("\n")) {
                    i++;
                    continue;
                }
                Matcher lm = LOG_START.matcher(rest);
                Matcher xm = LOST.matcher(rest);
                boolean couldBeLog = lm.lookingAt() || xm.lookingAt();
                if (!couldBeLog && (lm.hitEnd() || xm.hitEnd())) {
                    break; // too little text to decide; wait for more
                }
                afterLog = false;
                if (couldBeLog) {
                    inLog = true;
                }
            }
            if (c == '\r') {
                if (i + 1 >= n || (pending.charAt(i + 1) == '\u001b' && i + 4 > n)) {
                    break; // maybe the start of \r\033[K
                }
                if (startsAt(pending, i + 1, "\u001b[K")) {
                    eraseLine(out);
                    i += 4;
                    continue;
                }
                i++; // a plain \r is dropped
                continue;
            }
            if (c == '\u001b' && !inLog) {
                if (i + 3 > n) {
                    break;
                }
                if (startsAt(pending, i, "\u001b[K")) {
                    i += 3; // erase-to-end after a prompt redraw: nothing to keep
                    continue;
                }
            }
            if (c == '\n') {
                if (inLog) {
                    endLog(out);
                } else {
                    String l = line.toString();
                    line.setLength(0);
                    completeLine(l, out);
                }
                i++;
                continue;
            }
            if (inLog) {
                log.append(c);
            } else {
                line.append(c);
                checkPartial(out);
            }
            i++;
        }
        pending.delete(0, i);
        return out;
    }

    /**
     * Everything of the running command that can safely be shown now: complete lines were already
     * given out; this returns nothing and exists so callers may flush at the end.
     */
    private void checkPartial(List<Event> out) {
        // A prompt at the end of a line is noted for the secure flag; output is only given out per line.
        int len = line.length();
        if (len >= 6 && line.charAt(len - 1) == ' ' && line.charAt(len - 6) == 'O') {
            String tail = line.substring(len - 6);
            if (tail.equals(SECURE_PROMPT)) {
                lastPromptSecure = true;
            } else if (tail.equals(PROMPT)) {
                lastPromptSecure = false;
            }
        }
    }

    private static boolean startsAt(CharSequence s, int at, String what) {
        if (at + what.length() > s.length()) {
            return false;
        }
        for (int k = 0; k < what.length(); k++) {
            if (s.charAt(at + k) != what.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private void eraseLine(List<Event> out) {
        // The console erases the prompt line to print a log line. Output printed before the prompt on
        // that line (a command output without a final newline) is not re-printed: keep it.
        String l = line.toString();
        int p = Math.max(l.lastIndexOf(SECURE_PROMPT), l.lastIndexOf(PROMPT));
        line.setLength(0);
        if (p > 0) {
            line.append(l, 0, p);
        } else if (p < 0 && !l.isEmpty()) {
            line.append(l);
        }
        inLog = true;
        log.setLength(0);
    }

    private void endLog(List<Event> out) {
        String text = ANSI.matcher(log).replaceAll("").strip();
        log.setLength(0);
        inLog = false;
        afterLog = true;
        if (!text.isEmpty()) {
            out.add(new Event.Log(text));
        }
    }

    private void completeLine(String l, List<Event> out) {
        if (l.startsWith("\u001b[0;3") && LOG_START.matcher(l).lookingAt()) {
            // A colored log line printed without the erase prefix (no prompt was showing).
            out.add(new Event.Log(ANSI.matcher(l).replaceAll("").strip()));
            return;
        }
        if (sentinelSeen >= 0) {
            long id = sentinelSeen;
            sentinelSeen = -1;
            sentinels.removeIf(s -> s <= id);
            lastPromptSecure = sentinelSecure;
            inCommand = false;
            awaitingEcho = false;
            out.add(new Event.End(id, sentinelSecure));
            return;
        }
        var m = SENTINEL_ECHO.matcher(l);
        if (m.find() && sentinels.contains(Long.parseLong(m.group(2)))) {
            String before = l.substring(0, m.start());
            if (awaitingEcho) {
                awaitingEcho = false; // the command's own echo was swallowed (an interrupted follow mode)
                before = "";
            }
            if (!before.isEmpty()) {
                out.add(inCommand ? new Event.Output(before) : new Event.Log(before));
            }
            sentinelSeen = Long.parseLong(m.group(2));
            sentinelSecure = m.group(1).equals(SECURE_PROMPT);
            return;
        }
        if (awaitingEcho) {
            awaitingEcho = false;
            return;
        }
        if (inCommand) {
            out.add(new Event.Output(l + "\n"));
        } else if (!l.isBlank() && !l.equals(SECURE_PROMPT.strip()) && !l.equals(PROMPT.strip())
                && !l.equals(SECURE_PROMPT) && !l.equals(PROMPT)) {
            out.add(new Event.Log(l));
        }
    }
}
