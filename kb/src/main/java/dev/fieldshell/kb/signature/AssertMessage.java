package dev.fieldshell.kb.signature;

/** Function and task names that crash messages carry even without symbols. */
final class AssertMessage {
    private AssertMessage() {}

    /**
     * The function an assert message names: v5 {@code assert failed: multi_heap_free file.c:253 (…)},
     * newlib {@code …, function: multi_heap_free}, configASSERT {@code queue.c:1442 (xQueueGenericReceive)- assert failed!}.
     */
    static String function(String detail) {
        if (detail == null) {
            return "";
        }
        int k = detail.indexOf("assert failed: ");
        if (k >= 0) {
            String rest = detail.substring(k + 15).strip();
            int sp = rest.indexOf(' ');
            String fn = sp > 0 ? rest.substring(0, sp) : rest;
            return fn.startsWith("0x") || fn.contains(":") ? "" : fn;
        }
        k = detail.indexOf("function: ");
        if (k >= 0) {
            String rest = detail.substring(k + 10).strip();
            int sp = rest.indexOf(' ');
            return sp > 0 ? rest.substring(0, sp) : rest;
        }
        k = detail.indexOf(")- assert failed!");
        if (k > 0) {
            int open = detail.lastIndexOf('(', k);
            return open >= 0 ? detail.substring(open + 1, k).strip() : "";
        }
        k = detail.indexOf("func: ");
        if (k >= 0 && detail.startsWith("ESP_ERROR_CHECK")) {
            String rest = detail.substring(k + 6).strip();
            int end = 0;
            while (end < rest.length() && rest.charAt(end) != ';' && !Character.isWhitespace(rest.charAt(end))) {
                end++;
            }
            return rest.substring(0, end);
        }
        return "";
    }

    /** The task of {@code A stack overflow in task X has been detected} or {@code Stack overflow in task X}. */
    static String overflowTask(String detail) {
        if (detail == null) {
            return "";
        }
        int k = detail.indexOf("overflow in task ");
        if (k < 0) {
            return "";
        }
        String rest = detail.substring(k + 17);
        int end = rest.indexOf(" has been detected");
        if (end < 0) {
            end = rest.indexOf(';');
        }
        return (end >= 0 ? rest.substring(0, end) : rest).strip();
    }
}
