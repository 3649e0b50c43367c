package dev.fieldshell.kb.signature;

/**
 * What the signature generator did with one frame, and why.
 *
 * @param index      position in the backtrace, innermost 0; -1 for a frame taken from the crash message
 * @param address    the frame's address, 0 when unknown
 * @param function   the function as decoded; empty when the frame has no symbol
 * @param normalized the normalized name compared with the rule lists
 * @param action     kept, prefixed, or skipped for which reason
 * @param rule       the rule that decided, e.g. {@code irrelevant.txt: panic_abort}; or a plain explanation
 */
public record Decision(int index, long address, String function, String normalized, Action action, String rule) {

    public enum Action {
        /** Named in the signature; counts toward the frames it names. */
        KEPT,
        /** Named in the signature as a prefix of the next kept frame (allocator, lock, helper). */
        PREFIX,
        /** Not named: an irrelevant frame. */
        SKIPPED_IRRELEVANT,
        /** Not named: it is above a sentinel frame. */
        SKIPPED_ABOVE_SENTINEL,
        /** Not named: the frame has no symbol. */
        SKIPPED_NO_SYMBOL,
        /** Not named: the same function as the frame before (inlining, recursion). */
        SKIPPED_REPEAT,
        /** Not looked at: the signature was complete before it. */
        NOT_REACHED
    }

    /** One line for {@code --explain}: {@code #3 0x400d1234 mg_send  kept}. */
    public String describe() {
        String where = index < 0 ? "msg" : "#" + index;
        String addr = address == 0 ? "          " : String.format("0x%08x", address);
        String name = normalized.isEmpty() ? (function.isEmpty() ? "??" : function) : normalized;
        String what = switch (action) {
            case KEPT -> "kept";
            case PREFIX -> "kept as prefix";
            case SKIPPED_IRRELEVANT -> "skipped, irrelevant";
            case SKIPPED_ABOVE_SENTINEL -> "skipped, above a sentinel";
            case SKIPPED_NO_SYMBOL -> "skipped, no symbol";
            case SKIPPED_REPEAT -> "skipped, repeats the frame before";
            case NOT_REACHED -> "not reached";
        };
        return String.format("%-4s %s %s: %s%s", where, addr, name, what, rule.isEmpty() ? "" : " (" + rule + ")");
    }
}
