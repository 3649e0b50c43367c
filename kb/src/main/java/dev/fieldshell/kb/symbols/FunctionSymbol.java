package dev.fieldshell.kb.symbols;

/**
 * A function's code range. {@code size} 0 means the source did not say (nm without {@code -S},
 * hand-written maps); lookups then fall back to the nearest preceding function, within a bound.
 */
public record FunctionSymbol(String name, long start, long size) {
    public FunctionSymbol {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("function name must not be empty");
        }
    }

    public boolean contains(long address) {
        return size > 0 && address >= start && address - start < size;
    }
}
