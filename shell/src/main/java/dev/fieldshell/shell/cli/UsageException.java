package dev.fieldshell.shell.cli;

/** A command was called with arguments that make no sense; reported in one line with exit code 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
