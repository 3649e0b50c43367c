package dev.fieldshell.shell.link;

import dev.fieldshell.shell.sim.SimulatedModule;
import dev.fieldshell.shell.sim.console.Console;
import dev.fieldshell.shell.sim.module.LogLine;
import dev.fieldshell.shell.sim.module.ModuleCore;
import dev.fieldshell.shell.sim.module.Vfs;
import dev.fieldshell.shell.sim.serial.SerialLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The simulated module in process: an exec-like console (secure, no echo, no prompt) that returns
 * exactly what each command printed. Log lines go to {@link #onLog} listeners as plain
 * {@code I (123) tag: text} lines. Uploads write into the module's VFS with the scp rules
 * (10 MiB limit, protected paths refused).
 *
 * <p>On a module with a {@code baud} fault the link stands for the USB console at that rate: each
 * command takes the wire time of what that console would move for it (the line and its CR in; the
 * echo of the line, the Enter echo {@code \r\r\n}, the output with CRLF line ends and the prompt
 * out), and there is no scp, as on a serial port.
 */
public final class SimLink implements ModuleLink {
    /** The scp upload limit of the module ({@code size unacceptable} above it). */
    public static final long UPLOAD_LIMIT = 10L * 1024 * 1024;

    private final SimulatedModule module;
    private final ModuleCore core;
    private final StringBuilder output = new StringBuilder();
    private final Console console;
    private final List<Consumer<String>> logListeners = new CopyOnWriteArrayList<>();
    private final Consumer<LogLine> logReceiver;
    private volatile Consumer<String> streamSink;
    private final boolean ownsModule;
    /** The serial line this console stands for, or null for an unpaced link. */
    private final SerialLine line;
    /** The USB console's Enter echo: microrl prints {@code \r\n}, newlib sends its {@code \n} as {@code \r\n}. */
    private static final int ENTER_ECHO_BYTES = 3;

    /** A link to a running simulator; closing the link leaves the module running. */
    public SimLink(SimulatedModule module) {
        this(module, false);
    }

    private SimLink(SimulatedModule module, boolean ownsModule) {
        this.module = module;
        this.ownsModule = ownsModule;
        this.core = module.core();
        this.console = core.openConsole(Console.Kind.LINK, this::collect, true);
        this.line = module.newLine().orElse(null);
        this.logReceiver = line -> logListeners.forEach(l -> l.accept(line.plain()));
        core.log().subscribe(logReceiver);
    }

    /**
     * Starts a simulator of its own (default firmware, temporary store, no SSH) and links to it;
     * closing the link stops the simulator. This is the target {@code sim}.
     */
    public static SimLink openDefault() throws LinkException {
        return open(SimulatedModule.builder());
    }

    /** Like {@link #openDefault()} with the caller's options. */
    public static SimLink open(SimulatedModule.Builder options) throws LinkException {
        SimulatedModule m;
        try {
            m = options.build().start();
        } catch (java.io.IOException | RuntimeException e) {
            throw new LinkException("sim: cannot start the simulator: " + e.getMessage(), e);
        }
        return new SimLink(m, true);
    }

    private void collect(String text) {
        Consumer<String> sink = streamSink;
        if (sink != null) {
            sink.accept(new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
        synchronized (output) {
            output.append(text);
        }
    }

    @Override
    public String target() {
        return "sim";
    }

    /** The serial line this link paces by (a module with a {@code baud} fault), or empty. */
    public Optional<SerialLine> serialLine() {
        return Optional.ofNullable(line);
    }

    @Override
    public ModuleInfo info() {
        return new ModuleInfo(core.firmware().version(), core.hardware(), console.secure());
    }

    /** The simulated module behind this link. */
    public SimulatedModule module() {
        return module;
    }

    @Override
    public synchronized CommandResult run(String commandLine) throws LinkException {
        if (console.closed()) {
            throw new LinkException("sim: the connection was closed");
        }
        long start = System.nanoTime();
        synchronized (output) {
            output.setLength(0);
        }
        // Java text goes to the module as UTF-8 bytes; the console works on bytes.
        byte[] typed = commandLine.getBytes(StandardCharsets.UTF_8);
        if (line != null) {
            paceTyping(typed.length);
        }
        console.input(new String(typed, StandardCharsets.ISO_8859_1));
        console.input('\n');
        String raw;
        synchronized (output) {
            raw = output.toString();
            output.setLength(0);
        }
        if (line != null) {
            paceOutput(raw);
        }
        String out = new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        if (console.closed() && out.isEmpty()) {
            throw new LinkException("sim: the connection dropped");
        }
        return new CommandResult(target(), commandLine, out, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The line and its CR reach the module; each byte is echoed as it arrives, the Enter echo after the CR. */
    private void paceTyping(int bytes) throws LinkException {
        try {
            SerialLine.Arrival in = line.receive(bytes + 1);
            line.send(bytes, in.first());
            line.send(ENTER_ECHO_BYTES, in.last());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkException("sim: interrupted while sending a command");
        }
    }

    /** The output (each {@code \n} as {@code \r\n}) and the prompt after it, if one was printed, reach the far end. */
    private void paceOutput(String raw) throws LinkException {
        try {
            line.send(SerialLine.crlfBytes(raw) + promptPrinted().length());
            line.drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkException("sim: interrupted while reading a command's output");
        }
    }

    /**
     * The prompt the USB console prints after what ran: the one of its mode ({@code OVMS# } or
     * {@code OVMS> }); none while a command keeps the input (follow mode) or once the console dropped.
     */
    private String promptPrinted() {
        return console.closed() || console.inputCaptured() ? "" : console.prompt();
    }

    /**
     * Runs a command as on an interactive console, so {@code vfs tail} follows the file; output
     * goes to {@code sink} as it comes, until the command ends or {@link #interrupt()}.
     */
    @Override
    public synchronized CommandResult stream(String commandLine, Consumer<String> sink) throws LinkException {
        long start = System.nanoTime();
        streamSink = sink;
        console.setInteractiveCommand(true);
        try {
            CommandResult first = run(commandLine);
            StringBuilder all = new StringBuilder(first.output());
            while (console.inputCaptured() && !console.closed()) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    interrupt();
                    break;
                }
            }
            String rest;
            synchronized (output) {
                rest = output.toString();
                output.setLength(0);
            }
            if (line != null) {
                paceOutput(rest);
            }
            all.append(new String(rest.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
            return new CommandResult(target(), commandLine, all.toString(), Duration.ofNanos(System.nanoTime() - start));
        } finally {
            console.setInteractiveCommand(false);
            streamSink = null;
        }
    }

    @Override
    public void interrupt() {
        console.input((char) 3);
    }

    @Override
    public boolean canUpload() {
        return line == null;
    }

    @Override
    public void upload(String path, byte[] content) throws LinkException {
        if (line != null) {
            throw new LinkException("sim: " + path + ": no scp over a serial console");
        }
        if (content.length > UPLOAD_LIMIT) {
            throw new LinkException("sim: " + path + ": size unacceptable (limit " + UPLOAD_LIMIT + " bytes)");
        }
        if (Vfs.isProtected(path)) {
            throw new LinkException("sim: " + path + ": protected path");
        }
        Optional<Path> target = core.vfs().resolve(path);
        if (target.isEmpty() || !Vfs.validName(target.get()) || Files.isDirectory(target.get(), LinkOption.NOFOLLOW_LINKS)
                || !Files.isDirectory(target.get().getParent(), LinkOption.NOFOLLOW_LINKS)) {
            throw new LinkException("sim: " + path + ": cannot open file for writing");
        }
        try {
            Files.write(target.get(), content);
        } catch (IOException e) {
            throw new LinkException("sim: " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onLog(Consumer<String> listener) {
        logListeners.add(listener);
    }

    @Override
    public Duration commandTimeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    public void close() {
        core.log().unsubscribe(logReceiver);
        console.close();
        if (ownsModule) {
            module.close();
        }
    }
}
