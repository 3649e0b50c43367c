package dev.fieldshell.kb.crash;

/**
 * One stack frame. Inlined functions are separate frames with {@code inlined} set, placed before the
 * frame they were inlined into (the order addr2line prints them).
 *
 * @param address  the program counter, 0 when the input gave only a name
 * @param sp       the stack pointer paired with it in {@code pc:sp} backtraces, 0 when absent
 * @param function the function name as decoded (C++ names demangled, arguments kept); empty when unknown
 * @param file     source file; empty when unknown
 * @param line     source line; 0 when unknown
 * @param inlined  this frame was inlined into the next one
 */
public record Frame(long address, long sp, String function, String file, int line, boolean inlined) {

    public Frame {
        function = function == null ? "" : function;
        file = file == null ? "" : file;
    }

    public static Frame raw(long address, long sp) {
        return new Frame(address, sp, "", "", 0, false);
    }

    public static Frame named(long address, String function) {
        return new Frame(address, 0, function, "", 0, false);
    }

    public boolean hasFunction() {
        return !function.isEmpty();
    }

    public Frame withSymbol(String function, String file, int line) {
        return new Frame(address, sp, function, file, line, inlined);
    }

    /** {@code 0x4008dd5e} */
    public String hexAddress() {
        return hex(address);
    }

    /**
     * {@code address} as {@code String.format("0x%08x", address)} writes it, without the formatter:
     * ranking formats every frame of every candidate, and the formatter dominated that.
     */
    public static String hex(long address) {
        String h = Long.toHexString(address);
        return h.length() >= 8 ? "0x" + h : "0x" + "00000000".substring(h.length()) + h;
    }
}
