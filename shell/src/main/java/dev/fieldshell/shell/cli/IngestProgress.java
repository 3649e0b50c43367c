package dev.fieldshell.shell.cli;

import dev.fieldshell.kb.source.Ingestor;
import java.io.PrintWriter;

/**
 * A one-line progress display for {@code kb ingest}: documents, documents per second and the current
 * input, redrawn in place at most four times a second. Only used when stderr is a terminal.
 */
final class IngestProgress implements Ingestor.Listener {
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
        if (now - lastDraw < 250_000_000L) {
            return;
        }
        lastDraw = now;
        double secs = Math.max(1e-3, (now - start) / 1e9);
        String name = input.length() > 40 ? "…" + input.substring(input.length() - 39) : input;
        err.printf("\r\u001b[2K%,d documents  %,.0f docs/s  %s", documents, documents / secs, name);
        err.flush();
        drawn = true;
    }

    void finish() {
        if (drawn) {
            err.print("\r\u001b[2K");
            err.flush();
        }
    }

    /** True when stderr is an interactive terminal (and the user did not ask for plain output). */
    static boolean stderrIsTerminal() {
        java.io.Console c = System.console();
        if (c == null || System.getenv("TERM") == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            // JDK 22+: a Console exists even when redirected; isTerminal() says whether it is one.
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
