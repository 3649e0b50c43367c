package dev.fieldshell.kb.explain;

import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.crash.Frame;
import dev.fieldshell.kb.crash.HeapCorruption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw facts of a crash as named strings, for the explanation rules to test and quote. A boolean
 * fact is present (as {@code true}) only when it holds. Numbers are written {@code 0x%08x}.
 */
final class CrashFacts {
    private CrashFacts() {}

    private static final long TAIL_CANARY = 0xbaad5678L;
    private static final long HEAD_CANARY = 0xabba1234L;
    private static final long FREED_FILL = 0xfefefefeL;
    private static final long UNINIT_FILL = 0xcecececeL;
    private static final long STACK_FILL = 0xa5a5a5a5L;

    static Map<String, String> of(CrashReport r, MemoryRegions regions) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("kind", r.kind().name());
        f.put("format", r.format().name());
        put(f, "exception", r.exception());
        put(f, "detail", r.detail());
        put(f, "loggedError", r.loggedError());
        if (r.core() >= 0) {
            f.put("core", Integer.toString(r.core()));
        }
        boolean riscv = r.registers().containsKey("MEPC");
        String chip = chip(r, riscv);
        f.put("chip", chip);
        r.faultAddress().ifPresent(a -> {
            f.put("faultRegister", riscv ? "MTVAL" : "EXCVADDR");
            f.put("faultAddress", hex(a));
            f.put("faultAddressDec", Long.toString(a));
        });
        boolean allZero = !r.registers().isEmpty() && r.registers().values().stream().allMatch(v -> v == 0L);
        if (allZero) {
            f.put("registersAllZero", "true");
        }
        r.pc().ifPresent(pc -> {
            f.put("pc", hex(pc));
            MemoryRegions.Region reg = regions.find(chip, pc);
            f.put("pcRegion", reg == null ? "no known region" : reg.name());
            if (reg != null && reg.executable()) {
                f.put("pcExecutable", "true");
            } else {
                f.put("pcNotExecutable", "true");
            }
        });
        fills(f, r, FREED_FILL, "FreedFill");
        fills(f, r, UNINIT_FILL, "UninitFill");
        fills(f, r, STACK_FILL, "StackFill");
        if (r.isrContext()) {
            f.put("isrContext", "true");
        }
        if (r.backtraceCorrupted()) {
            f.put("backtraceCorrupted", "true");
        }
        put(f, "event", r.event());
        put(f, "handler", r.eventHandler());
        put(f, "blockedTasks", String.join(", ", r.blockedTasks()));
        put(f, "currentTasks", String.join(", ", r.currentTasks()));
        put(f, "resetReason", r.resetReason());
        String overflowed = overflowTask(r);
        put(f, "stackOverflowTask", overflowed);
        TaskStacks.Options options = TaskStacks.STANDARD.options(overflowed);
        if (options != null) {
            f.put("stackOverflowTaskOption", options.sentence());
            // the Kconfig symbols (sdkconfig names without CONFIG_), as menuconfig and Kconfig files write them
            f.put("stackOverflowTaskSymbol3", TaskStacks.Options.symbol(options.idf3()));
            f.put("stackOverflowTaskSymbol4", TaskStacks.Options.symbol(options.idf4()));
        }
        returnAddress(f, r, regions, chip);
        r.heapCorruption().ifPresent(h -> heap(f, h));
        if (r.heapLines().size() > 1) {
            f.put("heap.lineCount", Integer.toString(r.heapLines().size()));
        }
        return f;
    }

    private static void heap(Map<String, String> f, HeapCorruption h) {
        f.put("heap.problem", h.problem());
        f.put("heap.block", hex(h.block()));
        if (h.hasOwner()) {
            f.put("heap.owner", hex(h.owner()));
        }
        boolean hasValues = h.expected() != 0 || h.got() != 0;
        if (!hasValues) {
            return;
        }
        f.put("heap.expected", hex(h.expected()));
        f.put("heap.got", hex(h.got()));
        // the canary is stored little-endian: the byte right after the block is the lowest byte
        int changed = 0;
        List<String> bytes = new ArrayList<>();
        StringBuilder ascii = new StringBuilder();
        boolean printable = true;
        for (int i = 0; i < 4; i++) {
            int e = (int) ((h.expected() >> (8 * i)) & 0xff);
            int g = (int) ((h.got() >> (8 * i)) & 0xff);
            bytes.add(String.format("%02x", g));
            if (e != g) {
                changed++;
            }
            printable &= g >= 0x20 && g < 0x7f;
            ascii.append((char) g);
        }
        f.put("heap.gotBytes", String.join(" ", bytes));
        f.put("heap.bytesChanged", Integer.toString(changed));
        if (printable) {
            f.put("heap.gotAscii", ascii.toString());
        }
        boolean tail = h.problem().equals("Bad tail") && h.expected() == TAIL_CANARY;
        if (tail && (h.got() & 0xffffff00L) == (TAIL_CANARY & 0xffffff00L) && (h.got() & 0xff) == 0) {
            f.put("heap.tailNulByte", "true");
        } else if (tail) {
            f.put("heap.tailOverrun", "true");
        }
        if (h.problem().equals("Bad head") && h.expected() == HEAD_CANARY) {
            f.put("heap.headDamaged", "true");
        }
        if (h.got() == FREED_FILL) {
            f.put("heap.gotFreedFill", "true");
        }
        if (h.got() == UNINIT_FILL) {
            f.put("heap.gotUninitFill", "true");
        }
    }

    /** Which registers (and stack pointers of the backtrace) hold a fill pattern. */
    private static void fills(Map<String, String> f, CrashReport r, long pattern, String name) {
        List<String> where = new ArrayList<>();
        r.registers().forEach((k, v) -> {
            if (v == pattern) {
                where.add(k);
            }
        });
        for (Frame fr : r.frames()) {
            if (fr.sp() == pattern || fr.address() == pattern) {
                where.add("a backtrace frame");
                break;
            }
        }
        if (!where.isEmpty()) {
            f.put("registersWith" + name, String.join(", ", where));
        }
        if (r.faultAddress().isPresent() && r.faultAddress().getAsLong() == pattern) {
            f.put("faultAddressIs" + name, "true");
        }
    }

    /**
     * The backtrace's second frame, the return address of the function at PC. On Xtensa the top two bits
     * of a return address hold the caller's window size; one that decodes below the code regions had
     * them 0, which RETW refuses (IllegalInstruction), or is not a return address at all.
     */
    private static void returnAddress(Map<String, String> f, CrashReport r, MemoryRegions regions, String chip) {
        if (r.frames().size() < 2) {
            return;
        }
        long ret = r.frames().get(1).address();
        if (ret == 0) {
            return; // the end of the backtrace, not a return address
        }
        f.put("returnAddress", hex(ret));
        MemoryRegions.Region reg = regions.find(chip, ret);
        if (reg == null || !reg.executable()) {
            f.put("returnAddressNotCode", "true");
        }
    }

    private static String overflowTask(CrashReport r) {
        String d = r.detail();
        int k = d.indexOf("overflow in task ");
        if (k >= 0) {
            String rest = d.substring(k + 17);
            int end = rest.indexOf(" has been detected");
            return (end >= 0 ? rest.substring(0, end) : rest).strip();
        }
        int c = d.indexOf("Stack canary watchpoint triggered (");
        if (c >= 0 && d.endsWith(")")) {
            return d.substring(c + 35, d.length() - 1).strip();
        }
        return r.kind().name().equals("STACK_OVERFLOW") && r.tasks().size() == 1 ? r.tasks().get(0) : "";
    }

    /** Which memory map applies: RISC-V by its registers, S3 by its flash/IRAM addresses, else the ESP32 of OVMS. */
    private static String chip(CrashReport r, boolean riscv) {
        long pc = r.pc().orElse(0);
        if (riscv) {
            return pc >= 0x40800000L && pc < 0x40880000L ? "esp32c6" : "esp32c3";
        }
        for (Frame fr : r.frames()) {
            long a = fr.address();
            if ((a >= 0x42000000L && a < 0x44000000L) || (a >= 0x40370000L && a < 0x403E0000L && fr.sp() >= 0x3FC88000L
                    && fr.sp() < 0x3FD00000L)) {
                return "esp32s3";
            }
        }
        return "esp32";
    }

    private static void put(Map<String, String> f, String k, String v) {
        if (v != null && !v.isBlank()) {
            f.put(k, v);
        }
    }

    static String hex(long v) {
        return String.format("0x%08x", v);
    }
}
