package dev.fieldshell.shell.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether a person is at a terminal: stdin and stdout both a terminal. */
final class Terminals {
    private Terminals() {}

    static boolean interactive() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            // JDK 22+ returns a Console even when redirected; isTerminal() tells the truth there.
            Method m = Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a non-null console means a terminal
        }
    }
}
