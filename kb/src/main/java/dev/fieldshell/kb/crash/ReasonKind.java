package dev.fieldshell.kb.crash;

/** The kind of crash a panic reason or crash type names (crash-formats.md §1.2, §1.4, §1.5, §3). */
final class ReasonKind {
    private ReasonKind() {}

    static CrashKind of(String reason, String detail) {
        String r = reason == null ? "" : reason;
        if (r.isEmpty()) {
            return CrashKind.OTHER;
        }
        if (r.startsWith("Interrupt wdt timeout") || r.startsWith("Interrupt watchdog")) {
            return CrashKind.INTERRUPT_WATCHDOG;
        }
        if (r.startsWith("Stack protection fault")
                || (r.startsWith("Unhandled debug exception") && detail != null && detail.contains("Stack canary watchpoint"))) {
            return CrashKind.STACK_OVERFLOW;
        }
        if (r.equals("abort") || r.equals("abort()")) {
            return CrashKind.ABORT;
        }
        if (r.startsWith("Brownout")) {
            return CrashKind.BROWNOUT;
        }
        return CrashKind.EXCEPTION;
    }
}
