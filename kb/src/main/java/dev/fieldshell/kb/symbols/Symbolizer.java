package dev.fieldshell.kb.symbols;

import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.crash.Frame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Names the raw frames of a crash from a symbol table. Pure. */
public final class Symbolizer {
    private Symbolizer() {}

    /** The crash with every unnamed frame named where the table knows it, and how many were named. */
    public record Result(CrashReport report, int named, int unnamed, String origin) {}

    public static Result symbolize(CrashReport report, SymbolTable table) {
        List<Frame> out = new ArrayList<>(report.frames().size());
        int named = 0;
        int unnamed = 0;
        for (Frame f : report.frames()) {
            if (f.hasFunction() || f.address() == 0) {
                out.add(f);
                continue;
            }
            Optional<String> fn = table.functionAt(f.address());
            if (fn.isPresent()) {
                out.add(f.withSymbol(fn.get(), f.file(), f.line()));
                named++;
            } else {
                out.add(f);
                unnamed++;
            }
        }
        return new Result(named == 0 ? report : report.withFrames(out), named, unnamed, table.origin());
    }

    /**
     * Registers whose value is code: PC/MEPC/RA as they are, Xtensa window-call return addresses
     * (A0, {@code 0x800d…}) with the window bits fixed up. Values that point at data get nothing.
     */
    public static Map<String, String> codeRegisters(CrashReport report, SymbolTable table) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : report.registers().entrySet()) {
            String reg = e.getKey();
            long v = e.getValue();
            if (!(reg.equals("PC") || reg.equals("MEPC") || reg.equals("RA") || reg.matches("A\\d+") || reg.startsWith("EPC"))) {
                continue;
            }
            long addr = (reg.matches("A\\d+") && (v >>> 30) != 1 && (v >>> 30) != 0) ? ((v & 0x3fffffffL) | 0x40000000L) : v;
            table.functionAt(addr).ifPresent(fn -> out.put(reg, fn));
        }
        return out;
    }
}
