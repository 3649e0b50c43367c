package dev.fieldshell.shell.repl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Marks on the way from {@code main} to the REPL's first prompt, printed on stderr when the JVM
 * runs with {@code -Dfieldshell.trace=true}: milliseconds since the process started, the calling
 * thread's CPU time and the process's. The start-up benchmark reads them; without the property a
 * mark is one static field check.
 */
public final class StartupTrace {
    private static final boolean ON = Boolean.getBoolean("fieldshell.trace");
    private static final long START_MS = ON ? processStartMillis() : 0;

    private StartupTrace() {}

    public static boolean on() {
        return ON;
    }

    /** Prints {@code trace <ms since start> <thread CPU ms> <process CPU ms> <thread> <what>}. */
    public static void mark(String what) {
        if (!ON) {
            return;
        }
        long now = System.currentTimeMillis();
        System.err.println("trace " + (now - START_MS) + " " + threadCpuMillis() + " " + processCpuMillis()
                + " " + Thread.currentThread().getName() + " " + what);
    }

    private static long processStartMillis() {
        return ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli)
                .orElse(System.currentTimeMillis());
    }

    /** Linux: the first field of /proc/thread-self/schedstat is the thread's time on a CPU in ns. */
    private static long threadCpuMillis() {
        try {
            String s = Files.readString(Path.of("/proc/thread-self/schedstat"));
            return Long.parseLong(s.substring(0, s.indexOf(' '))) / 1_000_000;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Linux: user + system time of every thread of this process, from /proc/self/stat (10 ms ticks). */
    private static long processCpuMillis() {
        try {
            String s = Files.readString(Path.of("/proc/self/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
