package dev.fieldshell.shell.sim;

import dev.fieldshell.shell.sim.commands.CommandSet;
import dev.fieldshell.shell.sim.console.Console;
import dev.fieldshell.shell.sim.module.BootRecord;
import dev.fieldshell.shell.sim.module.Firmware;
import dev.fieldshell.shell.sim.module.ModuleCore;
import dev.fieldshell.shell.sim.serial.SerialConsole;
import dev.fieldshell.shell.sim.serial.SerialLine;
import dev.fieldshell.shell.sim.ssh.SshConsoleServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A simulated OVMS v3 module: console, VFS, events, heap model, and optionally an SSH server and a
 * serial console on a pseudo-terminal, behaving as {@code shared/reference/ovms-console.md} says.
 *
 * <pre>{@code
 * try (SimulatedModule m = SimulatedModule.builder()
 *         .firmware("3.3.006-259-g1aa1daff1/ota_0/edge")   // default; "3.3.005" lacks vfs echo etc.
 *         .store(dir)                                       // the module's /store; default a temp dir
 *         .password("secret")                               // config password.module; default none (open)
 *         .tracing(true)                                    // a CONFIG_HEAP_TRACING build
 *         .fault(Fault.parse("latency=50"))
 *         .sshPort(0)                                       // 0 = a free port; -1 (default) = no SSH
 *         .build()) {
 *     m.start();
 *     int port = m.sshPort();                              // ssh -p port -o HostKeyAlgorithms=+ssh-rsa admin@127.0.0.1
 *     String fp = m.hostKeyFingerprint();                  // "SHA256:..."
 *     ModuleLink link = m.link();                          // in-process console (dev.fieldshell.shell.link.SimLink)
 * }
 * }</pre>
 *
 * <p>Per module cost is small: an events thread, a host key (generated once per store directory)
 * and, with SSH, one listening socket; timers are shared by every module in the JVM, so a fleet
 * of twenty simulators fits in one test JVM.
 */
public final class SimulatedModule implements AutoCloseable {

    /** Collects the options of a module; {@link #build()} creates it (not yet listening). */
    public static final class Builder {
        private String name = "sim";
        private String firmware = Firmware.DEFAULT_VERSION;
        private String hardware = "OVMS WIFI BLE BT cores=2 rev=ESP32/3; MODEM SIM7600";
        private Path store;
        private Path sd;
        private String password = "";
        private final List<String[]> authorizedKeys = new ArrayList<>();
        private boolean tracing;
        private final List<Fault> faults = new ArrayList<>();
        private Path crash;
        private int sshPort = -1;
        private String bindAddress = "127.0.0.1";
        private boolean serial;
        private boolean serverV2AtBoot = true;
        private Path hostKeyFile;
        private SerialLine.Clock lineClock = SerialLine.Clock.SYSTEM;

        private Builder() {}

        /** A name for threads and the link target (default {@code sim}). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The firmware version string the banner shows; decides the available commands. */
        public Builder firmware(String version) {
            this.firmware = version;
            return this;
        }

        public Builder hardware(String hardware) {
            this.hardware = hardware;
            return this;
        }

        /** The directory that is the module's {@code /store} (kept); default a temporary one (deleted on close). */
        public Builder store(Path dir) {
            this.store = dir;
            return this;
        }

        /** The directory that is the module's {@code /sd}; default a temporary one (deleted on close). */
        public Builder sd(Path dir) {
            this.sd = dir;
            return this;
        }

        /** Sets config {@code password.module} (SSH password for any user, {@code enable} password). */
        public Builder password(String password) {
            this.password = password == null ? "" : password;
            return this;
        }

        /** Authorizes a public key for a user: {@code keyLine} is an {@code id_rsa.pub} line or its base64 blob. */
        public Builder authorizedKey(String user, String keyLine) {
            authorizedKeys.add(new String[] {user, keyLine});
            return this;
        }

        /** A build with {@code CONFIG_HEAP_TRACING}: {@code module trace} works. */
        public Builder tracing(boolean on) {
            this.tracing = on;
            return this;
        }

