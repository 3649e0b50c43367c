package dev.fieldshell.kb.crash;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One crash as read from text, in any of the formats of crash-formats.md. Immutable; absent text
 * fields are empty strings, absent numbers empty optionals, absent lists empty.
 *
 * @param kind            what failed
 * @param format          which input shape it was read from
 * @param exception       the exception or panic reason as printed ({@code LoadProhibited}, {@code abort()},
 *                        {@code Interrupt wdt timeout on CPU0}, {@code Store access fault}); empty if none
 * @param core            the core that failed, -1 when unknown
 * @param registers       register name (as printed, e.g. {@code PC}, {@code EXCVADDR}, {@code MEPC}) to value, in print order
 * @param frames          the backtrace, innermost first
 * @param backtraceCorrupted the backtrace ended with {@code |<-CORRUPTED}
 * @param firmwareVersion the OVMS or application version string ({@code 3.3.004-321-gbb821cfc-dirty/ota_0/main}); empty if none
 * @param idfVersion      the ESP-IDF version ({@code v3.3.4-851-gfa4f07fb3}); empty if none
 * @param elfSha          {@code ELF file SHA256:} prefix; empty if none
 * @param detail          the details line: abort/assert message, stack-overflow task, debug exception reason
 * @param event           the event being processed ({@code ticker.1}); empty if none
 * @param eventHandler    its handler ({@code ovms-server-v2}, {@code EventScript}); empty if none
 * @param tasks           tasks named by the crash: watchdog-blocked tasks, else the current tasks
 * @param heapCorruption  the {@code CORRUPT HEAP:} line that came with it, if any
 * @param rawText         the lines this crash was read from, after noise removal
 * @param startLine       1-based line in the original input where it starts
 * @param blockedTasks    tasks the watchdog named as not having reset it in time (empty when unknown)
 * @param currentTasks    tasks running on each core at crash time, core 0 first (empty when unknown)
 * @param resetReason     the reset reason as OVMS names it ({@code Task watchdog}, {@code Exception/panic}); empty if none
 * @param heapLines       every {@code CORRUPT HEAP:} line of this crash, in order ({@code heapCorruption} is the first)
 * @param isrContext      the panic said {@code Core N was running in ISR context}: the core was in an interrupt
 *                        handler, so the innermost frames are the handler's and a task named with the crash was
 *                        the interrupted one
 * @param loggedError     the error the firmware logged right before an {@code abort()} that came without a message
 *                        of its own ({@code system_api: Base MAC address from BLK0 of EFUSE CRC error, …}: tag,
 *                        message and its wrapped continuation): usually what it could not go on from; empty if none
 */
public record CrashReport(
        CrashKind kind,
        SourceFormat format,
        String exception,
        int core,
        Map<String, Long> registers,
        List<Frame> frames,
        boolean backtraceCorrupted,
        String firmwareVersion,
        String idfVersion,
        String elfSha,
        String detail,
        String event,
        String eventHandler,
        List<String> tasks,
        Optional<HeapCorruption> heapCorruption,
        String rawText,
        int startLine,
        List<String> blockedTasks,
        List<String> currentTasks,
        String resetReason,
        List<HeapCorruption> heapLines,
        boolean isrContext,
        String loggedError) {

    public CrashReport {
        exception = nz(exception);
        registers = registers == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(registers));
        frames = frames == null ? List.of() : List.copyOf(frames);
        firmwareVersion = nz(firmwareVersion);
        idfVersion = nz(idfVersion);
        elfSha = nz(elfSha);
        detail = nz(detail);
        event = nz(event);
        eventHandler = nz(eventHandler);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        heapCorruption = heapCorruption == null ? Optional.empty() : heapCorruption;
        rawText = nz(rawText);
        blockedTasks = blockedTasks == null ? List.of() : List.copyOf(blockedTasks);
        currentTasks = currentTasks == null ? List.of() : List.copyOf(currentTasks);
        resetReason = nz(resetReason);
        loggedError = nz(loggedError);
        heapLines = heapLines == null || heapLines.isEmpty()
                ? heapCorruption.map(List::of).orElse(List.of())
                : List.copyOf(heapLines);
    }

    /** The first-version constructor, kept so existing callers compile; the newer facts are empty. */
    public CrashReport(CrashKind kind, SourceFormat format, String exception, int core, Map<String, Long> registers,
            List<Frame> frames, boolean backtraceCorrupted, String firmwareVersion, String idfVersion, String elfSha,
            String detail, String event, String eventHandler, List<String> tasks, Optional<HeapCorruption> heapCorruption,
            String rawText, int startLine) {
        this(kind, format, exception, core, registers, frames, backtraceCorrupted, firmwareVersion, idfVersion, elfSha, detail,
                event, eventHandler, tasks, heapCorruption, rawText, startLine, List.of(), List.of(), "", List.of(), false, "");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The faulting program counter: {@code PC} or {@code MEPC}, else the first frame's address. */
    public OptionalLong pc() {
        Long pc = registers.getOrDefault("PC", registers.get("MEPC"));
        if (pc != null) {
            return OptionalLong.of(pc);
        }
        return frames.isEmpty() || frames.get(0).address() == 0 ? OptionalLong.empty() : OptionalLong.of(frames.get(0).address());
    }

    /** The faulting data address: {@code EXCVADDR} (Xtensa) or {@code MTVAL} (RISC-V). */
    public OptionalLong faultAddress() {
        Long v = registers.getOrDefault("EXCVADDR", registers.get("MTVAL"));
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /** A copy with the frames replaced, e.g. after symbolization. */
    public CrashReport withFrames(List<Frame> newFrames) {
        return new CrashReport(kind, format, exception, core, registers, newFrames, backtraceCorrupted, firmwareVersion,
                idfVersion, elfSha, detail, event, eventHandler, tasks, heapCorruption, rawText, startLine, blockedTasks,
                currentTasks, resetReason, heapLines, isrContext, loggedError);
    }
}
