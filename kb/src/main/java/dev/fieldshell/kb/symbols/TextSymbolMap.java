package dev.fieldshell.kb.symbols;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads address-to-function maps written as text: GNU addr2line output ({@code 0x4008dd5e: func at
 * file:line}, with {@code -a -f} as address, function and location lines, {@code (inlined by)}
 * lines), nm output ({@code 400d1234 T func} or with {@code -S} sizes), and the one-per-line maps
 * people keep beside heap-trace dumps ({@code 0x4037abcd func file.c:120} or {@code 0x4037abcd func}).
 * Lines it cannot read are reported with their line numbers and skipped. Pure.
 */
public final class TextSymbolMap {

    private static final Pattern ADDR2LINE_P = Pattern.compile("^(?:--- )?(0x[0-9a-fA-F]{1,16}):\\s+(\\S.*?)\\s+at\\s+(\\S+)$");
    private static final Pattern ADDR_ONLY = Pattern.compile("^(0x[0-9a-fA-F]{1,16})$");
    private static final Pattern LOCATION = Pattern.compile("^\\S+:(\\d+|\\?)( \\(discriminator \\d+\\))?$");
    private static final Pattern NM = Pattern.compile("^([0-9a-fA-F]{8,16})(?:\\s+([0-9a-fA-F]{8,16}))?\\s+([a-zA-Z])\\s+(\\S.*)$");
    private static final Pattern MAP = Pattern.compile("^(0x[0-9a-fA-F]{1,16})[:\\s]\\s*(\\S+(?:\\([^)]*\\))?(?:\\s+const)?)(?:\\s+(?:at\\s+)?(\\S+:\\d+|\\S+:\\?|\\?\\?:0))?(?:\\s+\\(discriminator \\d+\\))?\\s*$");

    private TextSymbolMap() {}

    /** A parsed map and the lines that were skipped ({@code symbols.txt:12: …}). */
    public record Result(SymbolTable table, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    public static Result parse(String text, String sourceName) {
        Map<Long, String> exact = new HashMap<>();
        List<FunctionSymbol> ranges = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int garbage = 0;
        String[] lines = text.split("\r?\n", -1);
        Long pendingAddress = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("(inlined by)") || line.startsWith("--- (inlined by)")) {
                continue;
            }
            Matcher m;
            if ((m = ADDR_ONLY.matcher(line)).matches()) { // addr2line -a -f: address line, then function, then location
                pendingAddress = Long.parseUnsignedLong(m.group(1).substring(2), 16);
                continue;
            }
            if (pendingAddress != null && !ADDR2LINE_P.matcher(line).matches()) {
                long a = pendingAddress;
                pendingAddress = null;
                if (!line.startsWith("??")) {
                    exact.put(a, line);
                }
                if (i + 1 < lines.length && LOCATION.matcher(lines[i + 1].strip()).matches()) {
                    i++;
                }
                continue;
            }
            pendingAddress = null;
            if ((m = ADDR2LINE_P.matcher(line)).matches()) {
                if (!m.group(2).startsWith("??")) {
                    exact.put(parseHex(m.group(1)), m.group(2));
                }
                continue;
            }
            if ((m = NM.matcher(line)).matches()) {
                char kind = Character.toLowerCase(m.group(3).charAt(0));
                if (kind == 't' || kind == 'w') { // code symbols only: data never gets a function name
                    long size = m.group(2) == null ? 0 : Long.parseUnsignedLong(m.group(2), 16);
                    ranges.add(new FunctionSymbol(m.group(4).strip(), Long.parseUnsignedLong(m.group(1), 16), size));
                }
                continue;
            }
            if ((m = MAP.matcher(line)).matches() && !m.group(2).startsWith("??")) {
                exact.put(parseHex(m.group(1)), m.group(2));
                continue;
            }
            if (problems.isEmpty()) {
                problems.add(sourceName + ":" + (i + 1) + ": not an address/function line: " + abbreviate(line));
            }
            garbage++;
        }
        if (garbage > 1) {
            // one line for the user however much garbage the file holds
            problems.set(0, problems.get(0) + " (and " + (garbage - 1) + " more such line" + (garbage > 2 ? "s" : "") + ")");
        }
        List<SymbolTable> tables = new ArrayList<>();
        if (!exact.isEmpty()) {
            tables.add(new ExactSymbols(sourceName, exact));
        }
        if (!ranges.isEmpty()) {
            tables.add(new FunctionTable(sourceName, ranges, List.of(), 0x1000));
        }
        SymbolTable table = tables.size() == 1 ? tables.get(0) : SymbolTable.chain(tables.isEmpty() ? List.of(new ExactSymbols(sourceName, Map.of())) : tables);
        return new Result(table, problems);
    }

    private static long parseHex(String s) {
        return Long.parseUnsignedLong(s.substring(2), 16);
    }

    private static String abbreviate(String line) {
        return line.length() > 60 ? line.substring(0, 57) + "..." : line;
    }

    /** Exact address → function pairs: decoded lines and learned reports know points, not ranges. */
    public static final class ExactSymbols implements SymbolTable {
        private final String origin;
        private final Map<Long, String> byAddress;

        public ExactSymbols(String origin, Map<Long, String> byAddress) {
            this.origin = origin;
            this.byAddress = Map.copyOf(byAddress);
        }

        @Override
        public Optional<String> functionAt(long address) {
            return Optional.ofNullable(byAddress.get(address));
        }

        @Override
        public String origin() {
            return origin;
        }

        @Override
        public int size() {
            return byAddress.size();
        }
    }
}