        public Builder fault(Fault fault) {
            faults.add(fault);
            return this;
        }

        /** The clock a {@code baud} fault paces by (default the system's; tests give a virtual one). */
        public Builder lineClock(SerialLine.Clock clock) {
            this.lineClock = clock;
            return this;
        }

        /** A {@code boot status} text whose {@code Last crash:} block the module reports. */
        public Builder crash(Path bootStatusFile) {
            this.crash = bootStatusFile;
            return this;
        }

        /** SSH port: 0 picks a free one, -1 (default) runs no SSH server. */
        public Builder sshPort(int port) {
            this.sshPort = port;
            return this;
        }

        /** Where SSH listens (default 127.0.0.1). */
        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        /**
         * Where the SSH host key is kept; default {@code /store/ovms_config/ssh.server.key} (so a kept
         * store keeps its key, and {@code known_hosts} holds across restarts).
         */
        public Builder hostKeyFile(Path file) {
            this.hostKeyFile = file;
            return this;
        }

        /** Serve the async console on a pseudo-terminal. */
        public Builder serial(boolean on) {
            this.serial = on;
            return this;
        }

        /** Whether the V2 server connection runs from boot, as on a configured module (default yes). */
        public Builder serverV2AtBoot(boolean on) {
            this.serverV2AtBoot = on;
            return this;
        }

