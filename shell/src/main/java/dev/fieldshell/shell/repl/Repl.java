package dev.fieldshell.shell.repl;

import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.link.Prompter;
import java.io.IOError;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Status;

/**
 * The interactive shell: read a line, run it ({@link LineRunner}), repeat. Ctrl-C at the prompt
 * clears the line; Ctrl-C while a module command runs sends it to the module; Ctrl-D leaves.
 */
public final class Repl {

    private final Terminal terminal;
    private final Session session;
    private final XdgDirs dirs;
    private final Style style;
    private final Map<ModuleLink, CommandTree> trees = new IdentityHashMap<>();
    private final CrashSpotter spotter = CrashSpotter.bundled();
    private final UnsolicitedOutput unsolicited;
    private LineReader reader;
    private LineRunner runner;
    private Status status;

    public Repl(Terminal terminal, Session session, XdgDirs dirs, boolean color) {
        this.terminal = terminal;
        this.session = session;
        this.dirs = dirs;
        this.style = new Style(color);
        this.unsolicited = new UnsolicitedOutput(spotter, this::printAbove, session);
    }

    /** A prompter for links opened from this REPL: questions and secrets go through the line reader. */
    public Prompter prompter() {
        return new Prompter() {
            @Override
            public boolean confirm(String question) {
                return ask(question);
            }

            @Override
            public Optional<String> secret(String prompt) {
                return readSecret(prompt);
            }

            @Override
            public void info(String line) {
                printAbove(line);
            }
        };
    }

    /**
     * Builds the line reader (key maps, completion, history) before there is a module to talk to:
     * the REPL's start calls it while the built-in simulator is still starting.
     */
    public void prepare(boolean debug) {
        if (reader != null) {
            return;
        }
        List<LocalCommand> local = LocalCommands.all();
        runner = new LineRunner(session, local, spotter, true, false, debug, this::readSecret, style)
                .printLaterWith(this::printAbove);
        DefaultParser parser = new DefaultParser();
        parser.setEscapeChars(new char[0]); // the module's tokenizer has no escapes
        try {
            PrivateFile.create(dirs.state().resolve("history"));
        } catch (IOException e) {
            // JLine reports an unwritable history itself
        }
        reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("fieldshell")
                .parser(parser)
                .history(new MaskingHistory())
                .variable(LineReader.HISTORY_FILE, dirs.state().resolve("history"))
                .variable(LineReader.HISTORY_SIZE, 2000)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                .completer(new ReplCompleter(runner.commands(), session,
                        new ModuleCompleter(this::currentTree, this::askModule)))
                .build();
        StartupTrace.mark("reader");
    }

