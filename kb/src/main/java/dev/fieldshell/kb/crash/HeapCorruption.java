package dev.fieldshell.kb.crash;

/**
 * A {@code CORRUPT HEAP:} line. For {@code Bad tail at 0x3f8e44f0 owner 0x3ffea9bc. Expected 0xbaad5678
 * got 0xbaad5600}: problem {@code Bad tail}, block 0x3f8e44f0, owner 0x3ffea9bc, expected 0xbaad5678,
 * got 0xbaad5600. Absent numbers are 0 (and {@code hasOwner} false).
 */
public record HeapCorruption(String problem, long block, long owner, boolean hasOwner, long expected, long got, String line) {
    public HeapCorruption {
        problem = problem == null ? "" : problem;
        line = line == null ? "" : line;
    }
}
