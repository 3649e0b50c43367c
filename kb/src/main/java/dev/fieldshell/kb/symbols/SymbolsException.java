package dev.fieldshell.kb.symbols;

/** A symbol source could not be read. The message is one line naming the file and what was wrong. */
public final class SymbolsException extends Exception {
    public SymbolsException(String message) {
        super(message);
    }

    public SymbolsException(String message, Throwable cause) {
        super(message, cause);
    }
}
