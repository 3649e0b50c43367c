package dev.fieldshell.kb.crash;

/** The text shape a crash was read from (crash-formats.md sections in brackets). */
public enum SourceFormat {
    /** ESP-IDF panic output on the serial console, any version, Xtensa or RISC-V [1]. */
    PANIC,
    /** A {@code CORRUPT HEAP:} alert on its own, e.g. from {@code module check} or the alert notification [3.3]. */
    HEAP_ALERT,
    /** Task watchdog log block [1.2]. */
    TASK_WATCHDOG_LOG,
    /** OVMS {@code boot status} "Last crash:" block [3.1]. */
    BOOT_STATUS,
    /** OVMS {@code *-OVM-DebugCrash} record [3.2]. */
    DEBUG_CRASH_RECORD,
    /** Decoded frames only: addr2line, esp-idf-monitor, gdb, PlatformIO, espflash [2]. */
    DECODED
}
