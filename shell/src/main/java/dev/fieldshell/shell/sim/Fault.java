package dev.fieldshell.shell.sim;

/**
 * A fault the simulator injects: {@code drop-after=N} (a console's connection drops after N
 * commands), {@code latency=MS} (each command waits MS milliseconds before it runs),
 * {@code baud=N} (the console is a serial line at N baud, 8N1: every byte in and out, the echo of
 * what is typed included, takes its wire time; see {@link dev.fieldshell.shell.sim.serial.SerialLine})
 * and {@code corrupt-heap-on=EVENT} (the heap is corrupted when EVENT is signalled).
 */
public sealed interface Fault {
    record DropAfter(int commands) implements Fault {}

    record Latency(long millis) implements Fault {}

    record LineRate(int baud) implements Fault {}

    record CorruptHeapOn(String event) implements Fault {}

    /** Parses {@code name=value}; throws {@link IllegalArgumentException} with a one-line reason. */
    static Fault parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("fault '" + spec + "': expected drop-after=N, latency=MS, baud=N or corrupt-heap-on=EVENT");
        }
        String name = spec.substring(0, eq);
        String value = spec.substring(eq + 1);
        try {
            return switch (name) {
                case "drop-after" -> new DropAfter(positive(Integer.parseInt(value), spec));
                case "latency" -> new Latency(positive(Integer.parseInt(value), spec));
                case "baud" -> {
                    int baud = Integer.parseInt(value);
                    if (baud <= 0) {
                        throw new IllegalArgumentException("fault '" + spec + "': the baud rate must be above 0");
                    }
                    yield new LineRate(baud);
                }
                case "corrupt-heap-on" -> new CorruptHeapOn(value);
                default -> throw new IllegalArgumentException("fault '" + spec + "': unknown fault '" + name
                        + "' (known: drop-after, latency, baud, corrupt-heap-on)");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault '" + spec + "': '" + value + "' is not a whole number");
        }
    }

    private static int positive(int v, String spec) {
        if (v < 0) {
            throw new IllegalArgumentException("fault '" + spec + "': must not be negative");
        }
        return v;
    }
}
