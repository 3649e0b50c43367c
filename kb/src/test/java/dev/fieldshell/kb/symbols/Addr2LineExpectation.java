package dev.fieldshell.kb.symbols;

import java.util.ArrayList;
import java.util.List;

/** GNU {@code addr2line -f -a} output: address, function, location per entry. */
record Addr2LineExpectation(long address, String function, String location) {

    static List<Addr2LineExpectation> parse(String output) {
        List<Addr2LineExpectation> out = new ArrayList<>();
        String[] lines = output.split("\n");
        for (int i = 0; i + 2 < lines.length + 1 && i < lines.length; i += 3) {
            out.add(new Addr2LineExpectation(Long.parseUnsignedLong(lines[i].substring(2), 16), lines[i + 1], lines[i + 2]));
        }
        return out;
    }

    /** The name our reader must give: addr2line's, or none where it printed {@code ??}. */
    String expectedName() {
        return function.equals("??") ? "" : function;
    }
}
