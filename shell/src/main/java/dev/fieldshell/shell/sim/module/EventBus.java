package dev.fieldshell.shell.sim.module;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The module's event system ({@code OvmsEvents} + {@code OvmsScripts::EventScript}): one
 * "OVMS Events" thread, a queue, real delays for {@code event raise -d}, C++-style listeners and
 * the event scripts in {@code /store/events/<event>/}, run in byte-wise order of their paths.
 */
public final class EventBus implements AutoCloseable {

    /** Runs one command script in a secure, minimal-verbosity console and returns what it printed. */
    public interface ScriptRunner {
        String runCommandScript(String content);
    }

    private record Listener(String event, String caller, Consumer<String> handler) {}

    private final LogBus log;
    private final Vfs vfs;
    private final ScriptRunner scripts;
    private final ScheduledThreadPoolExecutor thread;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger queued = new AtomicInteger();
    private volatile boolean trace;
    private volatile String dispatching;
    private volatile String dispatchingTo;
    private volatile long dispatchStart;

    public EventBus(LogBus log, Vfs vfs, ScriptRunner scripts, String name) {
        this.log = log;
        this.vfs = vfs;
        this.scripts = scripts;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "OVMS Events " + name);
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** The events thread; module components schedule their own timed work on it. */
    public ScheduledExecutorService executor() {
        return thread;
    }

    /** Registers a listener, shown by {@code event list} as {@code <event>:  <caller>}. */
    public void listen(String event, String caller, Consumer<String> handler) {
        listeners.add(new Listener(event, caller, handler));
    }

    public void setTrace(boolean on) {
        trace = on;
    }

    public int queued() {
        return queued.get();
    }

    public int listenerCount() {
        return listeners.size();
    }

    /** Event name to callers, sorted, for {@code event list}. */
    public Map<String, List<String>> listenerMap() {
        Map<String, List<String>> m = new TreeMap<>();
        for (Listener l : listeners) {
            m.computeIfAbsent(l.event, k -> new ArrayList<>()).add(l.caller);
        }
        return m;
    }

    /** What is being dispatched right now, for {@code event status}. */
    public Optional<String[]> current() {
        String ev = dispatching;
        if (ev == null) {
            return Optional.empty();
        }
        long secs = (System.nanoTime() - dispatchStart) / 1_000_000_000L;
        return Optional.of(new String[] {ev, String.valueOf(dispatchingTo), String.valueOf(secs)});
    }

    /** Queues an event now. */
    public void signal(String event) {
        raise(event, 0);
    }

    /** Queues an event after {@code delayMs} milliseconds. */
    public void raise(String event, long delayMs) {
        if (thread.isShutdown()) {
            return;
        }
        if (delayMs <= 0) {
            queued.incrementAndGet();
            thread.execute(() -> {
                queued.decrementAndGet();
                dispatch(event);
            });
        } else {
            thread.schedule(() -> dispatch(event), delayMs, TimeUnit.MILLISECONDS);
        }
    }

    private void dispatch(String event) {
        dispatching = event;
        dispatchStart = System.nanoTime();
        try {
            if (!event.startsWith("ticker.") && !event.startsWith("clock.")) {
                if (trace) {
                    log.info("events", "Signal(" + event + ")");
                } else {
                    log.debug("events", "Signal(" + event + ")");
                }
            }
            for (Listener l : listeners) {
                if (l.event.equals(event)) {
                    call(l, event);
                }
            }
            for (Listener l : listeners) {
                if (l.event.equals("*")) {
                    call(l, event);
                }
            }
            dispatchingTo = "EventScript";
            runScripts(event);
        } finally {
            dispatching = null;
            dispatchingTo = null;
        }
    }

    private void call(Listener l, String event) {
        dispatchingTo = l.caller;
        try {
            l.handler.accept(event);
        } catch (RuntimeException e) {
            log.error("events", "Listener " + l.caller + " failed on " + event + ": " + e);
        }
    }

    private void runScripts(String event) {
        if (event.isEmpty() || event.contains("/") || event.equals(".") || event.equals("..")) {
            return;
        }
        Optional<Path> dir = vfs.resolve("/store/events/" + event);
        if (dir.isEmpty() || !Files.isDirectory(dir.get(), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // std::set<std::string> of full paths: byte-wise order, dotfiles included.
        TreeSet<String> paths = new TreeSet<>(EventBus::compareBytes);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.get())) {
            for (Path p : ds) {
                paths.add(vfs.modulePath(p));
            }
        } catch (IOException e) {
            return;
        }
        for (String path : paths) {
            Optional<Path> host = vfs.resolve(path);
            if (host.isEmpty() || !Files.isRegularFile(host.get(), LinkOption.NOFOLLOW_LINKS)) {
                continue; // subdirectories fail to open and are skipped
            }
            log.info("script", "Running script " + path);
            if (path.endsWith(".js")) {
                continue; // Duktape is not simulated; the run is logged
            }
            String content;
            try {
                content = new String(Files.readAllBytes(host.get()), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                continue;
            }
            String output = scripts.runCommandScript(content);
            log.info("script", output);
        }
    }

    static int compareBytes(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