    /** Runs until {@code :quit} or Ctrl-D; returns the exit code. */
    public int run(boolean debug) {
        prepare(debug);
        quietWhenTheTerminalGoes(debug);
        terminal.handle(Terminal.Signal.INT, s -> session.currentLink().ifPresent(ModuleLink::interrupt));
        session.onChange(this::linksChanged);
        linksChanged();
        StartupTrace.mark("status");
        try {
            while (!session.quitRequested()) {
                String line;
                try {
                    line = reader.readLine(prompt());
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                } catch (IOError e) {
                    break; // the terminal went away (window closed, tmux killed): leave as on Ctrl-D
                }
                runner.run(line);
                updateStatus();
            }
        } finally {
            if (status != null) {
                try {
                    status.hide(); // close() alone gives the line back to scrolling but leaves its text on the screen
                    status.close();
                } catch (IOError e) {
                    // no terminal left to clear the status line on
                }
            }
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                // History is a convenience; never fail the exit over it.
            }
        }
        return 0;
    }

    /**
     * JLine's signal threads (SIGCONT, SIGWINCH) ask the terminal its size; once the terminal is gone that throws
     * IOError on a thread of theirs. Nobody is left to read it, so it is not worth a stack trace; anything else
     * on another thread is one line, with the trace only under --debug.
     */
    private static void quietWhenTheTerminalGoes(boolean debug) {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (debug) {
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                e.printStackTrace();
            } else if (!(e instanceof IOError)) {
                System.err.println("fieldshell: " + thread.getName() + ": " + e);
            }
        });
    }

    private String prompt() {
        String name = session.currentName();
        if (name.isEmpty()) {
            return style.dim("fieldshell") + "> ";
        }
        boolean secure = session.currentLink().map(l -> l.info().secure()).orElse(false);
        return (style.color() ? "\u001b[1m" + name + "\u001b[0m" : name) + " OVMS" + (secure ? "# " : "> ");
    }

    private void linksChanged() {
        for (ModuleLink l : session.targets().values()) {
            String name = session.targets().entrySet().stream().filter(e -> e.getValue() == l)
                    .map(Map.Entry::getKey).findFirst().orElse("");
            l.onLog(line -> unsolicited.accept(name, line));
        }
        trees.keySet().removeIf(l -> !session.targets().containsValue(l));
        updateStatus();
    }

    private Optional<CommandTree> currentTree() {
        Optional<ModuleLink> link = session.currentLink();
        if (link.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(trees.computeIfAbsent(link.get(), l -> new CommandTree(this::askModule,
                CommandTree.cacheFileFor(dirs.cache(), l.info().firmware()))));
    }

    /** Runs a command on the current module for completion; empty if there is no link or it failed. */
    private Optional<String> askModule(String command) {
        Optional<ModuleLink> link = session.currentLink();
        if (link.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(link.get().run(command).output());
        } catch (LinkException e) {
            return Optional.empty();
        }
    }

    private void updateStatus() {
        if (reader == null || "dumb".equals(terminal.getType()) || "off".equals(System.getenv("FIELDSHELL_STATUS"))) {
            return;
        }
        if (status == null) {
            status = Status.getStatus(terminal);
            if (status == null) {
                return;
            }
        }
        status.update(List.of(statusLine()));
    }

    private AttributedString statusLine() {
        String text;
        Optional<ModuleLink> link = session.currentLink();
        if (link.isEmpty()) {
            text = " no target · :connect sim | ssh://user@host | serial:/dev/ttyUSB0";
        } else {
            ModuleLink l = link.get();
            String fw = l.info().firmware();
            text = " " + session.currentName() + " · " + l.target() + " · " + (fw.isEmpty() ? "firmware unknown" : fw)
                    + " · " + l.stateText()
                    + (session.transcript().isPresent() ? " · logging" : "");
        }
        return style.color()
                ? new AttributedString(text, AttributedStyle.DEFAULT.inverse())
                : new AttributedString(text);
    }

    private boolean ask(String question) {
        if (reader == null) {
            return false;
        }
        Object old = reader.getVariable(LineReader.DISABLE_HISTORY);
        reader.setVariable(LineReader.DISABLE_HISTORY, true);
        try {
            String a = reader.readLine(question + " [y/N] ").strip().toLowerCase();
            return a.equals("y") || a.equals("yes");
        } catch (UserInterruptException | EndOfFileException e) {
            return false;
        } finally {
            reader.setVariable(LineReader.DISABLE_HISTORY, old == null ? false : old);
        }
    }

    private Optional<String> readSecret(String prompt) {
        if (reader == null) {
            return Optional.empty();
        }
        Object old = reader.getVariable(LineReader.DISABLE_HISTORY);
        reader.setVariable(LineReader.DISABLE_HISTORY, true);
        try {
            // Mask character 0: nothing is echoed, not even stars.
            // An empty answer is an answer (a module without a password takes any, even none).
            return Optional.of(reader.readLine(prompt, (char) 0));
        } catch (UserInterruptException | EndOfFileException e) {
            return Optional.empty();
        } finally {
            reader.setVariable(LineReader.DISABLE_HISTORY, old == null ? false : old);
        }
    }

    private void printAbove(String text) {
        if (reader != null && reader.isReading()) {
            reader.printAbove(text);
        } else {
            terminal.writer().println(text);
            terminal.writer().flush();
        }
    }
}
