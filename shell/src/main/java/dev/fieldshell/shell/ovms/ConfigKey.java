package dev.fieldshell.shell.ovms;

/** One config instance, {@code param} / {@code instance} (e.g. {@code module} / {@code debug.heap.alert}). */
public record ConfigKey(String param, String instance) {
    @Override
    public String toString() {
        return param + " " + instance;
    }
}