        /** Creates the module; throws {@link IllegalArgumentException} for bad options (one line). */
        public SimulatedModule build() {
            return new SimulatedModule(this);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private final Builder options;
    private final ModuleCore core;
    private final List<Path> tempDirs = new ArrayList<>();
    private SshConsoleServer ssh;
    private SerialConsole serialConsole;
    private int baud;
    private volatile boolean closed;

    private SimulatedModule(Builder b) {
        this.options = b;
        Firmware fw = Firmware.parse(b.firmware);
        BootRecord boot = null;
        if (b.crash != null) {
            try {
                boot = BootRecord.fromBootStatus(Files.readString(b.crash, StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read crash file " + b.crash + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(b.crash + ": " + e.getMessage());
            }
        }
        Path store = b.store != null ? b.store : temp("fieldshell-sim-store");
        Path sd = b.sd != null ? b.sd : temp("fieldshell-sim-sd");
        try {
            Files.createDirectories(store);
            Files.createDirectories(sd);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create " + store + " or " + sd + ": " + e.getMessage());
        }
        this.core = new ModuleCore(b.name, fw, b.hardware, store, sd, b.tracing);
        if (boot != null) {
            core.setBoot(boot);
        }
        if (!b.password.isEmpty()) {
            core.config().set("password", "module", b.password);
        }
        for (String[] k : b.authorizedKeys) {
            core.config().set("ssh.keys", k[0], keyBlob(k[1]));
        }
        CommandSet.install(core);
        installFaults(b.faults);
        installListeners();
    }

    private Path temp(String prefix) {
        try {
            Path p = TempDirs.create(prefix);
            tempDirs.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base64 blob of an {@code id_rsa.pub} line (or the blob itself). */
    static String keyBlob(String keyLine) {
        String[] f = keyLine.strip().split("\\s+");
        if (f.length >= 2 && (f[0].startsWith("ssh-") || f[0].startsWith("ecdsa-"))) {
            return f[1];
        }
        return f[0];
    }

    private void installFaults(List<Fault> faults) {
        long latency = 0;
        int dropAfter = 0;
        for (Fault f : faults) {
            switch (f) {
                case Fault.Latency l -> latency = l.millis();
                case Fault.DropAfter d -> dropAfter = d.commands();
                case Fault.LineRate r -> baud = r.baud();
                case Fault.CorruptHeapOn c -> core.events().listen(c.event(), "fault", e -> {
                    core.heap().corrupt();
                    // Logged once done, so that whoever reads the log may rely on the corruption.
                    core.log().warn("sim", "fault: heap corrupted on " + e);
                });
            }
        }
        long lat = latency;
        int drop = dropAfter;
        core.setHook(console -> {
            if (lat > 0) {
                Thread.sleep(lat);
            }
            if (drop > 0 && console.commandsRun() > drop && console.kind() != Console.Kind.SCRIPT) {
                console.drop();
            }
        });
    }

    private void installListeners() {
        core.events().listen("ticker.300", "module", e -> {
            if (core.config().getBool("module", "debug.heap.alert")) {
                CommandSet.checkHeapAlert(core);
            }
        });
        core.events().listen("network.mgr.stop", "ssh", e -> {
            core.log().info("ssh", "Stopping SSH server, closing all sessions");
            for (Console c : core.consoles()) {
                if (c.kind() == Console.Kind.SSH_SHELL || c.kind() == Console.Kind.SSH_EXEC) {
                    c.drop();
                }
            }
        });
        // Server connections come back after the network does: a new TLS handshake each time.
        for (String ev : List.of("network.up", "network.reconfigured")) {
            core.events().listen(ev, "ovms-server", e -> {
                for (String v : List.of("v2", "v3")) {
                    if (core.serverRunning(v)) {
                        core.tlsHandshake();
                        core.log().info("ovms-server-" + v, "Reconnected to OVMS Server " + v.toUpperCase(java.util.Locale.ROOT));
                        core.events().signal("server." + v + ".connected");
                    }
                }
            });
        }
        core.events().listen("network.mgr.init", "ssh", e -> {
            if (ssh != null) {
                core.log().info("ssh", "Launching SSH Server");
            }
        });
    }

    /** Starts the transports (SSH, serial) and the module's boot sequence. Returns this. */
    public synchronized SimulatedModule start() throws IOException {
        if (options.sshPort >= 0 && ssh == null) {
            Path key = options.hostKeyFile != null ? options.hostKeyFile : core.config().dir().resolve("ssh.server.key");
            ssh = new SshConsoleServer(core, options.bindAddress, options.sshPort, key);
            ssh.start();
        }
        if (options.serial && serialConsole == null) {
            serialConsole = new SerialConsole(core, newLine().orElse(null));
            serialConsole.start();
        }
        core.events().signal("system.start");
        core.events().signal("network.mgr.init");
        if (options.serverV2AtBoot) {
            core.setServerRunning("v2", true);
            core.events().executor().schedule(core::tlsHandshake, 100, TimeUnit.MILLISECONDS);
            core.events().signal("server.v2.connected");
        }
        return this;
    }

    /**
     * A serial line for one console (the USB console, an in-process link) when the module has a
     * {@code baud} fault; empty otherwise. Each console gets its own, as each would have its own cable.
     */
    public Optional<SerialLine> newLine() {
        return baud > 0 ? Optional.of(new SerialLine(baud, options.lineClock)) : Optional.empty();
    }

    /** The module's internals (VFS, config, events, heap): for tests and the in-process link. */
    public ModuleCore core() {
        return core;
    }

    /** The SSH port, or -1 without SSH. */
    public int sshPort() {
        return ssh == null ? -1 : ssh.port();
    }

    /** The host key's OpenSSH fingerprint ({@code SHA256:…}), or empty without SSH; waits for a new key to be generated. */
    public String hostKeyFingerprint() {
        try {
            return ssh == null ? "" : ssh.fingerprint();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pseudo-terminal path of the serial console, when serving one. */
    public Optional<String> serialPath() {
        return serialConsole == null ? Optional.empty() : Optional.of(serialConsole.path());
    }

    public Path storeDir() {
        return core.vfs().storeDir();
    }

    public Path sdDir() {
        return core.vfs().sdDir();
    }

    /** Alert notifications the module sent ({@code alert/debug.heap.corruption}). */
    public List<String> alerts() {
        return core.heap().alerts();
    }

    /** A new in-process link to this module's console. */
    public dev.fieldshell.shell.link.SimLink link() {
        return new dev.fieldshell.shell.link.SimLink(this);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ssh != null) {
            ssh.close();
        }
        if (serialConsole != null) {
            serialConsole.close();
        }
        core.close();
        for (Path p : tempDirs) {
            deleteTree(p);
        }
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // best effort: a temp dir left behind is harmless
        }
    }
}
