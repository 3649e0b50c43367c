package dev.fieldshell.kb.crash;

import dev.fieldshell.kb.crash.noise.CleanLine;
import dev.fieldshell.kb.crash.noise.NoiseRemover;
import dev.fieldshell.kb.crash.noise.WorkMeter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads every crash in a text: panics, boot-status blocks, DebugCrash records, heap alerts, decoded
 * backtraces. Pure; never throws on any input; linear in the input's length.
 *
 * <p>The text is first cleaned by {@link NoiseRemover}; then one pass over the clean lines feeds a
 * {@link CrashBuilder} per crash. A details line (abort, assert, heap corruption, watchdog, stack
 * overflow) or a Guru Meditation header starts a new crash once the current one has its header or
 * backtrace; {@code Rebooting...} and ROM reset lines end one. Decoded frames join the crash whose
 * raw backtrace holds their addresses, even when pasted after it; otherwise they are a crash of
 * their own (format {@link SourceFormat#DECODED}).
 */
public final class CrashParser {
    private CrashParser() {}

    private enum Mode { NONE, REGISTERS, BACKTRACE, BOOT_BACKTRACE, STACK_MEMORY, TWDT_BLOCKED, TWDT_RUNNING, DECODED }

    private static final Pattern GURU = Pattern.compile(
            "Guru Meditation Error: Core\\s{1,3}(\\d{1,2}) panic'ed \\(([^)]{1,80})\\)");
    private static final Pattern GURU_OLD = Pattern.compile(
            "Guru Meditation Error of type (\\w{1,40}) occurred on core\\s{1,3}(\\d{1,2})");
    private static final Pattern DUMP_HEADER = Pattern.compile("^(?:Core\\s{1,3}(\\d{1,2}) register dump:|Register dump:)");
    private static final Pattern REGISTER = Pattern.compile(
            "([A-Z][A-Z0-9]{0,8}(?:/FP)?)[ \t]{0,8}:[ \t]{0,8}0x([0-9a-fA-F]{1,8})(?![0-9a-fA-F])");
    private static final Pattern REGISTER_START = Pattern.compile("^[A-Z][A-Z0-9]{0,8}(?:/FP)?[ \t]{0,8}:[ \t]{0,8}0x");
    private static final Pattern ABORT = Pattern.compile("abort\\(\\) was called at PC (0x[0-9a-fA-F]{1,8}) on core (\\d{1,2})");
    private static final Pattern STACK_OVERFLOW = Pattern.compile("A stack overflow in task (.{1,40}?) has been detected");
    private static final Pattern LAST_CRASH = Pattern.compile(
            "^Last crash: (?:(.{1,60}?) exception on core (\\d{1,2})|abort\\(\\) was called on core (\\d{1,2})|(.{1,80}))");
    private static final Pattern CURRENT_TASK = Pattern.compile("^Current task on core (\\d{1,2}): ([^,]{1,40})");
    private static final Pattern RUNNING_TASK = Pattern.compile("^CPU (\\d{1,2}): (.{1,40})$");
    private static final Pattern BLOCKED_TASK = Pattern.compile("^- (.{1,40}?) \\(CPU [0-9/]{1,5}\\)");
    private static final Pattern EVENT = Pattern.compile("^Event: ([^@\\s]{1,80})(?:@(\\S{1,80}))?");
    private static final Pattern RESET_REASON = Pattern.compile("^Reset reason: ([^(]{1,60})");
    private static final Pattern DETECTED_IN_TASK = Pattern.compile("Detected in task \"([^\"]{1,40})\"");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern STACK_MEMORY_LINE = Pattern.compile("^[0-9a-fA-F]{8}:(?:\\s{1,4}0x[0-9a-fA-F]{8}){1,8}\\s*$");

    /** All crashes found in {@code text}, in order of appearance; empty when there is none. */
    public static List<CrashReport> parse(String text) {
        try {
            return parseStrict(text);
        } catch (RuntimeException e) {
            // A parser bug must not crash the tool; the fuzz tests call parseStrict to find such bugs.
            return List.of();
        }
    }

    /** {@link #parse} without the safety net, for tests that must see every exception. */
    static List<CrashReport> parseStrict(String text) {
        return new Run(NoiseRemover.clean(text)).run();
    }

    /** One pass over the clean lines of one input. */
    private static final class Run {
        private final List<CleanLine> lines;
        private final List<CrashBuilder> done = new ArrayList<>();
        private final List<Integer> versionAt = new ArrayList<>();
        /** Raw backtrace address → the latest finished crash holding it, for merging later decodes. */
        private final java.util.Map<Long, CrashBuilder> rawOwner = new java.util.HashMap<>();
        private final List<VersionString> versions = new ArrayList<>();
        private CrashBuilder cur;
        private Mode mode = Mode.NONE;
        private String pendingReset = "";
        private int pendingResetIndex = -100;
        private boolean pendingLocation;

        Run(List<CleanLine> lines) {
            this.lines = lines;
        }

        List<CrashReport> run() {
            for (int i = 0; i < lines.size(); i++) {
                line(i, lines.get(i));
            }
            close();
            List<CrashReport> out = new ArrayList<>();
            for (CrashBuilder b : done) {
                if (b.firmware.isEmpty()) {
                    attachVersion(b);
                }
                out.add(b.build(rawText(b)));
            }
            return out;
        }

        private String rawText(CrashBuilder b) {
            StringBuilder sb = new StringBuilder();
            append(sb, b.firstLine, b.lastLine);
            for (int[] r : b.extraRanges) {
                append(sb, r[0], r[1]);
            }
            return sb.toString();
        }

        private void append(StringBuilder sb, int from, int to) {
            for (int i = Math.max(0, from); i <= to && i < lines.size(); i++) {
                sb.append(lines.get(i).text()).append('\n');
            }
        }

        /** A crash without a version takes the nearest version line of the same input before it, else after it. */
        private void attachVersion(CrashBuilder b) {
            if (versions.isEmpty()) {
                return;
            }
            int k = java.util.Collections.binarySearch(versionAt, b.firstLine);
            int before = k >= 0 ? k : -k - 2;
            int after = java.util.Collections.binarySearch(versionAt, b.lastLine + 1);
            after = after >= 0 ? after : -after - 1;
            VersionString best = null;
            if (before >= 0) {
                best = versions.get(before);
            }
            if (after < versions.size() && (best == null || versionAt.get(after) - b.lastLine < (b.firstLine - versionAt.get(before)) / 2)) {
                best = versions.get(after);
            }
            if (best != null) {
                if (!best.firmware().isEmpty()) {
                    b.firmware = best.firmware();
                }
                if (b.idf.isEmpty()) {
                    b.idf = best.idf();
                }
            }
        }

        private CrashBuilder panic(int i) {
            if (cur != null && (cur.format != SourceFormat.PANIC)) {
                close();
            }
            if (cur == null) {
                cur = new CrashBuilder(SourceFormat.PANIC);
            }
            cur.touch(i, lines.get(i).lineNumber());
            return cur;
        }

        /** A details line starts a new crash unless the current one is still collecting its details. */
        private CrashBuilder details(int i) {
            if (cur != null && (cur.format != SourceFormat.PANIC || cur.closedForDetails())) {
                close();
            }
            return panic(i);
        }

        private void close() {
            finishBacktrace();
            if (cur != null && !cur.isEmpty()) {
                if (cur.format == SourceFormat.DECODED) {
                    CrashBuilder owner = null;
                    for (Frame d : cur.decoded) {
                        owner = d.address() == 0 ? null : rawOwner.get(d.address());
                        if (owner != null) {
                            break;
                        }
                    }
                    if (owner != null) {
                        owner.decoded.addAll(cur.decoded);
                        owner.extraRanges.add(new int[] {cur.firstLine, cur.lastLine});
                    } else {
                        done.add(cur);
                    }
                } else {
                    done.add(cur);
                    for (Frame f : cur.rawFrames) {
                        if (f.address() != 0) {
                            rawOwner.put(f.address(), cur);
                        }
                    }
                }
            }
            cur = null;
            mode = Mode.NONE;
            pendingLocation = false;
        }

        private void line(int i, CleanLine cl) {
            String t = cl.text().strip();
            WorkMeter.add(t.length());
            if (t.isEmpty()) {
                if (mode == Mode.BACKTRACE) {
                    finishBacktrace();
                }
                if (mode != Mode.DECODED) {
                    mode = mode == Mode.TWDT_BLOCKED || mode == Mode.TWDT_RUNNING ? mode : Mode.NONE;
                }
                return;
            }
            if (t.contains(DebugCrashRecord.MARK)) {
                close();
                Optional<CrashReport> r = DebugCrashRecord.parse(t, cl.lineNumber());
                r.ifPresent(rep -> {
                    cur = fromReport(rep, i);
                    close();
                });
                return;
            }
            if (continuation(i, t)) {
                return;
            }
            if (panicLine(i, t) || bootStatusLine(i, t) || versionLine(i, t) || exceptionDecoderLine(i, t) || decodedLine(i, t)) {
                return;
            }
            // an unrelated line ends whatever multi-line element was being read
            if (cur != null && cur.format == SourceFormat.DECODED) {
                close();
            }
            finishBacktrace();
            mode = Mode.NONE;
        }

        /**
         * The error line (ESP_LOG level E) right before line {@code abort}, with the lines a mail client wrapped off
         * it: up to {@value #ERROR_REACH} lines back, with no other log line, blank line or earlier crash between.
         */
        private String errorLoggedBefore(int abort) {
            int floor = Math.max(0, abort - ERROR_REACH);
            if (!done.isEmpty()) {
                floor = Math.max(floor, done.get(done.size() - 1).lastLine + 1);
            }
            StringBuilder wrapped = new StringBuilder();
            for (int j = abort - 1; j >= floor; j--) {
                CleanLine l = lines.get(j);
                String t = l.text().strip();
                if (t.isEmpty() || (l.level() != 'E' && l.level() != CleanLine.NO_LEVEL)) {
                    return "";
                }
                if (l.level() == 'E') {
                    String message = (t + wrapped).strip();
                    return l.logTag().isEmpty() ? message : l.logTag() + ": " + message;
                }
                wrapped.insert(0, " " + t);
            }
            return "";
        }

        private static final int ERROR_REACH = 3;

        private boolean continuation(int i, String t) {
            switch (mode) {
                case BACKTRACE:
                    if (isBacktraceContinuation(t)) {
                        appendBacktrace(t);
                        cur.touch(i, lines.get(i).lineNumber());
                        return true;
                    }
                    finishBacktrace();
                    mode = Mode.NONE;
                    return false;
                case BOOT_BACKTRACE:
                    if (isBacktraceContinuation(t)) {
                        appendBacktrace(t);
                        cur.touch(i, lines.get(i).lineNumber());
                        return true;
                    }
                    finishBacktrace();
                    mode = Mode.NONE;
                    return false;
                case STACK_MEMORY:
                    if (WorkMeter.matcher(STACK_MEMORY_LINE, t).find()) {
                        cur.touch(i, lines.get(i).lineNumber());
                        return true;
                    }
                    mode = Mode.NONE;
                    return false;
                case REGISTERS:
                    if (WorkMeter.matcher(REGISTER_START, t).find()) {
                        readRegisters(t);
                        cur.touch(i, lines.get(i).lineNumber());
                        return true;
                    }
                    Optional<DecodedLine.Decoded> interleaved = DecodedLine.parse(t);
                    if (interleaved.isPresent()) { // the monitor decodes each register line right after it
                        cur.addDecoded(interleaved.get().frame(), interleaved.get().inlinedBy());
                        cur.touch(i, lines.get(i).lineNumber());
                        return true;
                    }
                    mode = Mode.NONE;
                    return false;
                default:
                    break;
            }
            // watchdog task lines stay recognizable after a wrapped header line broke the mode
            if (cur != null && cur.twdt && !cur.hasBacktrace && t.startsWith("- ")) {
                Matcher m = WorkMeter.matcher(BLOCKED_TASK, t);
                if (m.find()) {
                    cur.blockedTasks.add(m.group(1).strip());
                    cur.touch(i, lines.get(i).lineNumber());
                    return true;
                }
            }
            if (cur != null && cur.twdt && cur.twdtRunning && !cur.hasBacktrace && t.startsWith("CPU ")) {
                Matcher m = WorkMeter.matcher(RUNNING_TASK, t);
                if (m.find()) {
                    cur.currentTasks.add(m.group(2).strip());
                    cur.touch(i, lines.get(i).lineNumber());
                    return true;
                }
            }
            return false;
        }

        private boolean panicLine(int i, String t) {
            if (t.contains(HeapCorruptionLine.MARK)) {
                Optional<HeapCorruption> h = HeapCorruptionLine.parse(t);
                if (h.isPresent()) {
                    CrashBuilder b = cur != null && cur.heap != null && !cur.closedForDetails() ? panic(i) : details(i);
                    if (b.heap == null) {
                        b.heap = h.get();
                    }
                    b.heapLines.add(h.get());
                    return true;
                }
            }
            if (t.startsWith("Heap corruption detected")) {
                CrashBuilder b = details(i);
                b.heapAlert = true;
                return true;
            }
            if (t.startsWith("Please forward including") && cur != null && cur.heapAlert) {
                cur.touch(i, lines.get(i).lineNumber());
                return true;
            }
            if (t.contains("Task watchdog got triggered")) {
                if (cur != null && cur.twdt) {
                    close();
                }
                CrashBuilder b = details(i);
                b.twdt = true;
                mode = Mode.TWDT_BLOCKED;
                return true;
            }
            if (t.startsWith("Tasks currently running:") && cur != null && cur.twdt) {
                cur.touch(i, lines.get(i).lineNumber());
                cur.twdtRunning = true;
                mode = Mode.TWDT_RUNNING;
                return true;
            }
            if (t.startsWith("[OVMS] ***TWDT***")) {
                CrashBuilder b = cur != null && cur.twdt && !cur.closedForDetails() ? panic(i) : details(i);
                b.twdt = true;
                return true;
            }
            if (t.startsWith("[OVMS] Current tasks:")) {
                CrashBuilder b = panic(i);
                for (String task : t.substring("[OVMS] Current tasks:".length()).split("\\|")) {
                    if (!task.isBlank() && !b.currentTasks.contains(task.strip())) {
                        b.currentTasks.add(task.strip());
                    }
                }
                return true;
            }
            if ((t.equals("Aborting.") || t.startsWith("Print CPU ") || t.startsWith("Panic has been triggered by the program")
                    || t.startsWith("Memory dump at ") || t.startsWith("Stack dump detected")) && cur != null) {
                cur.touch(i, lines.get(i).lineNumber());
                return true;
            }
            Matcher ab = t.contains("abort() was called at PC") ? WorkMeter.matcher(ABORT, t) : null;
            if (ab != null && ab.find()) {
                CrashBuilder b = cur != null && !cur.abort && !cur.closedForDetails() ? panic(i) : details(i);
                b.abort = true;
                b.abortDetail = t.substring(ab.start());
                b.core = Integer.parseInt(ab.group(2));
                if (b.specificDetail.isEmpty() && b.firstLine == i) {
                    b.loggedError = errorLoggedBefore(i);
                }
                return true;
            }
            if (t.startsWith("assert failed:") || (t.startsWith("assertion \"") && t.contains("failed:"))
                    || t.endsWith("- assert failed!") || t.contains(") - assert failed!")) {
                CrashBuilder b = cur != null && !cur.asserted && !cur.abort && !cur.closedForDetails() ? panic(i) : details(i);
                b.asserted = true;
                b.specificDetail = t;
                return true;
            }
            if (t.startsWith("ESP_ERROR_CHECK failed")) {
                CrashBuilder b = details(i);
                b.asserted = true;
                b.specificDetail = t;
                return true;
            }
            if ((t.startsWith("file: \"") || t.startsWith("func: ") || t.startsWith("expression: ")) && cur != null
                    && cur.specificDetail.startsWith("ESP_ERROR_CHECK")) {
                cur.specificDetail = cur.specificDetail + "; " + t;
                cur.touch(i, lines.get(i).lineNumber());
                return true;
            }
            Matcher so = t.contains("stack overflow in task") ? WorkMeter.matcher(STACK_OVERFLOW, t) : null;
            if (so != null && so.find()) {
                CrashBuilder b = details(i);
                b.overflowTask = so.group(1).strip();
                b.specificDetail = t.startsWith("[OVMS] ") ? t.substring(7) : t;
                return true;
            }
            if (t.startsWith("Undefined behavior of type ")) {
                CrashBuilder b = details(i);
                b.specificDetail = t;
                return true;
            }
            if (t.contains(" not permitted") && t.contains("operation at address") && cur != null && cur.guru) {
                cur.specificDetail = t; // v5 "Memory protection fault" says which access was refused
                cur.touch(i, lines.get(i).lineNumber());
                return true;
            }
            if (t.startsWith("Stack smashing protect failure")) {
                CrashBuilder b = details(i);
                b.specificDetail = t;
                return true;
            }
            if (t.startsWith("Brownout detector was triggered")) {
                CrashBuilder b = details(i);
                b.brownout = true;
                return true;
            }
            boolean guruLine = t.contains("Guru Meditation Error");
            Matcher g = guruLine ? WorkMeter.matcher(GURU, t) : null;
            Matcher go = !guruLine || g.find() ? null : WorkMeter.matcher(GURU_OLD, t);
            if (guruLine && (go == null || go.find())) {
                if (cur != null && (cur.guru || cur.hasBacktrace || cur.format != SourceFormat.PANIC)) {
                    close();
                }
                CrashBuilder b = panic(i);
                b.guru = true;
                if (go == null) {
                    b.core = Integer.parseInt(g.group(1));
                    b.reason = g.group(2).strip();
                } else {
                    b.core = Integer.parseInt(go.group(2));
                    b.reason = go.group(1);
                }
                if (t.contains("Register dump:")) {
                    mode = Mode.REGISTERS;
                }
                return true;
            }
            if (t.startsWith("Debug exception reason:")) {
                CrashBuilder b = panic(i);
                b.debugReason = t.substring("Debug exception reason:".length()).strip();
                int open = b.debugReason.indexOf("Stack canary watchpoint triggered (");
                if (open >= 0 && b.debugReason.endsWith(")")) {
                    b.overflowTask = b.debugReason.substring(open + 35, b.debugReason.length() - 1).strip();
                }
                return true;
            }
            Matcher dh = WorkMeter.matcher(DUMP_HEADER, t);
            if (dh.find()) {
                if (cur != null && cur.format == SourceFormat.PANIC && cur.registerDumps > 0 && cur.hasBacktrace) {
                    // interrupt watchdog: the other core's state follows the first dump
                    CrashBuilder first = cur;
                    close();
                    CrashBuilder b = panic(i);
                    b.guru = first.guru;
                    b.reason = first.reason;
                    b.firmware = first.firmware;
                    b.elfSha = first.elfSha;
                    b.otherCore = true;
                }
                CrashBuilder b = panic(i);
                b.registerDumps++;
                if (dh.group(1) != null) {
                    int c = Integer.parseInt(dh.group(1));
                    if (b.core < 0 || b.otherCore) {
                        b.core = c;
                    }
                }
                readRegisters(t.substring(dh.end()));
                mode = Mode.REGISTERS;
                return true;
            }
            if (t.contains("was running in ISR context") && cur != null) {
                cur.isrContext = true;
                cur.touch(i, lines.get(i).lineNumber());
                mode = Mode.REGISTERS;
                return true;
            }
            if (t.startsWith("Stack memory:") && cur != null) {
                cur.touch(i, lines.get(i).lineNumber());
                mode = Mode.STACK_MEMORY;
                return true;
            }
            Matcher dt = t.contains("Detected in task") ? WorkMeter.matcher(DETECTED_IN_TASK, t) : null;
            if (dt != null && dt.find()) {
                CrashBuilder b = panic(i);
                b.overflowTask = dt.group(1);
                return true;
            }
            if ((t.startsWith("Stack pointer:") || t.startsWith("Stack bounds:")) && cur != null) {
                cur.touch(i, lines.get(i).lineNumber());
                return true;
            }
            if (t.startsWith("ELF file SHA256:")) {
                String sha = firstWord(t.substring("ELF file SHA256:".length()));
                if (cur != null && !cur.elfSha.isEmpty() && cur.hasBacktrace) {
                    close();
                }
                CrashBuilder b = panic(i);
                b.elfSha = sha;
                return true;
            }
            if (t.startsWith("Backtrace:") && !(cur != null && cur.bootStatus)) {
                finishBacktrace();
                if (cur != null && (cur.hasBacktrace || cur.format != SourceFormat.PANIC)) {
                    close();
                }
                CrashBuilder b = panic(i);
                b.hasBacktrace = true;
                b.backtraceText.setLength(0);
                b.backtraceText.append(t.substring("Backtrace:".length()).strip());
                mode = Mode.BACKTRACE;
                return true;
            }
            if (t.startsWith("Rebooting...") || t.startsWith("Rebooting in ") || t.startsWith("CPU halted.")
                    || t.startsWith("Entering gdb stub")) {
                if (cur != null) {
                    cur.touch(i, lines.get(i).lineNumber());
                    close();
                }
                return true;
            }
            if (t.startsWith("rst:0x") || t.startsWith("ets Jun") || t.startsWith("ESP-ROM:")) {
                close();
                return false;
            }
            return false;
        }

        private boolean bootStatusLine(int i, String t) {
            Matcher lc = WorkMeter.matcher(LAST_CRASH, t);
            if (lc.find()) {
                close();
                cur = new CrashBuilder(SourceFormat.BOOT_STATUS);
                cur.bootStatus = true;
                cur.touch(i, lines.get(i).lineNumber());
                if (lc.group(1) != null) {
                    cur.reason = lc.group(1).strip();
                    cur.core = Integer.parseInt(lc.group(2));
                } else if (lc.group(3) != null) {
                    cur.reason = "abort()";
                    cur.abort = true;
                    cur.core = Integer.parseInt(lc.group(3));
                } else {
                    cur.reason = lc.group(4).strip();
                }
                if (i - pendingResetIndex < 16) {
                    cur.resetReason = pendingReset;
                }
                return true;
            }
            Matcher rr = WorkMeter.matcher(RESET_REASON, t);
            if (rr.find()) {
                if (cur != null && cur.bootStatus) {
                    close();
                }
                pendingReset = rr.group(1).strip();
                pendingResetIndex = i;
                return true;
            }
            if (t.startsWith("Last boot was") || t.startsWith("Time at boot:") || t.startsWith("This is reset #")
                    || t.startsWith("Detected boot reason:") || t.startsWith("Crash counters:") || t.startsWith("CPU#0 boot reason")
                    || t.startsWith("CPU#1 boot reason")) {
                if (cur != null && cur.bootStatus) {
                    close();
                }
                return true;
            }
            if (cur == null || !cur.bootStatus) {
                return false;
            }
            if (t.startsWith("Registers:")) {
                readRegisters(t.substring("Registers:".length()));
                mode = Mode.REGISTERS;
            } else if (t.startsWith("Backtrace:")) {
                cur.hasBacktrace = true;
                cur.backtraceText.setLength(0);
                cur.backtraceText.append(t.substring("Backtrace:".length()).strip());
                mode = Mode.BOOT_BACKTRACE;
            } else if (t.startsWith("Stack overflow in task ") || t.startsWith("Pending stack overflow in task ")) {
                cur.overflowTask = t.substring(t.indexOf("in task ") + 8).strip();
                cur.specificDetail = t;
            } else if (WorkMeter.matcher(CURRENT_TASK, t).find()) {
                Matcher m = WorkMeter.matcher(CURRENT_TASK, t);
                m.find();
                cur.currentTasks.add(m.group(2).strip());
            } else if (WorkMeter.matcher(EVENT, t).find()) {
                Matcher m = WorkMeter.matcher(EVENT, t);
                m.find();
                cur.event = m.group(1);
                cur.handler = m.group(2) == null ? "" : m.group(2);
            } else if (t.startsWith("WDT tasks:")) {
                for (String task : t.substring("WDT tasks:".length()).split("\\|")) {
                    String s = task.strip();
                    if (!s.isEmpty() && !s.equals("(unavailable)")) {
                        cur.blockedTasks.add(s);
                    }
                }
            } else if (t.startsWith("Version:")) {
                VersionString v = VersionString.parse(t.substring("Version:".length()));
                cur.firmware = v.firmware();
                cur.idf = v.idf();
                noteVersion(i, v);
            } else if (t.startsWith("Hardware:")) {
                // part of the block, nothing to keep
            } else {
                return false;
            }
            cur.touch(i, lines.get(i).lineNumber());
            return true;
        }

        private boolean versionLine(int i, String t) {
            for (String p : new String[] {"Version:", "App version:", "Firmware version:"}) {
                if (t.startsWith(p)) {
                    String rest = t.substring(p.length()).strip();
                    if (!rest.isEmpty() && Character.isDigit(rest.charAt(0)) || rest.startsWith("v")) {
                        noteVersion(i, VersionString.parse(rest));
                    }
                    return false;
                }
            }
            if (t.contains("ESP-IDF")) {
                String idf = VersionString.idfIn(t);
                if (!idf.isEmpty()) {
                    noteVersion(i, new VersionString("", idf));
                }
            }
            return false;
        }

        private void noteVersion(int i, VersionString v) {
            versionAt.add(i);
            versions.add(v);
        }

        /**
         * The Arduino exception decoder's exception, register and header lines: one crash of decoded
         * frames, which its {@code PC:} line starts unless an {@code Exception N:} line did.
         */
        private boolean exceptionDecoderLine(int i, String t) {
            Optional<String> exception = ExceptionDecoderLine.exception(t);
            if (exception.isPresent()) {
                close();
                cur = new CrashBuilder(SourceFormat.DECODED);
                cur.reason = exception.get();
                cur.touch(i, lines.get(i).lineNumber());
                mode = Mode.DECODED;
                return true;
            }
            Optional<ExceptionDecoderLine.Register> reg = ExceptionDecoderLine.register(t);
            if (reg.isPresent()) {
                String name = reg.get().name();
                boolean sameCrash = cur != null && cur.format == SourceFormat.DECODED && !cur.decoderStack
                        && cur.decoded.isEmpty() && !cur.registers.containsKey(name);
                if (!sameCrash) {
                    close();
                    cur = new CrashBuilder(SourceFormat.DECODED);
                }
                cur.registers.put(name, reg.get().value());
                if (name.equals("PC")) {
                    cur.decodedPc = reg.get().decoded().orElse(null);
                }
                cur.touch(i, lines.get(i).lineNumber());
                mode = Mode.DECODED;
                return true;
            }
            if (t.startsWith(ExceptionDecoderLine.STACK_HEADER) && cur != null && cur.format == SourceFormat.DECODED
                    && cur.decoded.isEmpty()) {
                cur.decoderStack = true;
                cur.touch(i, lines.get(i).lineNumber());
                mode = Mode.DECODED;
                return true;
            }
            return false;
        }

        private boolean decodedLine(int i, String t) {
            if (pendingLocation && cur != null && !cur.decoded.isEmpty()) {
                pendingLocation = false;
                Frame last = cur.decoded.get(cur.decoded.size() - 1);
                Optional<Frame> loc = DecodedLine.location(last, t);
                if (loc.isPresent()) {
                    cur.decoded.set(cur.decoded.size() - 1, loc.get());
                    cur.touch(i, lines.get(i).lineNumber());
                    return true;
                }
            }
            Optional<DecodedLine.Decoded> d = DecodedLine.parse(t);
            if (d.isPresent()) {
                if (cur == null) {
                    cur = new CrashBuilder(SourceFormat.DECODED);
                }
                if (mode == Mode.BACKTRACE) {
                    finishBacktrace();
                }
                cur.addDecoded(d.get().frame(), d.get().inlinedBy());
                cur.touch(i, lines.get(i).lineNumber());
                pendingLocation = d.get().needsLocation();
                mode = Mode.DECODED;
                return true;
            }
            if (cur != null && !cur.decoded.isEmpty() && mode == Mode.DECODED && DecodedLine.isFiller(t)) {
                return true;
            }
            return false;
        }

        private CrashBuilder fromReport(CrashReport r, int i) {
            CrashBuilder b = new CrashBuilder(SourceFormat.DEBUG_CRASH_RECORD);
            b.prebuilt = r;
            b.bootStatus = true;
            b.firmware = r.firmwareVersion().isEmpty() ? "" : r.firmwareVersion();
            b.rawFrames.addAll(r.frames());
            b.touch(i, r.startLine());
            return b;
        }

        private void readRegisters(String text) {
            if (cur == null) {
                return;
            }
            Matcher m = WorkMeter.matcher(REGISTER, text);
            while (m.find()) {
                String name = m.group(1);
                if (name.equals("S0/FP")) {
                    name = "S0";
                }
                cur.registers.put(name, Hex.parse(m.group(2)));
            }
        }

        private void appendBacktrace(String t) {
            StringBuilder bt = cur.backtraceText;
            if (bt.length() > 0 && !endsWithCompleteToken(bt) && t.length() > 0 && t.charAt(0) != '|') {
                bt.append(t);
            } else {
                if (bt.length() > 0) {
                    bt.append(' ');
                }
                bt.append(t);
            }
        }

        private void finishBacktrace() {
            if (cur == null || cur.backtraceText.length() == 0) {
                return;
            }
            for (String tok : WHITESPACE.split(cur.backtraceText.toString())) {
                if (tok.contains("|<-CORRUPTED")) {
                    cur.corrupted = true;
                }
                int colon = tok.indexOf(':');
                String pc = colon > 0 ? tok.substring(0, colon) : tok;
                String sp = colon > 0 ? tok.substring(colon + 1) : "";
                int bar = sp.indexOf('|');
                if (bar >= 0) {
                    sp = sp.substring(0, bar);
                }
                long a = Hex.parse(pc);
                long s = sp.isEmpty() ? 0 : Hex.parse(sp);
                if (pc.startsWith("0x") || pc.startsWith("0X")) {
                    if (a >= 0 && s >= 0) {
                        cur.rawFrames.add(Frame.raw(a, s));
                    }
                }
            }
            cur.backtraceText.setLength(0);
        }
    }

    private static String firstWord(String s) {
        String t = s.strip();
        int sp = t.indexOf(' ');
        return sp > 0 ? t.substring(0, sp) : t;
    }

    /** A backtrace wrapped by a terminal or mail client continues on lines of hex pairs only. */
    static boolean isBacktraceContinuation(String t) {
        if (t.isEmpty()) {
            return false;
        }
        char c0 = t.charAt(0);
        if (!(c0 == '0' || c0 == ':' || c0 == '|' || Hex.isHexDigit(c0))) {
            return false;
        }
        int i = 0;
        int n = t.length();
        while (i < n) {
            char c = t.charAt(i);
            if (c == ' ') {
                i++;
                continue;
            }
            if (c == '|') {
                if (t.startsWith("|<-CORRUPTED", i)) {
                    i += 12;
                    continue;
                }
                if (t.startsWith("|<-CONTINUES", i)) {
                    i += 12;
                    continue;
                }
                return false;
            }
            if (!(Hex.isHexDigit(c) || c == 'x' || c == 'X' || c == ':')) {
                return false;
            }
            i++;
        }
        return true;
    }

    private static boolean endsWithCompleteToken(StringBuilder bt) {
        int end = bt.length();
        int start = end;
        while (start > 0 && bt.charAt(start - 1) != ' ') {
            start--;
        }
        String tok = bt.substring(start, end);
        if (tok.startsWith("|<-") || tok.endsWith("CORRUPTED") || tok.endsWith("CONTINUES")) {
            return true;
        }
        // "0x4008a830:0x3ffc4ab0" (22 chars) or a boot-status PC "0x401339f2" (10 chars)
        int colon = tok.indexOf(':');
        if (colon < 0) {
            return tok.length() == 10 && tok.startsWith("0x");
        }
        return tok.length() == 21 && colon == 10;
    }
}
