package dev.fieldshell.shell.lint;

/** One lint finding: where ({@code path} or {@code path:line}), which rule, how bad, and the sentence. */
public record Finding(Severity severity, String rule, String where, String message) {

    public enum Severity { ERROR, WARNING, INFO }

    @Override
    public String toString() {
        return where + ": " + severity.name().toLowerCase() + ": " + message + " [" + rule + "]";
    }
}
