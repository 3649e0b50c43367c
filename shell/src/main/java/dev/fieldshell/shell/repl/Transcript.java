package dev.fieldshell.shell.repl;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A transcript file: one line per entry, {@code <ISO instant> <target> <kind> <text>}, where kind is
 * {@code >} for what was typed, {@code <} for what came back, {@code !} for link events (a dropped
 * link, a reconnect) and a word such as {@code plan} or {@code did} for what macros record.
 * Multi-line text is written one line per entry, each with its own time stamp. Passwords are
 * masked before anything is written. Appends, so a restarted transcript never loses lines.
 */
public final class Transcript implements AutoCloseable {

    public static final String TYPED = ">";
    public static final String OUTPUT = "<";
    public static final String LINK = "!";

    private final Path file;
    private final BufferedWriter out;
    private final Clock clock;

    private Transcript(Path file, BufferedWriter out, Clock clock) {
        this.file = file;
        this.out = out;
        this.clock = clock;
    }

    public static Transcript open(Path file, Clock clock) throws IOException {
        PrivateFile.create(file);
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return new Transcript(file, w, clock);
    }

    public Path file() {
        return file;
    }

    /** Writes {@code text} (masked; one entry per line) and flushes, so a crash loses nothing. */
    public synchronized void write(String target, String kind, String text) {
        String stamp = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        try {
            for (String line : body.split("\n", -1)) {
                String masked = Secrets.mask(line);
                out.write(stamp + " " + (target.isEmpty() ? "-" : target) + " " + kind + " " + masked);
                out.newLine();
            }
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write transcript " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            // Every entry was flushed when written; nothing is lost by a failing close.
        }
    }
}
