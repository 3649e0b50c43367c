package dev.fieldshell.kb.crash;

/** What kind of failure a report describes. */
public enum CrashKind {
    /** A CPU exception (Guru Meditation with an exception cause, or a boot-status register block). */
    EXCEPTION,
    /** {@code abort() was called} without a more specific reason. */
    ABORT,
    /** A failed assertion (newlib, FreeRTOS configASSERT, v5 {@code assert failed:}). */
    ASSERT,
    STACK_OVERFLOW,
    TASK_WATCHDOG,
    INTERRUPT_WATCHDOG,
    /** A {@code CORRUPT HEAP:} report, as an alert or before an abort. */
    HEAP_CORRUPTION,
    BROWNOUT,
    /** Only decoded frames, or a panic reason we do not classify. */
    OTHER
}
