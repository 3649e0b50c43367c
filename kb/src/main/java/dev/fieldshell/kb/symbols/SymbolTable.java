package dev.fieldshell.kb.symbols;

import java.util.Optional;

/** Address to function name, from one source (an ELF, a text map, decoded reports in the KB). */
public interface SymbolTable {

    /** The function whose code holds {@code address}; empty for data, unknown or out-of-range addresses. */
    Optional<String> functionAt(long address);

    /** Where these symbols come from, for messages ({@code ovms3.elf}, {@code symbols.txt}, {@code KB 3.3.004-…}). */
    String origin();

    /** How many addresses or functions it knows. */
    int size();

    /** Tries each table in order and answers with the first that knows the address. */
    static SymbolTable chain(java.util.List<SymbolTable> tables) {
        java.util.List<SymbolTable> copy = java.util.List.copyOf(tables);
        return new SymbolTable() {
            @Override
            public Optional<String> functionAt(long address) {
                for (SymbolTable t : copy) {
                    Optional<String> f = t.functionAt(address);
                    if (f.isPresent()) {
                        return f;
                    }
                }
                return Optional.empty();
            }

            @Override
            public String origin() {
                // one file can feed two tables (a text map's decoded lines and its nm ranges): named once
                return String.join(" + ", copy.stream().map(SymbolTable::origin).distinct().toList());
            }

            @Override
            public int size() {
                return copy.stream().mapToInt(SymbolTable::size).sum();
            }
        };
    }
}
