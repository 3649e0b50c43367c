package dev.fieldshell.kb.heap;

import dev.fieldshell.kb.crash.Frame;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text symbol map, as seed 003's {@code symbols.txt}: one address per line, in any of the shapes
 * {@code addr2line -f -p -a} and {@code nm} print:
 * <pre>
 * 0x4200a1b2: esp_crt_copy_asn1 at esp_crt_bundle.c:440
 * 0x4200a1b2 esp_crt_copy_asn1 esp_crt_bundle.c:440
 * 4200a100 0000012c T esp_crt_copy_asn1        (nm -S)
 * 4200a100 T esp_crt_copy_asn1                 (nm)
 * </pre>
 * Exact addresses win; otherwise a symbol-table entry covering the address (its size, or the next symbol).
 */
public final class SymbolMap implements FrameResolver {
    private static final Pattern ADDR2LINE = Pattern.compile(
            "(?:0x)?([0-9a-fA-F]{6,16}):?\\s+(\\S+?)(?:\\s+at)?\\s+(\\S+?):(\\d+|\\?)(?:\\s.*)?");
    private static final Pattern ADDR_NAME = Pattern.compile("(?:0x)?([0-9a-fA-F]{6,16}):?\\s+([A-Za-z_][\\w:.<>~]*)\\s*");
    private static final Pattern NM = Pattern.compile("([0-9a-fA-F]{6,16})(?:\\s+([0-9a-fA-F]{1,16}))?\\s+[TtWw]\\s+(\\S+)");

    private record Entry(String function, String file, int line, long size, boolean exactOnly) {}

    private final TreeMap<Long, Entry> byAddress;

    private SymbolMap(TreeMap<Long, Entry> byAddress) {
        this.byAddress = byAddress;
    }

    /** Reads a map; lines it does not understand are counted in {@link Loaded#skippedLines()}. */
    public static Loaded read(Reader in) throws IOException {
        TreeMap<Long, Entry> map = new TreeMap<>();
        BufferedReader br = new BufferedReader(in);
        String line;
        long skipped = 0;
        long firstSkipped = 0;
        long n = 0;
        while ((line = br.readLine()) != null) {
            n++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            Matcher m;
            if ((m = NM.matcher(s)).matches()) {
                long size = m.group(2) == null ? 0 : Long.parseLong(m.group(2), 16);
                map.putIfAbsent(Long.parseLong(m.group(1), 16), new Entry(m.group(3), "", 0, size, false));
            } else if ((m = ADDR2LINE.matcher(s)).matches()) {
                int ln = m.group(4).equals("?") ? 0 : Integer.parseInt(m.group(4));
                String file = m.group(3).equals("??") ? "" : m.group(3);
                map.put(Long.parseLong(m.group(1), 16), new Entry(clean(m.group(2)), file, ln, 0, true));
            } else if ((m = ADDR_NAME.matcher(s)).matches()) {
                map.put(Long.parseLong(m.group(1), 16), new Entry(clean(m.group(2)), "", 0, 0, true));
            } else {
                if (skipped++ == 0) {
                    firstSkipped = n;
                }
            }
        }
        return new Loaded(new SymbolMap(map), map.size(), skipped, firstSkipped);
    }

    /**
     * The result of reading a map.
     *
     * @param map          the symbols
     * @param entries      addresses it holds
     * @param skippedLines lines that were not in a known shape
     * @param firstSkipped line number of the first such line, 0 when none
     */
    public record Loaded(SymbolMap map, long entries, long skippedLines, long firstSkipped) {}

    private static String clean(String f) {
        return f.equals("??") ? "" : f;
    }

    @Override
    public Frame resolve(Frame raw) {
        if (raw.hasFunction()) {
            return raw;
        }
        Map.Entry<Long, Entry> e = byAddress.floorEntry(raw.address());
        if (e == null) {
            return raw;
        }
        Entry s = e.getValue();
        long offset = raw.address() - e.getKey();
        if (offset == 0) {
            return raw.withSymbol(s.function, s.file, s.line);
        }
        int steps = 0;
        while (s.exactOnly) {
            // addr2line lines name one address only; look below them for a symbol-table entry that may cover it
            e = byAddress.lowerEntry(e.getKey());
            if (e == null || ++steps > 64) {
                return raw;
            }
            s = e.getValue();
        }
        boolean covered = s.size > 0 ? offset < s.size : nextStartsAfter(e.getKey(), raw.address());
        return covered ? raw.withSymbol(s.function, "", 0) : raw;
    }

    private boolean nextStartsAfter(long start, long address) {
        Long next = byAddress.higherKey(start);
        return next != null && address < next && address - start < 0x10000;
    }

    public int size() {
        return byAddress.size();
    }
}
