package dev.fieldshell.kb.crash.noise;

import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the characters the crash parser's patterns look at, so tests can show the parser's work
 * grows linearly with its input (a regular expression that backtracks reads the same characters
 * again and again). Costs one thread-local read per pattern use when no one is measuring.
 */
public final class WorkMeter {
    private WorkMeter() {}

    private static final ThreadLocal<long[]> COUNTER = new ThreadLocal<>();

    /** A matcher over {@code text} whose character reads are counted while {@link #measure} runs. */
    public static Matcher matcher(Pattern pattern, String text) {
        long[] c = COUNTER.get();
        return c == null ? pattern.matcher(text) : pattern.matcher(new Counting(text, c));
    }

    /** Adds {@code n} units of work done outside patterns (a manual scan over n characters). */
    public static void add(long n) {
        long[] c = COUNTER.get();
        if (c != null) {
            c[0] += n;
        }
    }

    /** Runs {@code task} and returns its result with the number of characters pattern matching read. */
    public static <T> Measured<T> measure(Supplier<T> task) {
        long[] c = new long[1];
        long[] saved = COUNTER.get();
        COUNTER.set(c);
        try {
            T result = task.get();
            return new Measured<>(result, c[0]);
        } finally {
            if (saved == null) {
                COUNTER.remove();
            } else {
                COUNTER.set(saved);
            }
        }
    }

    public record Measured<T>(T result, long work) {}

    private record Counting(String s, long[] c) implements CharSequence {
        @Override
        public int length() {
            return s.length();
        }

        @Override
        public char charAt(int index) {
            c[0]++;
            return s.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return s.substring(start, end);
        }

        @Override
        public String toString() {
            return s;
        }
    }
}
