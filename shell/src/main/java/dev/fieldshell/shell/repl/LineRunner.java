package dev.fieldshell.shell.repl;

import dev.fieldshell.shell.cli.UsageException;
import dev.fieldshell.shell.link.CommandResult;
import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.ovms.Quoting;
import dev.fieldshell.shell.ovms.Tokenizer;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Runs one line the way the shell does: {@code :name args} runs a local command, anything else
 * goes to the current module as typed. Shared by the REPL and by scripts; failures are reported in
 * one line and never end the run.
 */
final class LineRunner {

    /** {@code enable} (or a prefix of at least "en") with no password: the module would read it without echo. */
    private static final Pattern BARE_ENABLE = Pattern.compile("\\s*en(?:a|ab|abl|able)?\\s*");

    private final Session session;
    private final Map<String, LocalCommand> commands = new LinkedHashMap<>();
    private final CrashSpotter spotter;
    private final boolean streaming;
    private final boolean json;
    private final boolean debug;
    private final Function<String, Optional<String>> secretReader;
    private final Style style;
    private int failures;
    /** Where a line that arrives after its command goes: above the prompt at a terminal. */
    private java.util.function.Consumer<String> later;

    LineRunner(Session session, List<LocalCommand> local, CrashSpotter spotter, boolean streaming, boolean json,
            boolean debug, Function<String, Optional<String>> secretReader, Style style) {
        this.session = session;
        for (LocalCommand c : local) {
            commands.put(c.name(), c);
        }
        this.spotter = spotter;
        this.streaming = streaming;
        this.json = json;
        this.debug = debug;
        this.secretReader = secretReader;
        this.style = style;
        this.later = session::println;
    }

    /** Lines computed in the background (the inline crash answer) go through {@code printer}. */
    LineRunner printLaterWith(java.util.function.Consumer<String> printer) {
        this.later = printer;
        return this;
    }

    Map<String, LocalCommand> commands() {
        return commands;
    }

    /** How many lines failed so far (a link or a local command failed). */
    int failures() {
        return failures;
    }

    /** Runs one line. */
    void run(String rawLine) {
        String line = rawLine.strip();
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        if (line.contains("\n") || spotter.spot(line).isPresent()) {
            // Several lines at once (a paste) or crash text: look for a crash first.
            Optional<CrashSpotter.Sighting> crash = spotter.spot(rawLine);
            if (crash.isPresent()) {
                session.record(Transcript.TYPED, rawLine);
                offer(crash.get());
                return;
            }
            for (String l : rawLine.split("\r?\n")) {
                run(l);
            }
            return;
        }
        if (line.startsWith(":")) {
            runLocal(line);
        } else {
            runModule(line);
        }
    }

