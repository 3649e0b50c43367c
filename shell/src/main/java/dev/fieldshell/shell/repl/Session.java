package dev.fieldshell.shell.repl;

import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.ModuleLink;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The state one shell run keeps: open targets and the current one, the transcript, the last crash
 * text. The REPL, {@code -c} and script runs each make one; {@link LocalCommand}s see it as a
 * {@link ReplContext}.
 */
public final class Session implements ReplContext, AutoCloseable {

    /** Opens a target text as a link. */
    @FunctionalInterface
    public interface Opener {
        ModuleLink open(String target) throws LinkException;
    }

    private final Opener opener;
    private final PrintWriter out;
    private final Predicate<String> asker;
    private final boolean interactive;
    private final boolean color;
    private final XdgDirs dirs;
    private final Clock clock;
    private final Map<String, ModuleLink> targets = new LinkedHashMap<>();
    private String current = "";
    private Transcript transcript;
    private String lastCrash;
    private boolean quitRequested;
    private Runnable onChange = () -> {};
    private String defaultTarget;

    public Session(Opener opener, PrintWriter out, Predicate<String> asker, boolean interactive, boolean color,
            XdgDirs dirs, Clock clock) {
        this.opener = opener;
        this.out = out;
        this.asker = asker;
        this.interactive = interactive;
        this.color = color;
        this.dirs = dirs;
        this.clock = clock;
    }

    /** The session behind a context; built-in commands need more than {@link ReplContext} offers. */
    static Session of(ReplContext ctx) {
        if (ctx instanceof Session s) {
            return s;
        }
        throw new IllegalStateException("this command needs the fieldshell session, not " + ctx.getClass().getName());
    }

    /** Called after the current target or its state changed (the REPL redraws its status line). */
    void onChange(Runnable r) {
        this.onChange = r;
    }

    // ---- ReplContext

    /** A target opened on first need when a script sends a module line before any {@code :connect}. */
    public void defaultTarget(String target) {
        this.defaultTarget = target;
    }

    @Override
    public ModuleLink link() throws LinkException {
        if (targets.isEmpty() && defaultTarget != null) {
            String t = defaultTarget;
            defaultTarget = null; // tried once: a failing default must not be retried on every line
            return connect(t, dev.fieldshell.shell.link.Targets.defaultName(t));
        }
        ModuleLink l = targets.get(current);
        if (l == null) {
            throw new LinkException(targets.isEmpty()
                    ? "no target is open; use :connect TARGET (sim, ssh://user@host, serial:/dev/ttyUSB0)"
                    : "no current target; use :use NAME (open: " + String.join(", ", targets.keySet()) + ")");
        }
        return l;
    }

    @Override
    public Optional<ModuleLink> currentLink() {
        return Optional.ofNullable(targets.get(current));
    }

    @Override
    public String currentName() {
        return targets.containsKey(current) ? current : "";
    }

    @Override
    public Map<String, ModuleLink> targets() {
        return Collections.unmodifiableMap(targets);
    }

    @Override
    public synchronized ModuleLink open(String target, String name) throws LinkException {
        ModuleLink existing = targets.get(name);
        if (existing != null) {
            return existing;
        }
        ModuleLink link = opener.open(target);
        link.onLinkEvent(event -> record(Transcript.LINK, event));
        targets.put(name, link);
        record(Transcript.LINK, "opened " + link.target() + " as " + name
                + (link.info().firmware().isEmpty() ? "" : ", firmware " + link.info().firmware()));
        return link;
    }

    @Override
    public PrintWriter out() {
        return out;
    }

    @Override
    public void println(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public boolean confirm(String question) {
        if (!interactive) {
            println(question + " [y/N] no (no terminal; pass --yes to confirm)");
            return false;
        }
        return asker.test(question);
    }

    @Override
    public synchronized void record(String kind, String text) {
        if (transcript != null) {
            transcript.write(currentName(), kind, text);
        }
    }

    @Override
    public Optional<String> lastCrash() {
        return Optional.ofNullable(lastCrash);
    }

    @Override
    public boolean interactive() {
        return interactive;
    }

    @Override
    public boolean color() {
        return color;
    }

    @Override
    public XdgDirs dirs() {
        return dirs;
    }

    // ---- for the built-in commands and the runners

    void lastCrash(String text) {
        this.lastCrash = text;
    }

    /** Opens {@code target} as {@code name} and makes it current (closing a link of that name first). */
    public ModuleLink connect(String target, String name) throws LinkException {
        defaultTarget = null; // the user chose a target: never fall back to another one silently
        ModuleLink old = targets.remove(name);
        if (old != null) {
            old.close();
        }
        ModuleLink link = open(target, name);
        current = name;
        onChange.run();
        return link;
    }

    void use(String name) {
        if (!targets.containsKey(name)) {
            throw new dev.fieldshell.shell.cli.UsageException("no open target named '" + name + "'"
                    + (targets.isEmpty() ? "" : " (open: " + String.join(", ", targets.keySet()) + ")"));
        }
        current = name;
        onChange.run();
    }

    /** Closes the named target; the current one becomes the most recently opened remaining one. */
    void disconnect(String name) {
        ModuleLink l = targets.remove(name);
        if (l == null) {
            throw new dev.fieldshell.shell.cli.UsageException("no open target named '" + name + "'");
        }
        record(Transcript.LINK, "closed " + l.target());
        l.close();
        if (name.equals(current)) {
            current = targets.isEmpty() ? "" : targets.keySet().stream().reduce((a, b) -> b).orElse("");
        }
        onChange.run();
    }

    Optional<Transcript> transcript() {
        return Optional.ofNullable(transcript);
    }

    Path startTranscript(Path file) throws IOException {
        stopTranscript();
        Path f = file != null ? file
                : dirs.state().resolve("transcripts")
                        .resolve(LocalDateTime.now(clock).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".log");
        transcript = Transcript.open(f, clock);
        record(Transcript.LINK, "transcript started");
        return transcript.file();
    }

    Optional<Path> stopTranscript() {
        if (transcript == null) {
            return Optional.empty();
        }
        record(Transcript.LINK, "transcript stopped");
        Path f = transcript.file();
        transcript.close();
        transcript = null;
        return Optional.of(f);
    }

    void requestQuit() {
        quitRequested = true;
    }

    boolean quitRequested() {
        return quitRequested;
    }

    Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        stopTranscript();
        for (ModuleLink l : targets.values()) {
            l.close();
        }
        targets.clear();
        current = "";
    }
}
