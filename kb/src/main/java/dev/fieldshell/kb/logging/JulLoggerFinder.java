package dev.fieldshell.kb.logging;

import java.util.ResourceBundle;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The JDK's platform loggers ({@link System#getLogger}) sent to {@code java.util.logging}, as the
 * JDK does by default. It exists for start-up time, not for what it does: the first use of
 * {@code java.util.logging} (JLine's loggers, on the way to the REPL's prompt) makes the JDK look
 * for a {@link System.LoggerFinder} service on the class path, and without one it opens every jar
 * of the class path to be sure (35 of them, the GraalJS ones with thousands of entries each).
 * The JDK asks for the first provider and then whether there is another, and its class loader
 * looks one services file ahead of the one it returns; a provider name it has seen is skipped. So
 * fieldshell.jar's services file names two providers (this class and {@link Second}), which
 * answers "another?" from that file, and this jar, the first entry of the manifest's Class-Path,
 * declares this class too, where the look-ahead stops. One declaration, or the same name twice,
 * sends the search through every jar ({@code LoggerFinderLookupTest} in the shell module).
 */
public class JulLoggerFinder extends System.LoggerFinder {

    /** The second provider name fieldshell.jar declares; the JDK uses the first, this one is never instantiated. */
    public static final class Second extends JulLoggerFinder {}


    @Override
    public System.Logger getLogger(String name, Module module) {
        return new JulLogger(Logger.getLogger(name));
    }

    /** The {@code java.util.logging} level a platform logger's level stands for (the JDK's own mapping). */
    static java.util.logging.Level julLevel(System.Logger.Level level) {
        return switch (level) {
            case ALL -> java.util.logging.Level.ALL;
            case TRACE -> java.util.logging.Level.FINER;
            case DEBUG -> java.util.logging.Level.FINE;
            case INFO -> java.util.logging.Level.INFO;
            case WARNING -> java.util.logging.Level.WARNING;
            case ERROR -> java.util.logging.Level.SEVERE;
            case OFF -> java.util.logging.Level.OFF;
        };
    }

    private record JulLogger(Logger logger) implements System.Logger {
        @Override
        public String getName() {
            return logger.getName();
        }

        @Override
        public boolean isLoggable(System.Logger.Level level) {
            return logger.isLoggable(julLevel(level));
        }

        @Override
        public void log(System.Logger.Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (isLoggable(level)) {
                logger.logrb(julLevel(level), bundle, msg, thrown);
            }
        }

        @Override
        public void log(System.Logger.Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                logger.logrb(julLevel(level), bundle, format, params);
            }
        }

        @Override
        public void log(System.Logger.Level level, Supplier<String> msgSupplier) {
            if (isLoggable(level)) {
                logger.log(julLevel(level), msgSupplier);
            }
        }
    }
}
