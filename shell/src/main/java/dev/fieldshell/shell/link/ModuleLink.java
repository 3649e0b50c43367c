package dev.fieldshell.shell.link;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * A connection to one OVMS module (real over SSH or serial, or the simulator in process).
 *
 * <p>Contract shared by the REPL, the macros and the CLI:
 * <ul>
 *   <li>{@link #run} sends one command line exactly as given (the caller quotes it by the module's
 *       tokenizer rules) and returns exactly what the command printed: no echo, no prompt, no
 *       {@code \r}, no interleaved log lines; the final newline is kept only if the command printed one.</li>
 *   <li>Log lines that arrive meanwhile go to the listener set with {@link #onLog}.</li>
 *   <li>Failures of the link itself (not of the command) throw {@link LinkException}.</li>
 * </ul>
 */
public interface ModuleLink extends AutoCloseable {

    /** How the user named this target, e.g. {@code ssh://admin@10.0.0.5}, {@code serial:/dev/ttyUSB0}, {@code sim}. */
    String target();

    /** What the module said about itself when the link opened (firmware, hardware, secure mode). */
    ModuleInfo info();

    /** Runs one command line and returns its complete output. */
    CommandResult run(String commandLine) throws LinkException;

    /**
     * Runs a command whose output may not end by itself (for example {@code vfs tail} in follow mode),
     * passing output chunks to {@code sink} as they arrive, until the command ends or {@link #interrupt()}.
     */
    CommandResult stream(String commandLine, Consumer<String> sink) throws LinkException;

    /** Sends Ctrl-C to the running command. Does nothing when no command runs. */
    void interrupt();

    /** Writes a file on the module without going through the console (scp). */
    default void upload(String path, byte[] content) throws LinkException {
        throw new LinkException(target() + ": this link cannot upload files; use a text that vfs echo can carry");
    }

    /** Whether {@link #upload} works on this link. */
    default boolean canUpload() {
        return false;
    }

    /** Where log lines arriving outside command output go. */
    default void onLog(Consumer<String> listener) {}

    /**
     * Where events of the link itself go (dropped, reconnected, with times), for the transcript and
     * the terminal. Links that never reconnect have none.
     */
    default void onLinkEvent(Consumer<String> listener) {}

    /** Whether the link can still carry commands (false after it dropped or was closed). */
    default boolean isOpen() {
        return true;
    }

    /**
     * The link's state as {@code :targets} and the status line show it: {@code secure} or
     * {@code not secure} while it carries commands, {@code link lost} once it cannot (its last
     * known console mode would be stale and misleading then).
     */
    default String stateText() {
        if (!isOpen()) {
            return "link lost";
        }
        return info().secure() ? "secure" : "not secure";
    }

    /** Time a command may take before the link gives up on it. */
    default Duration commandTimeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    void close();
}
