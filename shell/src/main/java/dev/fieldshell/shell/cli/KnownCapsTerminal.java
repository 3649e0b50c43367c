package dev.fieldshell.shell.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.PosixSysTerminal;
import org.jline.terminal.spi.Pty;

/**
 * JLine's POSIX system terminal, given capabilities it resolved on an earlier start. JLine's own
 * way reads its table of capability names out of its jar (through a char-at-a-time reader) and
 * parses the terminal's description with a regular expression per line on every start: the
 * largest single cost between {@code main} and the prompt.
 */
final class KnownCapsTerminal extends PosixSysTerminal {

    // parseInfoCmp() is called by PosixSysTerminal's constructor, before this class's own fields
    // are assigned: the capabilities come in through a thread-local set around the construction.
    private static final ThreadLocal<TerminalCapabilities> REPLAY = new ThreadLocal<>();

    private KnownCapsTerminal(String name, String type, Pty pty, Charset encoding, Charset stdin, Charset stdout)
            throws IOException {
        super(name, type, pty, encoding, stdin, stdout, true, Terminal.SignalHandler.SIG_DFL);
    }

    /** What JLine's JNI provider builds for a system terminal, with {@code caps} instead of parsing. */
    static Terminal open(String name, String type, Pty pty, Charset encoding, Charset stdin, Charset stdout,
            TerminalCapabilities caps) throws IOException {
        REPLAY.set(caps);
        try {
            return new KnownCapsTerminal(name, type, pty, encoding, stdin, stdout);
        } finally {
            REPLAY.remove();
        }
    }

    @Override
    protected void parseInfoCmp() {
        TerminalCapabilities caps = REPLAY.get();
        if (caps == null) {
            super.parseInfoCmp();
            return;
        }
        bools.addAll(caps.bools());
        ints.putAll(caps.ints());
        strings.putAll(caps.strings());
    }
}
