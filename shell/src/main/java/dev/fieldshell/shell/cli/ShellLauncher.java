package dev.fieldshell.shell.cli;

import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.LinkFactory;
import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.link.Prompter;
import dev.fieldshell.shell.repl.Repl;
import dev.fieldshell.shell.repl.ScriptRunner;
import dev.fieldshell.shell.repl.Session;
import dev.fieldshell.shell.repl.StartupTrace;
import dev.fieldshell.shell.repl.Words;
import dev.fieldshell.shell.repl.XdgDirs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.jni.JniTerminalProvider;
import org.jline.terminal.spi.Pty;
import org.jline.terminal.spi.SystemStream;

/**
 * What {@code fieldshell} without a subcommand does: the REPL on the built-in simulator when a
 * person is at a terminal; otherwise the lines of {@code -c} or of stdin, as a script.
 */
final class ShellLauncher {
    private ShellLauncher() {}

    static final String DEFAULT_TARGET = "sim";

    static int run(String commands, boolean json, boolean debug, PrintWriter out) throws IOException {
        XdgDirs dirs = XdgDirs.system();
        boolean tty = Terminals.interactive();
        StartupTrace.mark("isatty");
        if (commands != null || json || !tty) {
            return script(commands, System.in, json, debug, dirs, out, LinkFactory.forUser(Prompter.NONE));
        }
        return interactive(debug, dirs);
    }

    /** Runs {@code commands} (if given) or the lines of {@code in} without a terminal; 1 if any line failed. */
    static int script(String commands, java.io.InputStream in, boolean json, boolean debug, XdgDirs dirs, PrintWriter out,
            LinkFactory links) throws IOException {
        try (Session session = new Session(links::open, out, q -> false, false, false, dirs, Clock.systemUTC())) {
            session.defaultTarget(DEFAULT_TARGET);
            ScriptRunner runner = new ScriptRunner(session, json, debug);
            int code = commands != null
                    ? runner.run(Words.splitStatements(commands))
                    : runner.run(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            out.flush();
            return code;
        }
    }

    private static int interactive(boolean debug, XdgDirs dirs) throws IOException {
        // The built-in simulator starts while JLine sets up the terminal and the line reader; the
        // session's first :connect sim takes it from here instead of starting another.
        CompletableFuture<ModuleLink> sim = CompletableFuture.supplyAsync(() -> {
            try {
                StartupTrace.mark("sim start");
                ModuleLink l = LinkFactory.forUser(Prompter.NONE).open(DEFAULT_TARGET);
                StartupTrace.mark("sim started");
                return l;
            } catch (LinkException e) {
                throw new CompletionException(e);
            }
        });
        AtomicBoolean simTaken = new AtomicBoolean();
        boolean color = !System.getenv().containsKey("NO_COLOR") && !"dumb".equals(System.getenv("TERM"));
        StartupTrace.mark("terminal start");
        try (Terminal terminal = systemTerminal(new TerminfoCache(dirs.cache()))) {
            StartupTrace.mark("terminal");
            AtomicReference<Repl> repl = new AtomicReference<>();
            AtomicReference<LinkFactory> links = new AtomicReference<>();
            Session session = new Session(t -> DEFAULT_TARGET.equals(t) && simTaken.compareAndSet(false, true)
                            ? started(sim) : links.get().open(t), terminal.writer(),
                    q -> repl.get().prompter().confirm(q), true, color, dirs,
                    Clock.systemUTC());
            repl.set(new Repl(terminal, session, dirs, color));
            links.set(LinkFactory.forUser(repl.get().prompter()));
            StartupTrace.mark("repl");
            try (session) {
                repl.get().prepare(debug); // while the simulator may still be starting
                try {
                    ModuleLink link = session.connect(DEFAULT_TARGET, DEFAULT_TARGET);
                    StartupTrace.mark("connected");
                    session.println("fieldshell on the built-in simulator (" + link.info().firmware()
                            + "). :help for local commands, ? for the module's; :connect TARGET for a real module.");
                    StartupTrace.mark("banner");
                } catch (LinkException e) {
                    session.println(e.getMessage());
                }
                return repl.get().run(debug);
            } finally {
                if (simTaken.compareAndSet(false, true)) {
                    sim.thenAccept(ModuleLink::close); // started but never handed to the session
                }
            }
        }
    }

    /**
     * The terminal on JLine's JNI provider only. JLine otherwise tries every provider in turn and
     * the FFM one alone (foreign linker set-up) costs more than the rest of the way to the prompt;
     * the exec provider ({@code stty} processes) is the fallback when JLine's native library cannot load.
     * With the JNI provider and capabilities kept from an earlier start, the terminal is the one
     * that provider would build, given those capabilities ({@link KnownCapsTerminal}).
     */
    private static Terminal systemTerminal(TerminfoCache caps) throws IOException {
        boolean jni = Terminals.jniAvailable();
        TerminalBuilder b = TerminalBuilder.builder().system(true).name("fieldshell")
                .jni(jni).ffm(false).jna(false).jansi(false).exec(!jni)
                .providers(jni ? "jni" : "exec");
        if (System.getProperty("org.jline.terminal.encoding") == null) {
            // What JLine settles on by itself on Linux and macOS, after asking every charset
            // provider on the class path for a Windows code page.
            b.encoding(StandardCharsets.UTF_8);
        }
        String type = b.computeType();
        boolean plain = jni && type != null && !type.startsWith("dumb") && System.getProperty("org.jline.terminal.provider") == null;
        if (plain) {
            Optional<TerminalCapabilities> known = caps.load(type);
            if (known.isPresent()) {
                Pty pty = new JniTerminalProvider().current(SystemStream.Output);
                return KnownCapsTerminal.open("fieldshell", type, pty, b.computeEncoding(), b.computeStdinEncoding(),
                        b.computeStdoutEncoding(), known.get());
            }
        }
        Terminal terminal = b.build();
        if (plain) {
            caps.store(type, terminal);
        }
        return terminal;
    }

    private static ModuleLink started(CompletableFuture<ModuleLink> sim) throws LinkException {
        try {
            return sim.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof LinkException le) {
                throw le;
            }
            throw new LinkException("sim: the built-in simulator did not start: " + e.getCause(), e.getCause());
        }
    }
}
