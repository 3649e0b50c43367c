package dev.fieldshell.shell.sim.console;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One console session on the module ({@code OvmsWriter} + {@code OvmsConsole}): its secure mode,
 * verbosity, log monitoring, line editor and the interleaving of log lines with the prompt (§9).
 * Input arrives with {@link #input(char)}; the transport has already turned {@code \r} into {@code \n}.
 */
public class Console {

    /** The kinds of console a module has; they differ in echo, prompt, logs and {@code exit}. */
    public enum Kind {
        SSH_SHELL(true, false, true),
        SSH_EXEC(false, false, false),
        SERIAL(true, true, true),
        SCRIPT(false, false, false),
        LINK(false, false, false);

        final boolean echo;
        final boolean monitorByDefault;
        final boolean interactive;

        Kind(boolean echo, boolean monitorByDefault, boolean interactive) {
            this.echo = echo;
            this.monitorByDefault = monitorByDefault;
            this.interactive = interactive;
        }
    }

    public static final String SECURE_PROMPT = "OVMS# ";
    public static final String PROMPT = "OVMS> ";
    public static final int VERBOSE = 65535;
    public static final int MINIMAL = 140;
    /** Log lines are redrawn over by the prompt this long after the last one. */
    static final long REDRAW_DELAY_MS = 200;

    /** Takes over keystrokes while a command waits for input (password prompt, follow mode). */
    public interface InputHandler {
        void key(char c);
    }

    private final Kind kind;
    private final ConsoleHost host;
    private final Terminal terminal;
    private final ScheduledExecutorService timers;
    private final LineEditor editor;
    private final Deque<String> pendingLogs = new ArrayDeque<>();
    /** Log messages held while a command runs; the firmware's queue size is not in the reference. */
    private static final int PENDING_LOGS = 100;
    private int lostLogs;
    private boolean secure;
    private int verbosity = VERBOSE;
    private boolean monitoring;
    private boolean busy;
    private boolean lastWasLog;
    private InputHandler inputHandler;
    private Runnable interruptHandler;
    private ScheduledFuture<?> redraw;
    private int commandsRun;
    private volatile boolean closed;
    private volatile boolean interactiveCommand;

    public Console(Kind kind, ConsoleHost host, Terminal terminal, boolean secure, ScheduledExecutorService timers) {
        this.kind = kind;
        this.host = host;
        this.terminal = terminal;
        this.timers = timers;
        this.secure = secure;
        this.monitoring = kind.monitorByDefault;
        this.editor = new LineEditor(this, kind.echo);
        if (kind == Kind.SCRIPT) {
            verbosity = MINIMAL;
        }
    }

    public Kind kind() {
        return kind;
    }

    public ConsoleHost host() {
        return host;
    }

    public synchronized boolean secure() {
        return secure;
    }

    public synchronized void setSecure(boolean secure) {
        this.secure = secure;
    }

    public int verbosity() {
        return verbosity;
    }

    public boolean interactive() {
        return kind.interactive || interactiveCommand;
    }

    /** Lets a non-interactive console run one follow-mode command (the in-process link's stream). */
    public void setInteractiveCommand(boolean on) {
        interactiveCommand = on;
    }

    public synchronized boolean monitoring() {
        return monitoring;
    }

    public synchronized void setMonitoring(boolean on) {
        monitoring = on;
    }

    public int commandsRun() {
        return commandsRun;
    }

    public boolean closed() {
        return closed;
    }

    /** The prompt this console shows now: {@code OVMS# } when secure, {@code OVMS> } when not. */
    public String prompt() {
        return secure() ? SECURE_PROMPT : PROMPT;
    }

    /** Prints command output. */
    public synchronized void print(String text) {
        if (!closed) {
            terminal.write(text);
        }
    }

    /** Prints the banner and the first prompt, as {@code Initialize("SSH")} does. */
    public synchronized void greet(String banner) {
        print(banner);
        editor.printPrompt();
    }

    /** Feeds one input character. */
    public void input(char c) {
        InputHandler handler;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (lastWasLog) {
                redrawNow();
            }
            handler = inputHandler;
        }
        if (handler != null) {
            if (c == 3 && interruptHandler != null) {
                interruptHandler.run();
                return;
            }
            handler.key(c);
            return;
        }
        editor.key(c);
    }

    /** Feeds text (exec channels, scripts, the in-process link). */
    public void input(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            input(text.charAt(i));
        }
    }

    /** Runs one tokenized command line (called by the line editor on Enter). */
    void execute(List<String> tokens) {
        synchronized (this) {
            busy = true;
        }
        try {
            commandsRun++;
            host.beforeCommand(this);
            if (!closed) {
                host.commands().execute(this, tokens);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A simulator bug must not take the session down; a module would carry on too.
            print("Error: " + e + "\n");
        }
    }

    /** Called by the line editor once the prompt is back: queued log lines may now show. */
    void commandDone() {
        synchronized (this) {
            busy = inputHandler != null;
            flushPendingLogs();
        }
    }

    /**
     * Lets a command take the keyboard (the prompt stays away until {@link #releaseInput()});
     * {@code onInterrupt} runs on Ctrl-C.
     */
    public synchronized void captureInput(InputHandler handler, Runnable onInterrupt) {
        inputHandler = handler;
        interruptHandler = onInterrupt;
    }

    public synchronized boolean inputCaptured() {
        return inputHandler != null;
    }

    /** Ends a {@link #captureInput} and shows the prompt. */
    public synchronized void releaseInput() {
        inputHandler = null;
        interruptHandler = null;
        editor.printPrompt();
        busy = false;
        flushPendingLogs();
    }

    /** A formatted log line (without newline) for this console, shown if monitoring is on. */
    public synchronized void log(String coloredLine) {
        if (!monitoring || closed || !kind.interactive) {
            return;
        }
        if (busy) {
            // The console task's queue holds what arrives while a command runs; a message that finds it full
            // is counted, and the count is shown once the queue drains (reference §9).
            if (pendingLogs.size() < PENDING_LOGS) {
                pendingLogs.add(coloredLine);
            } else {
                lostLogs++;
            }
            return;
        }
        emitLog(coloredLine);
    }

    private void flushPendingLogs() {
        while (!busy && !pendingLogs.isEmpty()) {
            emitLog(pendingLogs.poll());
        }
        if (!busy && lostLogs > 0) {
            emitLog("\033[33m[" + lostLogs + " log messages lost]\033[0m");
            lostLogs = 0;
        }
    }

    private void emitLog(String line) {
        print(lastWasLog ? "\r\n" : "\r\033[K");
        print(line);
        lastWasLog = true;
        if (redraw != null) {
            redraw.cancel(false);
        }
        if (timers != null) {
            redraw = timers.schedule(this::redrawAfterLogs, REDRAW_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void redrawAfterLogs() {
        if (lastWasLog && !busy) {
            redrawNow();
        }
    }

    /** Ctrl-R handling: the prompt and the typed line come back after log output. */
    private void redrawNow() {
        lastWasLog = false;
        if (redraw != null) {
            redraw.cancel(false);
            redraw = null;
        }
        editor.redraw();
    }

    /** Raw output that bypasses the console (panics, ets_printf): only the UART shows it. */
    public synchronized void raw(String text) {
        if (kind == Kind.SERIAL && !closed) {
            terminal.write(text);
        }
    }

    /** {@code exit}: SSH consoles log out, the UART cannot exit. */
    public void exit() {
        if (kind == Kind.SERIAL) {
            print("This console cannot exit.\n");
            return;
        }
        print("logout\n");
        close();
    }

    /** Drops the connection under the session (network restart, injected fault). */
    public void drop() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        host.detached(this);
        terminal.drop();
    }

    /** Ends the session. */
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (redraw != null) {
                redraw.cancel(false);
            }
        }
        host.detached(this);
        terminal.close();
    }

}
