package dev.fieldshell.shell.sim.serial;

import dev.fieldshell.shell.sim.console.Console;
import dev.fieldshell.shell.sim.console.Terminal;
import dev.fieldshell.shell.sim.module.ModuleCore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
 * <p>Output waits in a bounded queue: like a UART with nobody listening, bytes beyond it are lost
 * rather than stalling the module.
 */
public final class SerialConsole implements Terminal, AutoCloseable {
    private static final int QUEUE_CHUNKS = 1024;

    private final ModuleCore core;
    private final BlockingQueue<byte[]> pending = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
    private Pty pty;
    private String path;
    private Console console;
    private volatile boolean closed;

    public SerialConsole(ModuleCore core) {
        this.core = core;
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
        Thread reader = new Thread(() -> read(in), "sim-serial-in");
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
                for (int i = 0; i < n; i++) {
                    char c = (char) (buf[i] & 0xff);
                    if (c == '\n' && i > 0 && buf[i - 1] == '\r') {
                        continue;
                    }
                    console.input(c == '\r' ? '\n' : c);
                }
            }
        } catch (IOException e) {
            // pty closed
        }
    }

    private void pump(OutputStream out) {
        try {
            while (!closed) {
                byte[] b = pending.take();
                out.write(b);
                out.flush();
            }
        } catch (InterruptedException | IOException e) {
            // closed
        }
    }

    /** newlib with CONFIG_NEWLIB_STDOUT_LINE_ENDING_CRLF: every {@code \n} leaves as {@code \r\n}. */
    @Override
    public void write(String text) {
        String crlf = text.replace("\n", "\r\n");
        pending.offer(crlf.getBytes(StandardCharsets.ISO_8859_1));
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
