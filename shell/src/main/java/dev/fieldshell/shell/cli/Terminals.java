package dev.fieldshell.shell.cli;

import java.io.Console;
import java.lang.reflect.Method;
import org.jline.terminal.impl.jni.JniTerminalProvider;
import org.jline.terminal.spi.SystemStream;

/** Whether a person is at a terminal: stdin and stdout both a terminal. */
final class Terminals {
    private Terminals() {}

    private static volatile Boolean jniLoaded;

    static boolean interactive() {
        try {
            // isatty() through JLine's JNI library, which the REPL loads anyway. Not System.console():
            // that looks up console providers and finds JLine's FFM one, whose set-up costs a large
            // part of the start-up time.
            JniTerminalProvider jni = new JniTerminalProvider();
            boolean tty = jni.isSystemStream(SystemStream.Input) && jni.isSystemStream(SystemStream.Output);
            jniLoaded = true;
            return tty;
        } catch (LinkageError | RuntimeException e) {
            jniLoaded = false;
            return consoleIsTerminal();
        }
    }

    /** Whether JLine's native library loaded (known after {@link #interactive()}). */
    static boolean jniAvailable() {
        if (jniLoaded == null) {
            interactive();
        }
        return jniLoaded;
    }

    private static boolean consoleIsTerminal() {
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
