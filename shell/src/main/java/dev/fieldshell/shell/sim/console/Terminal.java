package dev.fieldshell.shell.sim.console;

/**
 * Where a console's bytes go. Text is ISO-8859-1 (one char per byte) with {@code \n} line ends;
 * the transport applies its own newline conversion (SSH and UART: every {@code \n} as {@code \r\n}).
 */
public interface Terminal {
    void write(String text);

    /** Ends the session (SSH {@code exit}, dropped link). */
    default void close() {}

    /** Drops the link without a clean end (network restart, injected fault). */
    default void drop() {
        close();
    }
}
