package dev.fieldshell.shell.sim.serial;

import dev.fieldshell.shell.sim.console.Console;
import dev.fieldshell.shell.sim.console.Terminal;
import dev.fieldshell.shell.sim.module.ModuleCore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.impl.jni.JniTerminalProvider;
import org.jline.terminal.spi.Pty;

/**
 * The module's USB console (reference §1.2) on a pseudo-terminal created with JLine's JNI pty
 * support ({@link JniTerminalProvider#open}): the slave path is what a user opens (e.g. with
 * {@code screen} or {@code socat}). The banner is printed once, at "boot"; CR, LF and CRLF each
 * act as one Enter; log lines always show. The console starts secure only when no module
 * password is set.
 *
 * <p>Output is never dropped for being faster than the line. On a real module the console task
 * writes with {@code fwrite} to the UART and waits while the line is busy; only log messages that
 * find the console task's queue full are counted, and shown as {@code [<n> log messages lost]}
 * (reference §9). Here every writer waits the same way (back-pressure, {@link SerialLine#awaitRoom})
 * once more than {@link #TX_BUFFER_BYTES} are still to cross the wire, log lines included, so nothing
 * is lost. Only a far end that reads nothing at all (nobody has the port open) lets bytes pile up
 * for the pseudo-terminal; beyond {@link #PTY_BACKLOG_BYTES} they are lost, as on a UART with nobody
 * listening, rather than stalling the module.
 *
 * <p>With a {@link SerialLine} (the {@code baud} fault) both directions take their wire time: what
 * the far end types reaches the console a chunk at a time (up to each Enter) once its last byte
 * has crossed, and output, the echo included, leaves when its bytes' time on the wire is over; the
 * echo of typed bytes is ready as they arrive, as a UART echoes them one by one.
 */
public final class SerialConsole implements Terminal, AutoCloseable {
    /** The UART driver's transmit buffer: a simulator choice (the reference gives no size). */
    static final int TX_BUFFER_BYTES = 256;
    /** What may wait for a pseudo-terminal nobody reads. */
    private static final long PTY_BACKLOG_BYTES = 1 << 20;

    private final ModuleCore core;
    private final SerialLine line;
    private final BlockingQueue<Chunk> pending = new LinkedBlockingQueue<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    private Thread reader;
    /** While the reader feeds typed bytes: when their chunk's first byte arrived (their echo is ready then); NONE otherwise. */
    private long echoReadyAt = NONE;
    private static final long NONE = Long.MIN_VALUE;
    private Pty pty;
    private String path;
    private Console console;
    private volatile boolean closed;

    /** Bytes to the far end, and when their last one has crossed the wire (0: unpaced). */
    private record Chunk(byte[] bytes, long due) {}

    /** {@code line}: the serial line to pace by, or null for none. */
    public SerialConsole(ModuleCore core, SerialLine line) {
        this.core = core;
        this.line = line;
    }

    public void start() throws IOException {
        try {
            pty = new JniTerminalProvider().open(rawAttributes(), new Size(80, 24));
        } catch (LinkageError | RuntimeException e) {
            throw new IOException("cannot create a pseudo-terminal with JLine's native library: " + e, e);
        }
        path = ((org.jline.terminal.impl.jni.JniNativePty) pty).getName();
        console = core.openConsole(Console.Kind.SERIAL, this, core.modulePassword().isEmpty());
        InputStream in = pty.getMasterInput();
        OutputStream out = pty.getMasterOutput();
        Thread writer = new Thread(() -> pump(out), "sim-serial-out");
        writer.setDaemon(true);
        writer.start();
        reader = new Thread(() -> read(in), "sim-serial-in");
        reader.setDaemon(true);
        reader.start();
        console.greet(core.banner("Async"));
    }

    private static Attributes rawAttributes() {
        Attributes a = new Attributes();
        a.setInputFlags(java.util.EnumSet.noneOf(Attributes.InputFlag.class));
        a.setOutputFlags(java.util.EnumSet.noneOf(Attributes.OutputFlag.class));
        a.setLocalFlags(java.util.EnumSet.noneOf(Attributes.LocalFlag.class));
        a.setControlFlags(java.util.EnumSet.of(Attributes.ControlFlag.CS8, Attributes.ControlFlag.CREAD));
        a.setControlChar(Attributes.ControlChar.VMIN, 1);
        a.setControlChar(Attributes.ControlChar.VTIME, 0);
        return a;
    }

    public String path() {
        return path;
    }

    /** Input: {@code \r} becomes {@code \n}; an {@code \n} right after a {@code \r} in the same read is dropped. */
    private void read(InputStream in) {
        byte[] buf = new byte[256];
        try {
            int n;
            while (!closed && (n = in.read(buf)) >= 0) {
                int from = 0;
                while (from < n) {
                    int to = from;
                    while (to < n - 1 && buf[to] != '\r' && buf[to] != '\n') {
                        to++;
                    }
                    feed(buf, from, to + 1);
                    from = to + 1;
                }
            }
        } catch (IOException e) {
            // pty closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Feeds {@code buf[from, to)}, which holds at most one Enter, at its end, once it has crossed the line. */
    private void feed(byte[] buf, int from, int to) throws InterruptedException {
        SerialLine.Arrival arrival = line == null ? null : line.receive(to - from);
        for (int i = from; i < to; i++) {
            char c = (char) (buf[i] & 0xff);
            if (c == '\n' && i > 0 && buf[i - 1] == '\r') {
                continue;
            }
            boolean enter = c == '\r' || c == '\n';
            // The Enter's echo and the command's output are ready when they are printed.
            echoReadyAt = arrival == null || enter ? NONE : arrival.first();
            console.input(enter ? '\n' : c);
        }
        echoReadyAt = NONE;
    }

    /** Writes what is queued; on a paced line, a batch leaves when its last byte has crossed the wire. */
    private void pump(OutputStream out) {
        List<Chunk> batch = new ArrayList<>();
        try {
            while (!closed) {
                batch.add(pending.take());
                pending.drainTo(batch);
                if (line != null) {
                    line.awaitUntil(batch.getLast().due());
                }
                long written = 0;
                for (Chunk c : batch) {
                    out.write(c.bytes());
                    written += c.bytes().length;
                }
                out.flush();
                pendingBytes.addAndGet(-written);
                batch.clear();
            }
        } catch (InterruptedException | IOException e) {
            // closed
        }
    }

    /** newlib with CONFIG_NEWLIB_STDOUT_LINE_ENDING_CRLF: every {@code \n} leaves as {@code \r\n}. */
    @Override
    public void write(String text) {
        byte[] bytes = text.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        long due = 0;
        if (line != null) {
            long echo = Thread.currentThread() == reader ? echoReadyAt : NONE;
            due = echo != NONE ? line.send(bytes.length, echo) : line.send(bytes.length);
        }
        if (pendingBytes.addAndGet(bytes.length) > PTY_BACKLOG_BYTES) {
            pendingBytes.addAndGet(-bytes.length); // nobody reads the port: gone, as from a UART nobody listens to
        } else {
            pending.add(new Chunk(bytes, due));
        }
        if (line != null) {
            try {
                line.awaitRoom(TX_BUFFER_BYTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (console != null) {
            console.close();
        }
        try {
            if (pty != null) {
                pty.close();
            }
        } catch (IOException ignored) {
            // gone
        }
    }
}
