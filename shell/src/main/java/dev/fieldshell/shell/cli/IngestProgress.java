package dev.fieldshell.shell.cli;

import dev.fieldshell.kb.source.Ingestor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A one-line progress display for {@code kb ingest}: documents, documents per second and the current
 * input, redrawn in place at most four times a second. Only used when stderr is a terminal.
 */
final class IngestProgress implements Ingestor.Listener {
    private static final long REDRAW_NANOS = 250_000_000L;
    private static final int NAME_CHARS = 40;

    private final PrintWriter err;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    IngestProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void progress(long documents, String input) {
        long now = System.nanoTime();
        if (drawn && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        err.print("\r\u001b[2K" + line(documents, now - start, input));
        err.flush();
        drawn = true;
    }

    /** Clears the line, so the summary starts on a clean one. */
    void finish() {
        if (drawn) {
            err.print("\r\u001b[2K");
            err.flush();
        }
    }

    /** The text of the progress line: {@code 12,345 documents  4,321 docs/s  …/ovmsdev/2025-May.txt.gz}. */
    static String line(long documents, long elapsedNanos, String input) {
        double secs = Math.max(1e-3, elapsedNanos / 1e9);
        String name = input.length() > NAME_CHARS ? "…" + input.substring(input.length() - (NAME_CHARS - 1)) : input;
        return String.format(Locale.ROOT, "%,d documents  %,.0f docs/s  %s", documents, documents / secs, name);
    }

    /**
     * True when stderr is an interactive terminal (and TERM is not {@code dumb}). The JDK's console only
     * tells about stdin and stdout, so on Linux stderr itself is checked too: {@code 2>file} gets no bar.
     */
    static boolean stderrIsTerminal() {
        java.io.Console c = System.console();
        if (c == null || System.getenv("TERM") == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            // JDK 22+ (we compile for 21): a Console exists even when redirected; isTerminal() says whether it is one.
            if (!(Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c)) {
                return false;
            }
        } catch (ReflectiveOperationException e) {
            // JDK 21: System.console() is null unless stdin and stdout are a terminal
        }
        Path fd2 = Path.of("/proc/self/fd/2");
        try {
            String target = Files.readSymbolicLink(fd2).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return true; // not Linux: trust the console
        }
    }
}
