package dev.fieldshell.shell.cli;

import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.LinkFactory;
import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.link.Prompter;
import dev.fieldshell.shell.repl.Repl;
import dev.fieldshell.shell.repl.ScriptRunner;
import dev.fieldshell.shell.repl.Session;
import dev.fieldshell.shell.repl.Words;
import dev.fieldshell.shell.repl.XdgDirs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * What {@code fieldshell} without a subcommand does: the REPL on the built-in simulator when a
 * person is at a terminal; otherwise the lines of {@code -c} or of stdin, as a script.
 */
final class ShellLauncher {
    private ShellLauncher() {}

    static final String DEFAULT_TARGET = "sim";

    static int run(String commands, boolean json, boolean debug, PrintWriter out) throws IOException {
        XdgDirs dirs = XdgDirs.system();
        if (commands != null || json || !Terminals.interactive()) {
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
        boolean color = !System.getenv().containsKey("NO_COLOR") && !"dumb".equals(System.getenv("TERM"));
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("fieldshell")
                // JNI first: the FFM provider JLine would pick on JDK 22+ spins up the foreign
                // linker, which costs more start-up time than everything else on the way to the prompt.
                .providers("jni,exec").build()) {
            AtomicReference<Repl> repl = new AtomicReference<>();
            AtomicReference<LinkFactory> links = new AtomicReference<>();
            Session session = new Session(t -> links.get().open(t), terminal.writer(),
                    q -> repl.get().prompter().confirm(q), true, color, dirs,
                    Clock.systemUTC());
            repl.set(new Repl(terminal, session, dirs, color));
            links.set(LinkFactory.forUser(repl.get().prompter()));
            try (session) {
                try {
                    ModuleLink sim = session.connect(DEFAULT_TARGET, DEFAULT_TARGET);
                    session.println("fieldshell on the built-in simulator (" + sim.info().firmware()
                            + "). :help for local commands, ? for the module's; :connect TARGET for a real module.");
                } catch (LinkException e) {
                    session.println(e.getMessage());
                }
                return repl.get().run(debug);
            }
        }
    }
}
