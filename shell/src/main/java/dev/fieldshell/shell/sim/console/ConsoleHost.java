package dev.fieldshell.shell.sim.console;

/** What a console needs from the module it belongs to. */
public interface ConsoleHost {
    /** The root of the command tree. */
    CommandNode commands();

    /** Whether {@code X ?} prints a usage line before the list (firmware 3.3.005+, reference §10). */
    boolean usageOnQuery();

    /** The module password ({@code password.module}), empty when none is set. */
    String modulePassword();

    /**
     * Completions of a VFS path (full paths, directories ending in {@code /}); the module's
     * {@code validate} callbacks offer these for path arguments.
     */
    default java.util.List<String> completePath(String partial) {
        return java.util.List.of();
    }

    /** Called before each command a console executes (fault injection: latency, dropped links). */
    default void beforeCommand(Console console) throws InterruptedException {}

    /** Called when a console opens or closes, so log lines can reach it. */
    default void attached(Console console) {}

    default void detached(Console console) {}
}
