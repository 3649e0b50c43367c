package dev.fieldshell.shell.sim.ssh;

import dev.fieldshell.shell.sim.console.Terminal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * The common part of the module's SSH channels: streams, the exit status (always 0, as wolfSSH's
 * {@code wolfSSH_stream_exit(ssh, 0)}) and the output path that sends every {@code \n} as
 * {@code \r\n} ({@code ConsoleSSH::write}).
 */
abstract class ChannelCommand implements Command, Terminal {
    protected InputStream in;
    protected OutputStream out;
    protected ChannelSession channel;
    private ExitCallback exit;
    private boolean exited;

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        // the module has no stderr: everything goes to the channel's data stream
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        this.channel = channel;
        Thread.ofVirtual().name("ssh-" + getClass().getSimpleName()).start(() -> {
            try {
                run();
            } catch (IOException e) {
                drop();
            }
        });
    }

    /** The channel's work, on its own (virtual) thread. */
    protected abstract void run() throws IOException;

    /** Console output: {@code \n} goes out as {@code \r\n}; a {@code \r} already there stays. */
    @Override
    public void write(String text) {
        byte[] src = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] buf = new byte[src.length * 2];
        int n = 0;
        for (byte b : src) {
            if (b == '\n') {
                buf[n++] = '\r';
            }
            buf[n++] = b;
        }
        try {
            synchronized (this) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            drop();
        }
    }

    protected void writeRaw(byte[] b, int off, int len) throws IOException {
        synchronized (this) {
            out.write(b, off, len);
            out.flush();
        }
    }

    /** Exit status 0, then the channel closes. */
    @Override
    public synchronized void close() {
        if (!exited && exit != null) {
            exited = true;
            try {
                out.flush();
            } catch (IOException ignored) {
                // the client is gone already
            }
            exit.onExit(0);
        }
    }

    @Override
    public void drop() {
        if (channel != null) {
            // Graceful: what the console already printed (echo, the last line) still goes out first,
            // as a module's socket sends what lwIP has queued before the link goes down.
            channel.getSession().close(false);
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        // the console notices the closed streams on its own
    }
}
