package dev.fieldshell.kb.crash;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Collects the facts of one crash while {@link CrashParser} walks the lines; then builds the report. */
final class CrashBuilder {
    SourceFormat format;
    String reason = "";
    int core = -1;
    final Map<String, Long> registers = new LinkedHashMap<>();
    int registerDumps;
    final List<Frame> rawFrames = new ArrayList<>();
    final StringBuilder backtraceText = new StringBuilder();
    boolean hasBacktrace;
    boolean corrupted;
    final List<Frame> decoded = new ArrayList<>();
    /** The Arduino exception decoder's decode of the PC register; the frames start with it. */
    Frame decodedPc;
    /** The Arduino exception decoder's "Decoding stack results" was read. */
    boolean decoderStack;
    String firmware = "";
    String idf = "";
    String elfSha = "";
    String specificDetail = "";
    String abortDetail = "";
    String debugReason = "";
    String event = "";
    String handler = "";
    final List<String> blockedTasks = new ArrayList<>();
    final List<String> currentTasks = new ArrayList<>();
    String overflowTask = "";
    String resetReason = "";
    HeapCorruption heap;
    final List<HeapCorruption> heapLines = new ArrayList<>();
    boolean guru;
    boolean abort;
    boolean asserted;
    boolean twdt;
    boolean twdtRunning;
    boolean brownout;
    boolean heapAlert;
    boolean bootStatus;
    boolean otherCore;
    boolean isrContext;
    /** The error logged right before a bare abort() ({@link CrashReport#loggedError()}). */
    String loggedError = "";
    int firstLine = -1;
    /** Line ranges of decodes pasted elsewhere that were merged into this crash. */
    final List<int[]> extraRanges = new ArrayList<>();
    int lastLine = -1;
    int startLineNumber;
    /** A record read whole (DebugCrash); decoded frames may still symbolize it. */
    CrashReport prebuilt;

    CrashBuilder(SourceFormat format) {
        this.format = format;
    }

    void touch(int index, int lineNumber) {
        if (firstLine < 0) {
            firstLine = index;
            startLineNumber = lineNumber;
        }
        lastLine = Math.max(lastLine, index);
    }

    boolean isEmpty() {
        return !guru && !abort && !asserted && !twdt && !brownout && heap == null && !heapAlert && !bootStatus
                && rawFrames.isEmpty() && backtraceText.isEmpty() && decoded.isEmpty() && registers.isEmpty() && specificDetail.isEmpty()
                && overflowTask.isEmpty();
    }

    /** True when a new details line (abort, assert, heap, watchdog…) must start a new crash. */
    boolean closedForDetails() {
        return hasBacktrace || guru || bootStatus || format == SourceFormat.DECODED;
    }

    void addDecoded(Frame f, boolean inlinedBy) {
        if (inlinedBy && !decoded.isEmpty()) {
            Frame prev = decoded.get(decoded.size() - 1);
            decoded.set(decoded.size() - 1, new Frame(prev.address(), prev.sp(), prev.function(), prev.file(), prev.line(), true));
            decoded.add(new Frame(prev.address(), prev.sp(), f.function(), f.file(), f.line(), false));
        } else {
            decoded.add(f);
        }
    }

    CrashReport build(String rawText) {
        if (prebuilt != null) {
            return prebuilt.withFrames(frames());
        }
        CrashKind kind = kind();
        String exception = exception(kind);
        String detail = !specificDetail.isEmpty() ? specificDetail : !debugReason.isEmpty() ? debugReason : abortDetail;
        if (otherCore) {
            detail = detail.isEmpty() ? "other core's state at the time of the crash" : detail + " (other core)";
        }
        List<String> tasks = !blockedTasks.isEmpty() ? blockedTasks
                : !currentTasks.isEmpty() ? currentTasks
                : overflowTask.isEmpty() ? List.of() : List.of(overflowTask);
        return new CrashReport(kind, format(), exception, core, registers, frames(), corrupted, firmware, idf, elfSha, detail,
                event, handler, tasks, Optional.ofNullable(heap), rawText, startLineNumber, blockedTasks, currentTasks,
                resetReason, heapLines, isrContext, loggedError);
    }

