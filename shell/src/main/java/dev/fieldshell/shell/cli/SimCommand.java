package dev.fieldshell.shell.cli;

import dev.fieldshell.shell.sim.Fault;
import dev.fieldshell.shell.sim.SimulatedModule;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fieldshell sim}: runs a simulated OVMS module until Ctrl-C or SIGTERM. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Start a simulated OVMS v3 module (SSH console, optional serial console on a pseudo-terminal).",
            "OpenSSH 8.8+ needs: ssh -o HostKeyAlgorithms=+ssh-rsa -o PubkeyAcceptedAlgorithms=+ssh-rsa; scp needs -O."})
public final class SimCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--ssh-port", paramLabel = "N", description = "SSH port (default ${DEFAULT-VALUE}; 0 = a free port; -1 = no SSH).", defaultValue = "2222")
    int sshPort;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address SSH listens on (default ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1")
    String bind;

    @Option(names = "--serial", description = "Serve the USB console on a pseudo-terminal and print its path.")
    boolean serial;

    @Option(names = "--password", arity = "0..1", paramLabel = "PW", fallbackValue = "\u0000ask",
            description = "Set the module password (config password.module); without a value it is asked for.")
    String password;

    @Option(names = "--authorized-key", paramLabel = "[USER=]FILE",
            description = "Authorize an OpenSSH public key (id_rsa.pub) for USER (default admin): config ssh.keys.USER.")
    List<String> authorizedKeys = new ArrayList<>();

    @Option(names = "--store", paramLabel = "DIR", description = "Directory that is the module's /store (kept; default a fresh temporary directory).")
    Path store;

    @Option(names = "--sd", paramLabel = "DIR", description = "Directory that is the module's /sd (default a fresh temporary directory).")
    Path sd;

    @Option(names = "--firmware", paramLabel = "V", description = "Firmware version string (default ${DEFAULT-VALUE}).",
            defaultValue = "3.3.006-259-g1aa1daff1/ota_0/edge")
    String firmware;

    @Option(names = "--hardware", paramLabel = "T", description = "Hardware description (default ${DEFAULT-VALUE}).",
            defaultValue = "OVMS WIFI BLE BT cores=2 rev=ESP32/3; MODEM SIM7600")
    String hardware;

    @Option(names = "--crash", paramLabel = "FILE", description = "A 'boot status' text whose 'Last crash:' block the module reports.")
    Path crash;

    @Option(names = "--tracing", description = "A build with CONFIG_HEAP_TRACING: 'module trace' works.")
    boolean tracing;

    @Option(names = "--fault", paramLabel = "SPEC", description = "drop-after=N, latency=MS, baud=N (the serial console as a line at N baud) or corrupt-heap-on=EVENT (repeatable).")
    List<String> faults = new ArrayList<>();

    /** Bad values are refused by option name before anything starts (the JDK's own messages name neither). */
    private void checkOptions() {
        if (sshPort < -1 || sshPort > 65535) {
            throw new UsageException("--ssh-port " + sshPort + ": not a port (1-65535; 0 = a free port, -1 = no SSH)");
        }
        if (store != null && Files.exists(store) && !Files.isDirectory(store)) {
            throw new UsageException("--store " + store + ": a file, not a directory");
        }
        if (sd != null && Files.exists(sd) && !Files.isDirectory(sd)) {
            throw new UsageException("--sd " + sd + ": a file, not a directory");
        }
        if (crash != null && !Files.isRegularFile(crash)) {
            throw new UsageException("--crash " + crash + ": " + (Files.isDirectory(crash) ? "a directory, not a file" : "no such file"));
        }
    }

    /** Kept referenced: java.util.logging holds loggers weakly, and MINA's INFO lines are noise here. */
    private static final java.util.logging.Logger SSHD_LOG = java.util.logging.Logger.getLogger("org.apache.sshd");

    @Override
    public Integer call() throws Exception {
        SSHD_LOG.setLevel(java.util.logging.Level.WARNING);
        PrintWriter out = spec.commandLine().getOut();
        checkOptions();
        SimulatedModule.Builder b = SimulatedModule.builder().firmware(firmware).hardware(hardware)
                .tracing(tracing).sshPort(sshPort).bindAddress(bind).serial(serial).store(store).sd(sd).crash(crash);
        if (store == null) {
            // A temporary store would get a new host key each run and upset known_hosts: keep the default one.
            b.hostKeyFile(stateDir().resolve("sim-ssh-host-key"));
        }
        if (password != null) {
            b.password(password.equals("\u0000ask") ? askPassword() : password);
        }
        for (String spec : authorizedKeys) {
            int eq = spec.indexOf('=');
            String user = eq > 0 ? spec.substring(0, eq) : "admin";
            Path file = Path.of(eq > 0 ? spec.substring(eq + 1) : spec);
            String line;
            try {
                line = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (NoSuchFileException e) {
                throw new UsageException("--authorized-key " + file + ": no such file");
            } catch (IOException e) {
                throw new UsageException("--authorized-key " + file + ": " + (Files.isDirectory(file) ? "a directory, not a file"
                        : "cannot read (" + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()) + ")"));
            }
            if (line.isEmpty() || line.contains("PRIVATE KEY")) {
                throw new UsageException("--authorized-key " + file + ": not an OpenSSH public key line (use the .pub file)");
            }
            b.authorizedKey(user, line.lines().findFirst().orElse(line));
        }
        for (String f : faults) {
            Fault fault;
            try {
                fault = Fault.parse(f);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--" + e.getMessage()); // the message starts "fault '<spec>': …"
            }
            if (fault instanceof Fault.LineRate && !serial) {
                // SSH sessions do not run over the UART: the rate would pace nothing.
                throw new UsageException("--fault " + f + ": the line rate is the serial console's; add --serial");
            }
            b.fault(fault);
        }
        SimulatedModule module;
        try {
            module = b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        // MINA logs a failed bind as SEVERE before it throws; the one line below says it better.
        SSHD_LOG.setLevel(java.util.logging.Level.OFF);
        try {
            module.start();
        } catch (BindException e) {
            module.close();
            String msg = String.valueOf(e.getMessage());
            throw new IllegalStateException("cannot listen on " + bind + ":" + sshPort + ": " + msg
                    + (msg.contains("in use") ? " (use --ssh-port 0 for a free port)"
                    : msg.contains("assign") ? " (--bind must be an address of this machine, e.g. 127.0.0.1 or 0.0.0.0)" : ""));
        } catch (IOException e) {
            module.close();
            throw e;
        } finally {
            SSHD_LOG.setLevel(java.util.logging.Level.WARNING);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            module.close();
            stopped.countDown();
        }, "sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Simulated OVMS module, firmware " + firmware);
        out.println("  hardware: " + hardware);
        if (module.sshPort() >= 0) {
            out.println("  ssh:      " + bind + " port " + module.sshPort());
            out.println("            ssh -p " + module.sshPort() + " -o HostKeyAlgorithms=+ssh-rsa -o PubkeyAcceptedAlgorithms=+ssh-rsa admin@" + bind);
            out.flush();
            out.println("  host key: ssh-rsa 2048 " + module.hostKeyFingerprint());
        }
        module.serialPath().ifPresent(p -> out.println("  serial:   " + p + "  (e.g. screen " + p + " 115200)"));
        out.println("  store:    " + module.storeDir());
        out.println("  sd:       " + module.sdDir());
        out.println("  password: " + loginRule(module));
        out.println("Stop with Ctrl-C.");
        out.flush();
        stopped.await();
        return 0;
    }

    /**
     * Who can log in, from the module's config (a {@code --store} may bring a password or keys of an earlier
     * run): with no password, any login is accepted only while no {@code ssh.keys} instance exists (reference §1.1).
     */
    private static String loginRule(SimulatedModule module) {
        var config = module.core().config();
        if (!config.getOrEmpty("password", "module").isEmpty()) {
            return "set";
        }
        var keys = config.instances("ssh.keys").keySet();
        return keys.isEmpty() ? "none (any login is accepted)"
                : "none; password logins are refused while ssh.keys is set (keys of " + String.join(", ", new java.util.TreeSet<>(keys)) + ")";
    }

    private static Path stateDir() throws IOException {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
        Path dir = base.resolve("fieldshell");
        Files.createDirectories(dir);
        return dir;
    }

    private static String askPassword() {
        Console c = System.console();
        if (c == null) {
            throw new UsageException("--password without a value needs a terminal to ask on; give it as --password=PW");
        }
        char[] pw = c.readPassword("Module password: ");
        return pw == null ? "" : new String(pw);
    }
}
