package dev.fieldshell.kb.crash;

import java.util.Optional;

/**
 * One line of an already decoded backtrace, in any style of crash-formats.md §2: addr2line
 * ({@code 0xADDR: f at file:line}, {@code (inlined by)}, {@code (discriminator N)}), esp-idf-monitor
 * ({@code --- } prefix, {@code in ROM}), gdb {@code list} ({@code 0xADDR is in f (file:line).}), gdb and
 * PlatformIO backtraces ({@code #N …}), espflash ({@code 0xADDR - f} with {@code at file:line} on the
 * next line), ESPHome ({@code WARNING Decoded}) and the Arduino exception decoder ({@code file line N}; its
 * {@code PC:} and {@code EXCVADDR:} lines are registers, {@link ExceptionDecoderLine}).
 * Parsed by hand, without backtracking patterns.
 */
final class DecodedLine {
    private DecodedLine() {}

    /** A decoded frame; {@code inlinedBy} marks an {@code (inlined by)} line, whose address is the previous frame's. */
    record Decoded(Frame frame, boolean inlinedBy, boolean needsLocation) {}

    static String stripDecorations(String line) {
        String t = line.strip();
        for (String p : new String[] {"--- ", "WARNING Decoded ", "Decoded "}) {
            if (t.startsWith(p)) {
                t = t.substring(p.length()).strip();
            }
        }
        return t;
    }

    static Optional<Decoded> parse(String line) {
        String t = stripDecorations(line);
        if (t.length() < 4 || t.length() > 4000) {
            return Optional.empty();
        }
        if (t.startsWith("(inlined by) ")) {
            return located(t.substring(13), 0, 0).map(f -> new Decoded(f, true, false));
        }
        if (t.charAt(0) == '#') {
            return gdbFrame(t);
        }
        if (t.startsWith("No line number information available for address ")) {
            long a = Hex.firstAfter(t, 0);
            int lt = t.indexOf('<');
            int plus = t.lastIndexOf('+');
            int gt = t.lastIndexOf('>');
            String fn = lt >= 0 && gt > lt ? t.substring(lt + 1, plus > lt ? plus : gt) : "";
            return a < 0 ? Optional.empty() : Optional.of(new Decoded(Frame.named(a, fn), false, false));
        }
        int addrEnd = hexEnd(t, 0);
        if (addrEnd < 0) {
            return Optional.empty();
        }
        long addr = Hex.parse(t.substring(0, addrEnd));
        String rest = t.substring(addrEnd);
        if (rest.startsWith(" is in ")) {
            return gdbIsIn(addr, rest.substring(7));
        }
        if (rest.startsWith(" is at ")) {
            return located("?? at " + rest.substring(7), addr, 0).map(f -> new Decoded(f, false, false));
        }
        if (rest.startsWith(": ")) {
            String body = rest.substring(2).strip();
            if (body.endsWith(" in ROM")) {
                return Optional.of(new Decoded(new Frame(addr, 0, body.substring(0, body.length() - 7).strip(), "ROM", 0, false), false, false));
            }
            if (body.equals("(unknown)") || body.startsWith("?? ??:")) {
                return Optional.of(new Decoded(Frame.raw(addr, 0), false, false));
            }
            if (body.contains(" at ")) {
                return located(body, addr, 0).map(f -> new Decoded(f, false, false));
            }
            return Optional.empty();
        }
        if (rest.startsWith(" - ") && rest.length() > 3) {
            if (isDataAddress(addr)) { // espflash decodes every word it sees, SP and GP among them (§2.3)
                return Optional.empty();
            }
            String fn = rest.substring(3).strip();
            int at = fn.lastIndexOf(" at ");
            if (at > 0) { // espflash's two lines joined by a mail client
                return located(fn, addr, 0).map(f -> new Decoded(f, false, false));
            }
            if (fn.startsWith("0x") || fn.contains(" ") && !fn.contains("(")) {
                return Optional.empty();
            }
            return Optional.of(new Decoded(Frame.named(addr, cleanName(fn)), false, true));
        }
        return Optional.empty();
    }

    /** 0x3C000000–0x3FFFFFFF holds data on every ESP32 chip (DRAM, flash rodata, PSRAM; crash-formats.md §1.7): never a PC. */
    private static boolean isDataAddress(long addr) {
        return addr >= 0x3C000000L && addr < 0x40000000L;
    }

    /** espflash's second line: {@code at file:line}. */
    static Optional<Frame> location(Frame f, String line) {
        String t = line.strip();
        if (!t.startsWith("at ")) {
            return Optional.empty();
        }
        return located("?? " + t, f.address(), f.sp()).map(g -> f.withSymbol(f.function(), g.file(), g.line()));
    }

    /** Lines that belong to a decode without being frames: gdb's source listing, headers, end marks. */
    static boolean isFiller(String line) {
        String t = line.strip();
        if (t.isEmpty()) {
            return true;
        }
        if (t.equals("WARNING Decoded") || t.equals("Decoded")) {
            return true;
        }
        if (t.startsWith("--- ") || t.startsWith("Backtrace stopped") || t.startsWith("Stack dump detected") || t.equals("---")) {
            return true;
        }
        int i = t.charAt(0) == '*' ? 1 : 0;
        int d = i;
        while (d < t.length() && d - i < 7 && Character.isDigit(t.charAt(d))) {
            d++;
        }
        return d > i && (d == t.length() || t.charAt(d) == ' ' || t.charAt(d) == '\t');
    }