    private SourceFormat format() {
        if (format != SourceFormat.PANIC) {
            return format;
        }
        boolean panicked = guru || abort || asserted || !registers.isEmpty() || !specificDetail.isEmpty();
        if (!panicked && twdt) {
            return SourceFormat.TASK_WATCHDOG_LOG;
        }
        if (!panicked && !hasBacktrace && (heap != null || heapAlert)) {
            return SourceFormat.HEAP_ALERT;
        }
        if (!panicked && rawFrames.isEmpty() && !decoded.isEmpty()) {
            return SourceFormat.DECODED;
        }
        return SourceFormat.PANIC;
    }

    private CrashKind kind() {
        CrashKind byReason = ReasonKind.of(reason, debugReason);
        if (byReason != CrashKind.OTHER && byReason != CrashKind.ABORT) {
            return byReason;
        }
        if (!overflowTask.isEmpty()) {
            return CrashKind.STACK_OVERFLOW;
        }
        if (heap != null || heapAlert) {
            return CrashKind.HEAP_CORRUPTION;
        }
        if (twdt || !blockedTasks.isEmpty() || resetReason.startsWith("Task watchdog")) {
            return CrashKind.TASK_WATCHDOG;
        }
        if (asserted) {
            return CrashKind.ASSERT;
        }
        if (resetReason.startsWith("Interrupt watchdog")) {
            return CrashKind.INTERRUPT_WATCHDOG;
        }
        if (abort || byReason == CrashKind.ABORT) {
            return CrashKind.ABORT;
        }
        if (brownout || resetReason.startsWith("Brownout")) {
            return CrashKind.BROWNOUT;
        }
        return CrashKind.OTHER;
    }

    private String exception(CrashKind kind) {
        if (!reason.isEmpty()) {
            return reason;
        }
        if (abort || asserted || (!overflowTask.isEmpty() && format == SourceFormat.PANIC)) {
            return "abort()";
        }
        if (brownout) {
            return "Brownout detector was triggered";
        }
        return "";
    }

    /** Raw frames symbolized by the decoded lines that name their addresses; decoded frames alone otherwise. */
    private List<Frame> frames() {
        if (rawFrames.isEmpty()) {
            if (decodedPc != null && (decoded.isEmpty() || decoded.get(0).address() != decodedPc.address())) {
                List<Frame> withPc = new ArrayList<>();
                withPc.add(decodedPc);
                withPc.addAll(decoded);
                return withPc; // the stack results of an ESP32 backtrace start with the PC again: once is enough
            }
            if (!decoded.isEmpty()) {
                return decoded;
            }
            List<Frame> fromRegs = new ArrayList<>();
            Long mepc = registers.get("MEPC");
            Long ra = registers.get("RA");
            if (mepc != null && mepc != 0) {
                fromRegs.add(Frame.raw(mepc, 0));
                if (ra != null && ra != 0) {
                    fromRegs.add(Frame.raw(ra, 0));
                }
            }
            return fromRegs;
        }
        Map<Long, List<Frame>> byAddress = new LinkedHashMap<>();
        long groupAddr = -1;
        for (Frame d : decoded) {
            if (d.address() == 0) {
                continue;
            }
            List<Frame> group = byAddress.get(d.address());
            if (group == null) {
                group = new ArrayList<>();
                byAddress.put(d.address(), group);
                groupAddr = d.address();
            } else if (groupAddr != d.address()) {
                continue; // the same address decoded again later (boot loop): keep the first decode
            }
            if (d.hasFunction() && group.stream().noneMatch(g -> g.function().equals(d.function()) && g.line() == d.line())) {
                group.add(d);
            }
        }
        List<Frame> out = new ArrayList<>();
        for (Frame r : rawFrames) {
            List<Frame> group = byAddress.get(r.address());
            if (group == null || group.isEmpty()) {
                out.add(r);
            } else {
                for (Frame g : group) {
                    out.add(new Frame(r.address(), r.sp(), g.function(), g.file(), g.line(), g.inlined()));
                }
            }
        }
        return out;
    }
}