    private void runLocal(String line) {
        List<String> words = Words.split(line.substring(1));
        if (words.isEmpty()) {
            fail("empty local command; try :help");
            return;
        }
        session.record(Transcript.TYPED, line);
        String name = words.get(0);
        LocalCommand cmd = commands.get(name);
        if (cmd == null) {
            List<String> matches = commands.keySet().stream().filter(n -> n.startsWith(name)).toList();
            if (matches.size() == 1) {
                cmd = commands.get(matches.get(0));
            } else {
                fail("unknown command :" + name + (matches.isEmpty() ? "" : " (did you mean :" + String.join(", :", matches) + "?)")
                        + "; try :help");
                return;
            }
        }
        try {
            List<String> args = words.subList(1, words.size());
            if (cmd.rawArguments()) {
                // Everything after the command name, exactly as typed (e.g. JavaScript for :js).
                String rest = line.substring(1).strip();
                int space = rest.indexOf(' ');
                args = space < 0 ? List.of() : List.of(rest.substring(space + 1).strip());
            }
            cmd.run(args, session);
        } catch (UsageException e) {
            fail(usageLine(cmd, e.getMessage()));
            trace(e);
        } catch (LocalCommand.Reported e) {
            failures++; // the command said what went wrong
            trace(e);
        } catch (LinkException e) {
            fail(e.getMessage());
            trace(e);
        } catch (Exception | Error e) {
            fail(":" + cmd.name() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            trace(e);
        }
    }

    /**
     * One line, as everywhere else: the usage's first line follows (:help has the rest). Commands
     * shared with the command line name themselves ("macro: …") or are their usage already; the
     * REPL's prefix and usage say that once.
     */
    static String usageLine(LocalCommand cmd, String message) {
        String usage = cmd.usage().lines().findFirst().orElse(":" + cmd.name());
        String msg = message == null ? "" : message;
        if (msg.startsWith(cmd.name() + ": ")) {
            msg = msg.substring(cmd.name().length() + 2);
        }
        if (msg.isBlank() || msg.startsWith("usage:")) {
            return ":" + cmd.name() + ": usage: " + usage;
        }
        return ":" + cmd.name() + ": " + msg + "; usage: " + usage;
    }

    private void runModule(String line) {
        ModuleLink link;
        try {
            link = session.link();
        } catch (LinkException e) {
            fail(e.getMessage());
            return;
        }
        String toSend = line;
        if (BARE_ENABLE.matcher(line).matches()) {
            // The module would read the password from the following keystrokes without echo; ask here
            // instead, so it is never echoed, never in history, and the framing stays exact.
            Optional<String> pw = secretReader.apply("Password for enable on " + session.currentName() + ": ");
            if (pw.isEmpty()) {
                fail("enable: no password given" + (session.interactive() ? "" : " (in a script write enable <password>)"));
                return;
            }
            // Enter alone sends `enable ""`: a module without a password answers "Secure mode" to any
            // enable, as it would to a bare one; with a password it refuses it in one line.
            switch (Quoting.line(List.of("enable"), List.of(pw.get()))) {
                case Quoting.Line.Ok ok -> toSend = ok.line();
                case Quoting.Line.Refused r -> {
                    // The reason names the character or the rule, never the password.
                    fail("enable: this password cannot be sent on the module's command line: " + r.reason());
                    return;
                }
            }
        }
        int bytes = toSend.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > Tokenizer.MAX_LINE) {
            // microrl keeps the first 799 bytes and drops the rest without a word: a cut `vfs echo` loses its
            // closing quote or its file name, a cut `config set` writes a cut value.
            fail("not sent: the line is " + bytes + " bytes and the module keeps only the first " + Tokenizer.MAX_LINE
                    + ", dropping the rest without a word");
            return;
        }
        session.record(Transcript.TYPED, line.equals(toSend) ? line : "enable " + Secrets.MASK);
        PrintWriter out = session.out();
        try {
            CommandResult r;
            if (streaming && !json) {
                r = link.stream(toSend, chunk -> {
                    out.print(style.moduleOutput(chunk));
                    out.flush();
                });
                if (!r.output().isEmpty() && !r.output().endsWith("\n")) {
                    out.println();
                }
                out.flush();
            } else {
                r = link.run(toSend);
                if (json) {
                    out.println(Json.result(session.currentName(), line.equals(toSend) ? line : "enable " + Secrets.MASK, r));
                } else {
                    out.print(style.moduleOutput(r.output()));
                    if (!r.output().isEmpty() && !r.output().endsWith("\n")) {
                        out.println();
                    }
                }
                out.flush();
            }
            session.record(Transcript.OUTPUT, Secrets.maskOutput(toSend, r.output()));
            spotter.spot(r.output()).ifPresent(this::offer);
        } catch (LinkException e) {
            fail(e.getMessage());
            session.record(Transcript.LINK, e.getMessage());
            trace(e);
        }
    }

    /** Tells the user in one line that crash text was seen, and keeps it for {@code :kb suggest}. */
    void offer(CrashSpotter.Sighting crash) {
        session.lastCrash(crash.text());
        session.println(style.notice("crash text seen (" + crash.label() + "); :kb suggest ranks its likely causes"));
        session.record("crash", "recognized " + crash.label());
        // The top suggestion, inline. At a terminal it comes when ready (opening the KB takes a moment)
        // so the prompt never waits for Lucene; in scripts it comes in order.
        Runnable answer = () -> dev.fieldshell.shell.kb.KbLocalCommand.answerInline(session, crash.text(),
                a -> later.accept(style.notice(a)));
        if (session.interactive()) {
            Thread.ofPlatform().daemon(true).name("kb-inline-answer").start(answer);
        } else {
            answer.run();
        }
    }

    private void fail(String message) {
        failures++;
        PrintWriter out = session.out();
        out.println(style.error(message));
        out.flush();
    }

    private void trace(Throwable e) {
        if (debug) {
            e.printStackTrace(session.out());
            session.out().flush();
        }
    }
}
