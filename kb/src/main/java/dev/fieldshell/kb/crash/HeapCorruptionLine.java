package dev.fieldshell.kb.crash;

import java.util.Optional;

/** Reads one {@code CORRUPT HEAP:} line (esp-idf multi_heap_poisoning.c, multi_heap.c, multi_heap_platform.h). */
final class HeapCorruptionLine {
    private HeapCorruptionLine() {}

    static final String MARK = "CORRUPT HEAP:";

    static Optional<HeapCorruption> parse(String line) {
        int k = line.indexOf(MARK);
        if (k < 0) {
            return Optional.empty();
        }
        String t = line.substring(k + MARK.length()).strip();
        String whole = line.substring(k).strip();
        String problem;
        long block = -1;
        long expected = -1;
        long got = -1;
        if (t.startsWith("Bad head at") || t.startsWith("Bad tail at") || t.startsWith("Invalid data at") || t.startsWith("Size at")) {
            problem = t.substring(0, t.indexOf(" at"));
            block = Hex.after(t, " at ");
            expected = t.contains("Expected") ? Hex.after(t, "Expected") : Hex.after(t, "expected");
            got = Hex.after(t, " got ");
        } else if (t.startsWith("multi_heap") || t.contains(" detected at ")) {
            int sp = t.indexOf(' ');
            problem = sp > 0 ? t.substring(0, sp) : t;
            block = Hex.after(t, "detected at");
        } else if (t.startsWith("Block ") && t.contains("points to itself")) {
            problem = "Block points to itself";
            block = Hex.after(t, "Block");
        } else if (t.startsWith("Block ") && t.contains("is before prev block")) {
            problem = "Block before prev block";
            block = Hex.after(t, "Block");
        } else if (t.startsWith("Block ") && t.contains("is outside heap")) {
            problem = "Block outside heap";
            block = Hex.after(t, "Block");
        } else if (t.startsWith("Two adjacent free blocks")) {
            problem = "Two adjacent free blocks";
            block = Hex.after(t, "found");
        } else if (t.startsWith("Expected") && t.contains("free bytes")) {
            problem = "Free bytes mismatch";
        } else {
            int cut = firstStop(t);
            problem = t.substring(0, cut).strip();
        }
        long owner = Hex.after(t, " owner ");
        return Optional.of(new HeapCorruption(problem, Math.max(block, 0), Math.max(owner, 0), owner >= 0,
                Math.max(expected, 0), Math.max(got, 0), whole));
    }

    private static int firstStop(String t) {
        int cut = Math.min(t.length(), 40);
        int x = t.indexOf(" 0x");
        if (x >= 0 && x < cut) {
            cut = x;
        }
        return cut;
    }
}
