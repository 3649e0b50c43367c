package dev.fieldshell.shell.macro;

/** A macro could not be loaded or run; the message is one line meant for the user. */
public final class MacroException extends Exception {
    public MacroException(String message) {
        super(message);
    }

    public MacroException(String message, Throwable cause) {
        super(message, cause);
    }
}
