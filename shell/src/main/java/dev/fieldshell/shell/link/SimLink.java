package dev.fieldshell.shell.link;

import dev.fieldshell.shell.sim.SimulatedModule;
import dev.fieldshell.shell.sim.console.Console;
import dev.fieldshell.shell.sim.module.LogLine;
import dev.fieldshell.shell.sim.module.ModuleCore;
import dev.fieldshell.shell.sim.module.Vfs;
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

    /** A link to a running simulator; closing the link leaves the module running. */
    public SimLink(SimulatedModule module) {
        this(module, false);
    }

    private SimLink(SimulatedModule module, boolean ownsModule) {
        this.module = module;
        this.ownsModule = ownsModule;
        this.core = module.core();
        this.console = core.openConsole(Console.Kind.LINK, this::collect, true);
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
        console.input(new String(commandLine.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        console.input('\n');
        String out;
        synchronized (output) {
            out = new String(output.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            output.setLength(0);
        }
        if (console.closed() && out.isEmpty()) {
            throw new LinkException("sim: the connection dropped");
        }
        return new CommandResult(target(), commandLine, out, Duration.ofNanos(System.nanoTime() - start));
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
            synchronized (output) {
                all.append(new String(output.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
                output.setLength(0);
            }
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
        return true;
    }

    @Override
    public void upload(String path, byte[] content) throws LinkException {
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
