package dev.fieldshell.kb.heap;

import dev.fieldshell.kb.crash.Frame;
import dev.fieldshell.kb.symbols.SymbolTable;

/** Gives a raw frame its function, file and line; returns it unchanged when the address is unknown. */
@FunctionalInterface
public interface FrameResolver {
    Frame resolve(Frame raw);

    /** Leaves every frame as it is (no symbols given). */
    FrameResolver NONE = f -> f;

    /** Names frames from a symbol table (an ELF, a symbols.txt map, the symbol store, or a chain of them). */
    static FrameResolver of(SymbolTable table) {
        return f -> f.hasFunction() ? f : table.functionAt(f.address()).map(fn -> f.withSymbol(fn, "", 0)).orElse(f);
    }
}
