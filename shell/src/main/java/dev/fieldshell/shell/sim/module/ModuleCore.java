package dev.fieldshell.shell.sim.module;

import dev.fieldshell.shell.sim.console.CommandNode;
import dev.fieldshell.shell.sim.console.Console;
import dev.fieldshell.shell.sim.console.ConsoleHost;
import dev.fieldshell.shell.sim.console.Terminal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Everything a simulated module is, without its transports: firmware, VFS, config, log, events,
 * heap, tracing, metrics, servers and the consoles attached to it. Commands are registered on
 * {@link #commands()} by {@code dev.fieldshell.shell.sim.commands}.
 */
public final class ModuleCore implements ConsoleHost, EventBus.ScriptRunner, AutoCloseable {

    /** Timers shared by every simulated module in the JVM (log redraws, server steps): cheap fleets. */
    public static final ScheduledExecutorService TIMERS = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "sim-timers");
        t.setDaemon(true);
        return t;
    });

    /** Per-command fault hooks (latency, drop after N commands). */
    public interface CommandHook {
        void before(Console console) throws InterruptedException;
    }

    private final String name;
    private final Firmware firmware;
    private final String hardware;
    private final Vfs vfs;
    private final ConfigStore config;
    private final LogBus log = new LogBus();
    private final EventBus events;
    private final HeapModel heap;
    private final HeapTrace trace;
    private final boolean tracingBuild;
    private final Metrics metrics;
    private final CommandNode commands = CommandNode.root();
    private final Set<Console> consoles = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> servers = new ConcurrentHashMap<>();
    private volatile BootRecord boot = new BootRecord();
    private volatile CommandHook hook = c -> {};
    private final ScheduledFuture<?> ticker;
    private long seconds;
    private final Consumer<LogLine> toConsoles;

    public ModuleCore(String name, Firmware firmware, String hardware, Path store, Path sd, boolean tracingBuild) {
        this.name = name;
        this.firmware = firmware;
        this.hardware = hardware;
        this.vfs = new Vfs(store, sd);
        this.config = new ConfigStore(store);
        this.heap = new HeapModel(firmware.has("heap.owner"));
        this.trace = new HeapTrace(log);
        this.tracingBuild = tracingBuild;
        this.metrics = new Metrics(firmware.version(), hardware);
        this.events = new EventBus(log, vfs, this, name);
        this.toConsoles = line -> {
            String colored = line.colored();
            for (Console c : consoles) {
                c.log(colored);
            }
        };
        log.subscribe(toConsoles);
        this.ticker = events.executor().scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private void tick() {
        seconds++;
        for (int period : new int[] {1, 10, 60, 300, 600, 3600}) {
            if (seconds % period == 0) {
                events.signal("ticker." + period);
            }
        }
        if (trace.state() == HeapTrace.State.RUNNING) {
            scheduleFrees(trace.allocations("tick"));
        }
    }

    /** Runs a simulated TLS handshake through the heap model (leaks when tracing). */
    public void tlsHandshake() {
        scheduleFrees(trace.allocations("tls"));
    }

    private void scheduleFrees(List<HeapTrace.PendingFree> frees) {
        for (HeapTrace.PendingFree f : frees) {
            TIMERS.schedule(f.free(), f.delayMs(), TimeUnit.MILLISECONDS);
        }
    }

    public String name() {
        return name;
    }

    public Firmware firmware() {
        return firmware;
    }

    public String hardware() {
        return hardware;
    }

    public Vfs vfs() {
        return vfs;
    }

    public ConfigStore config() {
        return config;
    }

    public LogBus log() {
        return log;
    }

    public EventBus events() {
        return events;
    }

    public HeapModel heap() {
        return heap;
    }

    public HeapTrace trace() {
        return trace;
    }

    public boolean tracingBuild() {
        return tracingBuild;
    }

    public Metrics metrics() {
        return metrics;
    }

    public BootRecord boot() {
        return boot;
    }

    public void setBoot(BootRecord boot) {
        this.boot = boot;
    }

    public void setHook(CommandHook hook) {
        this.hook = hook;
    }

    public boolean serverRunning(String which) {
        return servers.getOrDefault(which, false);
    }

    public void setServerRunning(String which, boolean on) {
        servers.put(which, on);
        metrics.set("s." + which + ".connected", on ? "yes" : "no");
    }

    /** The banner a console prints when it opens ({@code OvmsConsole::Initialize}). */
    public String banner(String consoleName) {
        return "\nWelcome to the Open Vehicle Monitoring System (OVMS) - " + consoleName + " Console\n"
                + "Firmware: " + firmware.version() + "\n"
                + "Hardware: " + hardware + "\n"
                + "\r\n";
    }

    /** Opens a console on this module (registered for log lines). */
    public Console openConsole(Console.Kind kind, Terminal terminal, boolean secure) {
        Console c = new Console(kind, this, terminal, secure, TIMERS);
        consoles.add(c);
        return c;
    }

    /** Consoles currently open (SSH sessions, serial, links). */
    public Set<Console> consoles() {
        return Set.copyOf(consoles);
    }

    @Override
    public CommandNode commands() {
        return commands;
    }

    @Override
    public boolean usageOnQuery() {
        return firmware.has("usage.line.on.node.help");
    }

    @Override
    public String modulePassword() {
        return config.getOrEmpty("password", "module");
    }

    @Override
    public List<String> completePath(String partial) {
        int slash = partial.lastIndexOf('/');
        String dir = partial.substring(0, slash + 1);
        String prefix = partial.substring(slash + 1);
        List<String> out = new java.util.ArrayList<>();
        if (dir.equals("/")) {
            for (String mount : List.of("sd/", "store/")) {
                if (mount.startsWith(prefix)) {
                    out.add("/" + mount);
                }
            }
            return out;
        }
        java.util.Optional<Path> host = vfs.resolve(dir);
        if (host.isEmpty() || !java.nio.file.Files.isDirectory(host.get(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (var entries = java.nio.file.Files.list(host.get())) {
            entries.sorted().forEach(p -> {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && !java.nio.file.Files.isSymbolicLink(p)
                        && name.toLowerCase(java.util.Locale.ROOT).startsWith(prefix.toLowerCase(java.util.Locale.ROOT))) {
                    out.add(dir + name + (java.nio.file.Files.isDirectory(p) ? "/" : ""));
                }
            });
        } catch (java.io.IOException e) {
            return List.of();
        }
        return out;
    }

    @Override
    public void beforeCommand(Console console) throws InterruptedException {
        hook.before(console);
    }

    @Override
    public void detached(Console console) {
        consoles.remove(console);
    }

    /** Runs a command script as an event script does: secure, verbosity 140, output collected. */
    @Override
    public String runCommandScript(String content) {
        StringBuilder out = new StringBuilder();
        Console c = new Console(Console.Kind.SCRIPT, this, out::append, true, TIMERS);
        for (String line : content.split("\n", -1)) {
            String l = line.length() > 799 ? line.substring(0, 799) : line;
            c.input(l);
            c.input('\n');
        }
        String s = out.toString();
        while (s.endsWith("\n")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    @Override
    public void close() {
        ticker.cancel(false);
        events.close();
        for (Console c : consoles) {
            c.close();
        }
        log.unsubscribe(toConsoles);
    }
}
