package dev.fieldshell.kb.heap;

/** The shape a heap-trace dump was read from (crash-formats.md §4 and seed 003). */
public enum TraceFormat {
    /** ESP-IDF standalone {@code heap_trace_dump()} text, v3.3 to v5.0 ({@code N allocations trace}). */
    IDF_TEXT_V3,
    /** ESP-IDF standalone text, v5.1 and later ({@code ====== Heap Trace: N records}). */
    IDF_TEXT_V51,
    /** OVMS {@code module trace dump}: a {@code Heap tracing started/resumed at ccount} header, task fields. */
    OVMS_TRACE_DUMP,
    /** JSON window {@code {"count","capacity","leaks":[{"sz","addr","cc","pcs"}]}} (seed 003). */
    JSON_WINDOW,
    /** Host-mode {@code sysviewtrace_proc.py -j} JSON: heap events with {@code addr}, {@code size}, {@code callers}. */
    SYSVIEW_JSON,
    /** Nothing recognisable was found. */
    UNKNOWN
}