    private static Optional<Decoded> gdbIsIn(long addr, String rest) {
        String r = rest.strip();
        int close = fileLineClose(r);
        if (close > 0) {
            r = r.substring(0, close + 1); // drop gdb's source listing when a mail client glued it on
        } else if (r.endsWith(".")) {
            r = r.substring(0, r.length() - 1);
        }
        if (!r.endsWith(")")) {
            return Optional.of(new Decoded(Frame.named(addr, cleanName(r)), false, false));
        }
        int open = r.lastIndexOf(" (");
        if (open < 0) {
            return Optional.empty();
        }
        String fn = r.substring(0, open).strip();
        String loc = r.substring(open + 2, r.length() - 1);
        int colon = loc.lastIndexOf(':');
        String file = colon > 0 ? loc.substring(0, colon) : loc;
        int ln = colon > 0 ? toInt(loc.substring(colon + 1)) : 0;
        return Optional.of(new Decoded(new Frame(addr, 0, cleanName(fn), file, ln, false), false, false));
    }

    /** Index of the {@code )} that closes gdb's {@code (file:line)}, or -1. */
    private static int fileLineClose(String r) {
        int from = 0;
        while (true) {
            int p = r.indexOf(')', from);
            if (p < 0) {
                return -1;
            }
            int d = p;
            while (d > 0 && Character.isDigit(r.charAt(d - 1))) {
                d--;
            }
            if (d < p && d > 0 && r.charAt(d - 1) == ':' && (p + 1 >= r.length() || r.charAt(p + 1) == '.')) {
                return p;
            }
            from = p + 1;
        }
    }

    /** gdb {@code #0  0x42006686 in bar (ptr=0x0) at main.c:18} and PlatformIO {@code #0  0xPC:0xSP in f at file:line}. */
    private static Optional<Decoded> gdbFrame(String t) {
        int i = 1;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == 1 || i >= t.length() || t.charAt(i) != ' ') {
            return Optional.empty();
        }
        String rest = t.substring(i).strip();
        long addr = 0;
        long sp = 0;
        int he = hexEnd(rest, 0);
        if (he > 0) {
            addr = Hex.parse(rest.substring(0, he));
            rest = rest.substring(he);
            if (rest.startsWith(":0x")) {
                int se = hexEnd(rest, 1);
                if (se > 0) {
                    sp = Hex.parse(rest.substring(1, se));
                    rest = rest.substring(se);
                }
            }
            rest = rest.strip();
            if (!rest.startsWith("in ")) {
                return Optional.empty();
            }
            rest = rest.substring(3).strip();
        }
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        String fn;
        String where = "";
        int at = rest.lastIndexOf(" at ");
        int from = rest.lastIndexOf(" from ");
        String head = at > 0 ? rest.substring(0, at) : from > 0 ? rest.substring(0, from) : rest;
        if (at > 0) {
            where = rest.substring(at + 4);
        }
        // gdb prints argument values after the name: "bar (ptr=ptr@entry=0x0)"
        int args = head.indexOf(" (");
        fn = (args > 0 ? head.substring(0, args) : head).strip();
        if (fn.equals("??")) {
            fn = "";
        }
        Frame f = new Frame(addr, sp, cleanName(fn), "", 0, false);
        if (!where.isEmpty()) {
            f = withFileLine(f, where);
        }
        return Optional.of(new Decoded(f, false, false));
    }

    /** {@code f at file:line[ (discriminator N)]} or Arduino's {@code f at file line N}. */
    private static Optional<Frame> located(String body, long addr, long sp) {
        int at = body.lastIndexOf(" at ");
        if (at < 0) {
            return Optional.empty();
        }
        String fn = body.substring(0, at).strip();
        if (fn.equals("??")) {
            fn = "";
        }
        return Optional.of(withFileLine(new Frame(addr, sp, cleanName(fn), "", 0, false), body.substring(at + 4)));
    }

    private static Frame withFileLine(Frame f, String where) {
        String w = where.strip();
        int disc = w.indexOf(" (discriminator");
        if (disc > 0) {
            w = w.substring(0, disc);
        }
        int lineWord = w.lastIndexOf(" line ");
        String file;
        int ln;
        if (lineWord > 0) {
            file = w.substring(0, lineWord);
            ln = toInt(w.substring(lineWord + 6));
        } else {
            int colon = w.lastIndexOf(':');
            file = colon > 0 ? w.substring(0, colon) : w;
            ln = colon > 0 ? toInt(w.substring(colon + 1)) : 0;
        }
        if (file.equals("??")) {
            file = "";
        }
        return f.withSymbol(f.function(), file.strip(), ln);
    }

    private static String cleanName(String fn) {
        String s = fn.strip();
        return s.equals("??") ? "" : s;
    }

    /** End index of a {@code 0x} + 1..8 hex digits token starting at {@code from}, or -1. */
    static int hexEnd(String s, int from) {
        if (!s.startsWith("0x", from) && !s.startsWith("0X", from)) {
            return -1;
        }
        int j = from + 2;
        while (j < s.length() && Hex.isHexDigit(s.charAt(j))) {
            j++;
        }
        int digits = j - from - 2;
        return digits >= 1 && digits <= 8 ? j : -1;
    }

    private static int toInt(String s) {
        String t = s.strip();
        int e = 0;
        while (e < t.length() && e < 9 && Character.isDigit(t.charAt(e))) {
            e++;
        }
        return e == 0 ? 0 : Integer.parseInt(t.substring(0, e));
    }
}
