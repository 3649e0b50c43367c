package dev.fieldshell.kb.crash;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OVMS {@code *-OVM-DebugCrash} history records (crash-formats.md §3.2), as sent to the V2 server
 * ({@code *-OVM-DebugCrash,0,2592000,<version>,…}) or as a server's database shows them
 * ({@code | 2021-01-15 09:24:51 | *-OVM-DebugCrash | <version>,5,Crash,… |}). Fields are read by
 * position; older firmware sends fewer trailing fields and pasted records get cut off, so every
 * missing field is simply absent.
 */
final class DebugCrashRecord {
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");
    private DebugCrashRecord() {}

    static final String MARK = "*-OVM-DebugCrash";

    /** The Xtensa register order of the record's register field (and of the IDF panic dump). */
    static final List<String> XTENSA_REGISTERS = List.of("PC", "PS", "A0", "A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8",
            "A9", "A10", "A11", "A12", "A13", "A14", "A15", "SAR", "EXCCAUSE", "EXCVADDR", "LBEG", "LEND", "LCOUNT");

    private static final int VERSION = 0, CRASHTYPE = 7, CRASHCORE = 8, REGISTERS = 9, BACKTRACE = 10,
            RESET_NAME = 12, EVENT = 13, HANDLER = 14, WDT_TASKS = 16, OVERFLOW_TASK = 18, CORE0_TASK = 19, CORE1_TASK = 21;

    static Optional<CrashReport> parse(String line, int lineNumber) {
        int k = line.indexOf(MARK);
        if (k < 0) {
            return Optional.empty();
        }
        String rest = line.substring(k + MARK.length());
        List<String> fields;
        if (rest.startsWith(",")) {
            fields = split(rest.substring(1));
            if (fields.size() >= 3 && isDigits(fields.get(0)) && isDigits(fields.get(1)) && looksLikeVersion(fields.get(2))) {
                fields = fields.subList(2, fields.size());
            }
        } else {
            fields = split(trimTable(rest));
        }
        if (fields.isEmpty() || fields.get(0).isBlank()) {
            return Optional.empty();
        }
        VersionString v = VersionString.parse(fields.get(VERSION).replace(';', ','));
        String crashType = field(fields, CRASHTYPE);
        int core = parseInt(field(fields, CRASHCORE), -1);
        Map<String, Long> regs = new LinkedHashMap<>();
        String[] rv = WHITESPACE.split(field(fields, REGISTERS).strip());
        for (int i = 0; i < rv.length && i < XTENSA_REGISTERS.size(); i++) {
            long val = Hex.parse(rv[i]);
            if (val >= 0) {
                regs.put(XTENSA_REGISTERS.get(i), val);
            }
        }
        List<Frame> frames = new ArrayList<>();
        for (String tok : WHITESPACE.split(field(fields, BACKTRACE).strip())) {
            long a = Hex.parse(tok);
            if (a > 0) {
                frames.add(Frame.raw(a, 0));
            }
        }
        String resetName = field(fields, RESET_NAME);
        String overflow = field(fields, OVERFLOW_TASK);
        List<String> blocked = new ArrayList<>();
        for (String t : field(fields, WDT_TASKS).split("\\|")) {
            if (!t.isBlank() && !t.strip().equals("(unavailable)")) {
                blocked.add(t.strip());
            }
        }
        List<String> current = new ArrayList<>();
        for (String t : List.of(field(fields, CORE0_TASK), field(fields, CORE1_TASK))) {
            if (!t.isBlank()) {
                current.add(t.strip());
            }
        }
        List<String> tasks = !blocked.isEmpty() ? blocked : !current.isEmpty() ? current
                : overflow.isBlank() ? List.of() : List.of(overflow.strip());
        String exception = crashType.endsWith(" exception") ? crashType.substring(0, crashType.length() - 10) : crashType;
        CrashKind kind;
        String detail = "";
        if (!overflow.isBlank()) {
            kind = CrashKind.STACK_OVERFLOW;
            detail = "Stack overflow in task " + overflow.strip();
        } else if (resetName.startsWith("Task watchdog")) {
            kind = CrashKind.TASK_WATCHDOG;
        } else if (resetName.startsWith("Interrupt watchdog") && exception.startsWith("abort")) {
            kind = CrashKind.INTERRUPT_WATCHDOG;
        } else if (resetName.startsWith("Brownout")) {
            kind = CrashKind.BROWNOUT;
        } else {
            kind = ReasonKind.of(exception, "");
        }
        return Optional.of(new CrashReport(kind, SourceFormat.DEBUG_CRASH_RECORD, exception, core, regs, frames, false,
                v.firmware(), v.idf(), "", detail, field(fields, EVENT), field(fields, HANDLER), tasks, Optional.empty(),
                line.strip(), lineNumber, blocked, current, resetName, List.of(), false, ""));
    }

    private static String trimTable(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == '|' || Character.isWhitespace(s.charAt(a)))) {
            a++;
        }
        while (b > a && (s.charAt(b - 1) == '|' || Character.isWhitespace(s.charAt(b - 1)))) {
            b--;
        }
        return s.substring(a, b);
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int c = s.indexOf(',', from);
            if (c < 0) {
                out.add(s.substring(from));
                return out;
            }
            out.add(s.substring(from, c));
            from = c + 1;
        }
    }

    private static String field(List<String> f, int i) {
        return i < f.size() ? f.get(i).strip() : "";
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeVersion(String s) {
        return s.indexOf('.') > 0 || s.indexOf('/') > 0;
    }

    private static int parseInt(String s, int dflt) {
        return isDigits(s) && s.length() < 9 ? Integer.parseInt(s) : dflt;
    }
}
